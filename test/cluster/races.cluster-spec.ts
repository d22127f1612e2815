import type { ApiProcess } from '../support/api-process';
import { CLAIM_300_OFF_50, Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { runJob } from '../support/outbox';
import { startClusterDeployment, type ClusterDeployment } from './support/cluster';

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
 * The single-database races of test/api (coupons, wallet) re-run across two API replicas on two Galera
 * nodes: the same row changed on two nodes at once fails certification (1213) on one, and the unit of
 * work is retried there, so the conditional updates keep their promise cluster-wide (nightly).
 */
describe('Races across two replicas on two Galera nodes (nightly)', () => {
  let deployment: ClusterDeployment;
  let factory: Factory;
  let replicas: ApiProcess[];
  let admin: StaffFixture;
  let storeId: number;

  beforeAll(async () => {
    deployment = await startClusterDeployment();
    factory = new Factory(deployment.server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
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
});
