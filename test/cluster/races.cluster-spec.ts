import { signedNotification } from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import type { WechatRefundNotice } from '../../server/src/infra/wechat/pay/wechat-pay.types';
import type { ApiProcess } from '../support/api-process';
import { CLAIM_300_OFF_50, Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { GroupBuyFixtures } from '../support/group-buys';
import { advanceClock, outboxEvents, resetClock, runJob, waitFor } from '../support/outbox';
import { startClusterDeployment, type ClusterDeployment } from './support/cluster';

const HOUR = 3_600;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  authorization: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * The single-database races of test/api (coupons, wallet, group-buy seats and refunds) re-run across two API replicas on two Galera
 * nodes: the same row changed on two nodes at once fails certification (1213) on one, and the unit of
 * work is retried there, so the conditional updates keep their promise cluster-wide (nightly).
 */
describe('Races across two replicas on two Galera nodes (nightly)', () => {
  let deployment: ClusterDeployment;
  let factory: Factory;
  let replicas: ApiProcess[];
  let admin: StaffFixture;
  let storeId: number;
  let deal: GroupBuyFixtures;

  beforeAll(async () => {
    deployment = await startClusterDeployment();
    factory = new Factory(deployment.server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    const frames = await factory.sku('frames', { storeId, quantity: 1_000, price: 39_900 });
    deal = new GroupBuyFixtures(deployment.server, admin, storeId, frames.id);
    replicas = [await deployment.replica(1), await deployment.replica(2)];
  }, 120_000);
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((replica) => replica.kill()));
    await deployment?.server.stop();
  });

  const spread = <T>(items: T[], send: (replica: ApiProcess, item: T) => Promise<Answer>) =>
    Promise.all(items.map((item, index) => send(replicas[index % 2], item)));

  it('should let exactly 1 of 24 members claim a coupon template of total 1, the claims split over both replicas', async () => {
    const template = await call(
      deployment.server.baseUrl,
      'POST',
      '/admin/coupon-templates',
      admin.authorization,
      {
        ...CLAIM_300_OFF_50,
        totalQuantity: 1,
      },
    );
    expect(template.status).toBe(201);
    const claimants: MemberFixture[] = [];
    for (let index = 0; index < 24; index += 8) {
      claimants.push(...(await Promise.all(Array.from({ length: 8 }, () => factory.member()))));
    }
    const answers = await spread(claimants, (replica, member) =>
      call(replica.baseUrl, 'POST', `/coupons/${template.body.id as number}/claim`, member.authorization),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(
      answers
        .filter((answer) => answer.status !== 201)
        .map((answer) => `${answer.status} ${answer.body.code as string}`),
    ).toEqual(Array(23).fill('409 COUPON_SOLD_OUT'));
    const [row] = await deployment.server.dataSource.query(
      'SELECT issued, (SELECT COUNT(*) FROM coupons WHERE template_id = ?) AS held FROM coupon_templates WHERE id = ?',
      [template.body.id, template.body.id],
    );
    expect([Number(row.issued), Number(row.held)]).toEqual([1, 1]);
  });

  it('should let exactly 10 of 30 concurrent ¥10 wallet payments through a ¥100 balance, split over both replicas', async () => {
    const plans = await call(deployment.server.baseUrl, 'PUT', '/admin/wallet/plans', admin.authorization, [
      { pay: 10_000, credit: 10_000 },
    ]);
    expect(plans.status).toBe(200);
    const planId = (plans.body as unknown as { id: number }[])[0].id;
    const member = await factory.member();
    const topUp = await call(deployment.server.baseUrl, 'POST', '/me/wallet/top-ups', member.authorization, {
      planId,
    });
    expect(topUp.status).toBe(201);
    const paid = await call(
      deployment.server.baseUrl,
      'POST',
      `/dev/payments/${topUp.body.orderId as number}/succeed`,
      member.authorization,
    );
    expect(paid.status).toBe(200);
    await runJob(deployment.server.baseUrl, 'outbox');
    const tenYuan = await factory.sku('contacts', { storeId, quantity: 1_000, price: 1_000 });
    const answers = await spread(Array.from({ length: 30 }), (replica) =>
      call(replica.baseUrl, 'POST', '/orders', member.authorization, {
        storeId,
        fulfilment: 'pickup',
        items: [{ skuId: tenYuan.id, quantity: 1 }],
        useBalance: true,
      }),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(created).toHaveLength(10);
    expect(created.every((answer) => answer.body.balancePaid === 1_000 && answer.body.payable === 0)).toBe(
      true,
    );
    expect(
      answers
        .filter((answer) => answer.status !== 201)
        .map((answer) => `${answer.status} ${answer.body.code as string}`),
    ).toEqual(Array(20).fill('409 WALLET_INSUFFICIENT'));
    const wallet = await call(replicas[1].baseUrl, 'GET', '/me/wallet', member.authorization);
    expect(wallet.body).toMatchObject({ balance: 0 });
    const [stock] = await deployment.server.dataSource.query(
      'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
      [storeId, tenYuan.id],
    );
    expect(Number(stock.quantity)).toBe(990);
  });

  const members = (n: number) => Promise.all(Array.from({ length: n }, () => factory.member()));
  /** `sql`'s single number on each of the three nodes' copies of the test database. */
  const onEveryNode = async (sql: string, parameters: unknown[]): Promise<number[]> =>
    Promise.all(
      ([1, 2, 3] as const).map(async (node) => {
        const connection = await deployment.connect(node);
        try {
          await connection.query('SET SESSION wsrep_sync_wait = 1');
          const [rows] = await connection.query(sql, parameters);
          return Number((rows as { n: number | string }[])[0].n);
        } finally {
          await connection.end();
        }
      }),
    );

  it('should seat exactly 2 of 10 concurrent joins on a group with 2 seats left, the joins split over both replicas; 8 get GROUP_FULL and hold nothing', async () => {
    const campaignId = await deal.campaign({ groupSize: 4 });
    const [leader, first] = await members(2);
    const { groupId } = await deal.groupWith(campaignId, leader, [first]);
    expect((await deal.group(groupId)).seatsLeft).toBe(2);
    const stockBefore = await deal.stock();
    const crowd = await members(10);
    const responses = await Promise.all(
      crowd.map((member, index) => deal.join(member, groupId, replicas[index % 2].baseUrl)),
    );
    expect(responses.map((response) => `${response.status} ${response.body.code ?? ''}`).sort()).toEqual([
      '200 ',
      '200 ',
      ...Array(8).fill('409 GROUP_FULL'),
    ]);
    // Each replica reads the group as the other left it.
    for (const replica of replicas) {
      const group = await deal.group(groupId, replica.baseUrl);
      expect(group).toMatchObject({ seatsLeft: 0, status: 'open' });
      expect(group.members).toHaveLength(4);
    }
    const winners = crowd.filter((_member, index) => responses[index].status === 200);
    const losers = crowd.filter((_member, index) => responses[index].status === 409);
    expect(await deal.held(winners)).toEqual({ orders: 2, seats: 2, quota: 2 });
    expect(await deal.held(losers)).toEqual({ orders: 0, seats: 0, quota: 0 });
    // Every node holds the same: 4 seats taken, 4 seat orders, the stock of exactly 2 more.
    expect(
      await onEveryNode('SELECT seats_taken AS n FROM group_buy_groups WHERE id = ?', [groupId]),
    ).toEqual([4, 4, 4]);
    expect(
      await onEveryNode(
        'SELECT COUNT(*) AS n FROM group_buy_seats WHERE group_id = ? AND order_id IS NOT NULL',
        [groupId],
      ),
    ).toEqual([4, 4, 4]);
    expect(
      await onEveryNode('SELECT quantity AS n FROM store_stock WHERE store_id = ? AND sku_id = ?', [
        storeId,
        deal.skuId,
      ]),
    ).toEqual(Array(3).fill(stockBefore - 2));
  });

  it('should fail an expired group once and refund each paid seat once when the expiry job runs in both replicas and each notification arrives 4 times over both', async () => {
    const { server } = deployment;
    const campaignId = await deal.campaign({ groupSize: 4, hoursToComplete: 2 });
    const stockBefore = await deal.stock();
    const people = await members(3);
    const { groupId, orders } = await deal.groupWith(campaignId, people[0], people.slice(1));
    await deal.pay(people[0], orders[0]);
    await deal.pay(people[1], orders[1]);
    expect(await deal.stock()).toBe(stockBefore - 3);
    const processes = [server.baseUrl, ...replicas.map((replica) => replica.baseUrl)];
    try {
      const [now] = await Promise.all(processes.map((baseUrl) => advanceClock(baseUrl, 2 * HOUR + 1)));
      const [due] = await onEveryNode(
        "SELECT COUNT(*) AS n FROM group_buy_groups WHERE status = 'open' AND deadline <= ?",
        [now],
      );
      expect(due).toBeGreaterThanOrEqual(1);
      const handled = await Promise.all(
        [...replicas, ...replicas].map((replica) => runJob(replica.baseUrl, 'group-buy-expiry')),
      );
      expect(handled.reduce((sum, n) => sum + n, 0)).toBe(due);
      await Promise.all(replicas.map((replica) => runJob(replica.baseUrl, 'outbox')));
      expect((await deal.group(groupId, replicas[1].baseUrl)).status).toBe('failed');
      await waitFor(async () => {
        await Promise.all(replicas.map((replica) => runJob(replica.baseUrl, 'outbox')));
        const states: { state: string }[] = await server.dataSource.query(
          'SELECT state FROM refunds WHERE order_id IN (?, ?)',
          [orders[0].id, orders[1].id],
        );
        return states.length === 2 && states.every((row) => row.state === 'succeeded');
      }, 20_000);

      // WeChat Pay delivers each refund notification 4 times, twice to each replica, at once.
      const refunds: { out_refund_no: string; refund_id: string }[] = await server.dataSource.query(
        'SELECT out_refund_no, refund_id FROM refunds WHERE order_id IN (?, ?) ORDER BY order_id',
        [orders[0].id, orders[1].id],
      );
      expect(refunds.map((row) => row.out_refund_no)).toEqual([`${orders[0].no}GB`, `${orders[1].no}GB`]);
      for (const [index, refund] of refunds.entries()) {
        const notice: WechatRefundNotice = {
          mchid: server.pay.mchId,
          out_trade_no: orders[index].no,
          transaction_id: `4200${index}`,
          out_refund_no: refund.out_refund_no,
          refund_id: refund.refund_id,
          refund_status: 'SUCCESS',
          amount: { total: 19_900, refund: 19_900, payer_total: 19_900, payer_refund: 19_900 },
        };
        const deliveries = await Promise.all(
          [...replicas, ...replicas].map(async (replica) => {
            const notification = signedNotification(server.pay, 'REFUND.SUCCESS', notice);
            const response = await fetch(`${replica.baseUrl}/api/v1/payments/wechat/notify`, {
              method: 'POST',
              headers: notification.headers,
              body: notification.body,
            });
            return response.status;
          }),
        );
        expect(deliveries).toEqual(Array(4).fill(204));
      }
      await Promise.all(replicas.map((replica) => runJob(replica.baseUrl, 'outbox')));

      for (const [index, order] of orders.slice(0, 2).entries()) {
        const after = await call(
          replicas[index].baseUrl,
          'GET',
          `/orders/${order.id}`,
          people[index].authorization,
        );
        expect(after.body).toMatchObject({ status: 'refunded', refunded: 19_900 });
        expect(await outboxEvents(server, 'OrderRefunded', order.id)).toHaveLength(1);
        expect(await onEveryNode('SELECT COUNT(*) AS n FROM refunds WHERE order_id = ?', [order.id])).toEqual(
          [1, 1, 1],
        );
      }
      // The unpaid seat's order is cancelled, all the stock is back, the group failed once.
      const unpaid = await call(
        replicas[0].baseUrl,
        'GET',
        `/orders/${orders[2].id}`,
        people[2].authorization,
      );
      expect(unpaid.body).toMatchObject({ status: 'cancelled' });
      expect(
        await onEveryNode('SELECT quantity AS n FROM store_stock WHERE store_id = ? AND sku_id = ?', [
          storeId,
          deal.skuId,
        ]),
      ).toEqual(Array(3).fill(stockBefore));
      expect(await outboxEvents(server, 'GroupBuyFailed', groupId)).toHaveLength(1);
      expect(await runJob(replicas[1].baseUrl, 'group-buy-expiry')).toBe(0);
    } finally {
      await Promise.all(processes.map((baseUrl) => resetClock(baseUrl)));
    }
  });
});
