import type { Order } from '@lensloop/shared';
import request from 'supertest';
import { signedNotification } from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import type { WechatRefundNotice } from '../../server/src/infra/wechat/pay/wechat-pay.types';
import { startApiProcess } from '../support/api-process';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { GroupBuyFixtures } from '../support/group-buys';
import { placeOrder } from '../support/orders';
import { advanceClock, outboxEvents, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const HOUR = 3_600;

/** Group-buy: campaigns, seats under concurrency, completion, failure refunds, vouchers (MariaDB). */
describe('group-buys (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let clerk: StaffFixture;
  let storeId: number;
  let frameSkuId: number;
  let serviceSkuId: number;

  const api = () => request(server.baseUrl);
  const as = (who: { authorization: string }, call: request.Test) =>
    call.set('authorization', who.authorization);
  const count = async (sql: string, parameters: unknown[] = []) =>
    Number((await server.dataSource.query(sql, parameters))[0].n);
  const ordersOf = (member: MemberFixture) =>
    count('SELECT COUNT(*) AS n FROM orders WHERE member_id = ?', [member.memberId]);

  const soon = () => new Date(Date.now() - 60_000).toISOString();
  const later = () => new Date(Date.now() + 30 * 24 * HOUR * 1000).toISOString();

  /** Campaigns of the frame SKU, groups opened, joined and paid (test/support/group-buys.ts). */
  let deal: GroupBuyFixtures;
  const orderOf = async (member: MemberFixture, orderId: number): Promise<Order> =>
    (await as(member, api().get(`/api/v1/orders/${orderId}`)).expect(200)).body;
  const members = (n: number) => Promise.all(Array.from({ length: n }, () => factory.member()));

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', storeId);
    clerk = await factory.staff('clerk', storeId);
    frameSkuId = (await factory.sku('frames', { storeId, quantity: 1_000, price: 39_900 })).id;
    serviceSkuId = (await factory.sku('services', { storeId, quantity: 9_999, price: 5_000 })).id;
    deal = new GroupBuyFixtures(server, admin, storeId, frameSkuId);
  });
  afterEach(() => resetClock(server.baseUrl));
  afterAll(() => server.stop());

  describe('campaigns (admin)', () => {
    it('should create a campaign with the SKU’s product and list it to admins and members', async () => {
      const id = await deal.campaign({ name: '二人团', groupSize: 2, maxGroups: 3 });
      const list = await as(admin, api().get('/api/v1/admin/group-buy-campaigns')).expect(200);
      expect(list.body.find((row: { id: number }) => row.id === id)).toMatchObject({
        name: '二人团',
        skuId: frameSkuId,
        listPrice: 39_900,
        groupPrice: 19_900,
        groupSize: 2,
        maxGroups: 3,
        groupsOpened: 0,
        status: 'active',
        category: 'frames',
        voucher: false,
      });
      const active = await api().get('/api/v1/group-buys').expect(200);
      expect(active.body.map((row: { id: number }) => row.id)).toContain(id);
    });

    it.each([
      ['a group of 1', { groupSize: 1 }],
      ['a group of 11', { groupSize: 11 }],
      ['a negative price', { groupPrice: -1 }],
      ['a price in yuan with decimals', { groupPrice: 9.9 }],
      ['no per-member limit', { perMemberLimit: 0 }],
      ['zero groups', { maxGroups: 0 }],
      ['a window that is not a date', { startsAt: 'tomorrow' }],
    ])('should refuse %s with 400 and create nothing', async (_label, overrides) => {
      const before = await count('SELECT COUNT(*) AS n FROM group_buy_campaigns');
      const response = await as(admin, api().post('/api/v1/admin/group-buy-campaigns'))
        .send({
          name: 'x',
          skuId: frameSkuId,
          groupPrice: 100,
          groupSize: 2,
          hoursToComplete: 24,
          startsAt: soon(),
          endsAt: later(),
          perMemberLimit: 1,
          newMembersOnly: false,
          ...overrides,
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await count('SELECT COUNT(*) AS n FROM group_buy_campaigns')).toBe(before);
    });

    it('should refuse a window that ends before it starts, an unknown SKU, and a clerk', async () => {
      const base = {
        name: 'x',
        skuId: frameSkuId,
        groupPrice: 100,
        groupSize: 2,
        hoursToComplete: 24,
        perMemberLimit: 1,
        newMembersOnly: false,
      };
      const backwards = await as(admin, api().post('/api/v1/admin/group-buy-campaigns'))
        .send({ ...base, startsAt: later(), endsAt: soon() })
        .expect(422);
      expect(backwards.body.code).toBe('GROUP_BUY_CAMPAIGN_INVALID');
      const unknown = await as(admin, api().post('/api/v1/admin/group-buy-campaigns'))
        .send({ ...base, skuId: 99_999_999, startsAt: soon(), endsAt: later() })
        .expect(404);
      expect(unknown.body.code).toBe('SKU_NOT_FOUND');
      await as(clerk, api().post('/api/v1/admin/group-buy-campaigns'))
        .send({ ...base, startsAt: soon(), endsAt: later() })
        .expect(403);
    });
  });

  describe('seats', () => {
    it('should seat exactly 2 of 10 concurrent joins on a group with 2 seats left; 8 get GROUP_FULL and hold nothing', async () => {
      const campaignId = await deal.campaign({ groupSize: 4 });
      const [leader, first] = await members(2);
      const { groupId } = await deal.groupWith(campaignId, leader, [first]);
      expect((await deal.group(groupId)).seatsLeft).toBe(2);
      const stockBefore = await deal.stock();
      const crowd = await members(10);
      const responses = await Promise.all(crowd.map((member) => deal.join(member, groupId)));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, ...Array(8).fill(409)]);
      const refused = responses.filter((response) => response.status === 409);
      expect(refused.map((response) => response.body.code)).toEqual(Array(8).fill('GROUP_FULL'));
      const group = await deal.group(groupId);
      expect(group).toMatchObject({ seatsLeft: 0, status: 'open' });
      expect(group.members).toHaveLength(4);
      // Nothing held for the 8: no order, no seat, no quota, no stock.
      const losers = crowd.filter((_member, index) => responses[index].status === 409);
      expect(await deal.held(losers)).toEqual({ orders: 0, seats: 0, quota: 0 });
      expect(await deal.stock()).toBe(stockBefore - 2);
    });

    it('should refuse a join after the deadline with GROUP_EXPIRED, holding nothing', async () => {
      const campaignId = await deal.campaign({ hoursToComplete: 1 });
      const [leader, late] = await members(2);
      const { groupId } = await deal.groupWith(campaignId, leader, []);
      await advanceClock(server.baseUrl, HOUR + 1);
      const response = await deal.join(late, groupId).expect(409);
      expect(response.body.code).toBe('GROUP_EXPIRED');
      expect(await ordersOf(late)).toBe(0);
    });

    it('should answer each refusal with its own 409 code and hold nothing', async () => {
      const campaignId = await deal.campaign({ groupSize: 2, perMemberLimit: 1 });
      const [leader, friend, third, limited] = await members(4);
      const { groupId } = await deal.groupWith(campaignId, leader, []);

      const own = await deal.join(leader, groupId).expect(409);
      expect(own.body.code).toBe('GROUP_OWN');

      // The per-member limit: `limited` holds a seat of the campaign in another group.
      const other = await deal.groupWith(campaignId, limited, []);
      const overLimit = await deal.join(limited, groupId).expect(409);
      expect(overLimit.body.code).toBe('GROUP_BUY_LIMIT_REACHED');
      expect(await ordersOf(limited)).toBe(1);

      await deal.join(friend, groupId).expect(200);
      const twice = await deal.join(friend, groupId).expect(409);
      expect(twice.body.code).toBe('GROUP_ALREADY_JOINED');
      const full = await deal.join(third, groupId).expect(409);
      expect(full.body.code).toBe('GROUP_FULL');
      expect(await ordersOf(third)).toBe(0);

      // A finished campaign: no new group, no joining an open one.
      await as(admin, api().patch(`/api/v1/admin/group-buy-campaigns/${campaignId}`))
        .send({ ended: true })
        .expect(200);
      const ended = await deal.join(third, other.groupId).expect(409);
      expect(ended.body.code).toBe('GROUP_BUY_CAMPAIGN_ENDED');
      const openEnded = await deal.open(third, campaignId).expect(409);
      expect(openEnded.body.code).toBe('GROUP_BUY_CAMPAIGN_ENDED');
      expect(await ordersOf(third)).toBe(0);
      expect((await deal.group(other.groupId)).seatsLeft).toBe(1);
    });

    it('should refuse a member who has bought before on a new-members-only deal, and a campaign out of groups', async () => {
      const newcomers = await deal.campaign({ newMembersOnly: true, maxGroups: 1 });
      const [regular, newcomer, another] = await members(3);
      const bought = await placeOrder(server.baseUrl, regular.authorization, {
        storeId,
        items: [{ skuId: frameSkuId, quantity: 1 }],
      });
      await deal.pay(regular, bought);
      const refused = await deal.open(regular, newcomers).expect(409);
      expect(refused.body.code).toBe('GROUP_BUY_NEW_MEMBERS_ONLY');
      expect(await ordersOf(regular)).toBe(1);

      await deal.open(newcomer, newcomers).expect(201);
      const soldOut = await deal.open(another, newcomers).expect(409);
      expect(soldOut.body.code).toBe('GROUP_BUY_SOLD_OUT');
      expect(await ordersOf(another)).toBe(0);
    });

    it('should release an unpaid seat after 10 minutes on the business clock, its order cancelled', async () => {
      const campaignId = await deal.campaign({ groupSize: 2 });
      const [leader, slow] = await members(2);
      const { groupId, orders } = await deal.groupWith(campaignId, leader, [slow]);
      expect((await deal.group(groupId)).seatsLeft).toBe(0);
      await advanceClock(server.baseUrl, 9 * 60);
      await runJob(server.baseUrl, 'order-expiry');
      await runJob(server.baseUrl, 'outbox');
      expect((await deal.group(groupId)).seatsLeft).toBe(0);
      await advanceClock(server.baseUrl, 60 + 1);
      await runJob(server.baseUrl, 'order-expiry');
      await runJob(server.baseUrl, 'outbox');
      expect((await orderOf(slow, orders[1].id)).status).toBe('cancelled');
      const group = await deal.group(groupId);
      expect(group.seatsLeft).toBe(2);
      expect(group.members).toHaveLength(0);
      // The seat is free again: the same member may take it anew.
      await deal.join(slow, groupId).expect(200);
    });
  });

  describe('completion', () => {
    it('should never complete with fewer than N paid, hold the orders until then, and move them on after', async () => {
      const campaignId = await deal.campaign({ groupSize: 3 });
      const people = await members(3);
      const { groupId, orders } = await deal.groupWith(campaignId, people[0], people.slice(1));
      expect(orders.map((order) => order.payable)).toEqual([19_900, 19_900, 19_900]);
      await deal.pay(people[0], orders[0]);
      await deal.pay(people[1], orders[1]);
      expect(await deal.group(groupId)).toMatchObject({ status: 'open', paidCount: 2, seatsLeft: 0 });
      // Staff may not fulfil a seat's order before its group completes.
      const held = await as(manager, api().post(`/api/v1/staff/orders/${orders[0].id}/transition`))
        .send({ to: 'processing' })
        .expect(409);
      expect(held.body.code).toBe('ORDER_ON_HOLD');
      expect(await outboxEvents(server, 'GroupBuyCompleted', groupId)).toHaveLength(0);

      await deal.pay(people[2], orders[2]);
      const group = await deal.group(groupId);
      expect(group).toMatchObject({ status: 'complete', paidCount: 3 });
      expect(group.members.map((member) => member.leader)).toEqual([true, false, false]);
      expect(await outboxEvents(server, 'GroupBuyCompleted', groupId)).toHaveLength(1);
      const [event] = await server.dataSource.query(
        "SELECT payload FROM outbox_events WHERE type = 'GroupBuyCompleted' AND aggregate_id = ?",
        [String(groupId)],
      );
      const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload;
      expect(payload.memberIds).toEqual(people.map((person) => person.memberId));
      await as(manager, api().post(`/api/v1/staff/orders/${orders[0].id}/transition`))
        .send({ to: 'processing' })
        .expect(200);
    });

    it('should show members masked, and the member’s groups', async () => {
      const campaignId = await deal.campaign({ groupSize: 2 });
      const leader = await factory.member({ nickname: '王小明' });
      const friend = await factory.member({ nickname: '李四' });
      const { groupId } = await deal.groupWith(campaignId, leader, [friend]);
      const group = await deal.group(groupId);
      expect(group.members.map((member) => member.nicknameMasked)).toEqual(['王*明', '李*']);
      expect(JSON.stringify(group)).not.toContain('小');
      const mine = await as(friend, api().get('/api/v1/me/groups')).expect(200);
      expect(mine.body[0]).toMatchObject({ id: groupId, leader: false, seatStatus: 'pending' });
    });

    it('should confirm 0-yuan seats without payment and give each member a voucher redeemed once in store', async () => {
      const campaignId = await deal.campaign({ skuId: serviceSkuId, groupPrice: 0, groupSize: 2 });
      const [leader, friend] = await members(2);
      const opened = await deal.open(leader, campaignId).expect(201);
      expect(opened.body.order).toMatchObject({ payable: 0, status: 'paid' });
      const joined = await deal.join(friend, opened.body.group.id).expect(200);
      expect(joined.body.order.status).toBe('paid');
      expect(joined.body.group.status).toBe('complete');
      const vouchers = await as(friend, api().get('/api/v1/me/vouchers')).expect(200);
      expect(vouchers.body).toHaveLength(1);
      expect(vouchers.body[0]).toMatchObject({ status: 'unused', redeemedAt: null });
      const code = vouchers.body[0].code as string;
      expect(code).toMatch(/^GV[2-9A-HJKMNP-Z]{10}$/);

      const redeemed = await as(clerk, api().post('/api/v1/staff/vouchers/redeem'))
        .send({ code: code.toLowerCase() })
        .expect(200);
      expect(redeemed.body).toMatchObject({ status: 'redeemed', memberId: friend.memberId, storeId });
      const again = await as(clerk, api().post('/api/v1/staff/vouchers/redeem')).send({ code }).expect(409);
      expect(again.body.code).toBe('VOUCHER_ALREADY_REDEEMED');
      const unknown = await as(clerk, api().post('/api/v1/staff/vouchers/redeem'))
        .send({ code: 'GV2222222222' })
        .expect(404);
      expect(unknown.body.code).toBe('VOUCHER_NOT_FOUND');
      await as(friend, api().post('/api/v1/staff/vouchers/redeem')).send({ code }).expect(403);
      // Ten concurrent redemptions of the leader's voucher: exactly one succeeds.
      const [leaderVoucher] = (await as(leader, api().get('/api/v1/me/vouchers')).expect(200)).body;
      const tries = await Promise.all(
        Array.from({ length: 10 }, () =>
          as(clerk, api().post('/api/v1/staff/vouchers/redeem')).send({ code: leaderVoucher.code }),
        ),
      );
      expect(tries.filter((response) => response.status === 200)).toHaveLength(1);
    });

    it('should refund one member of a complete group only; the group stays complete', async () => {
      const campaignId = await deal.campaign({ groupSize: 2 });
      const [leader, friend] = await members(2);
      const { groupId, orders } = await deal.groupWith(campaignId, leader, [friend]);
      await deal.pay(leader, orders[0]);
      await deal.pay(friend, orders[1]);
      expect((await deal.group(groupId)).status).toBe('complete');
      await as(manager, api().post(`/api/v1/staff/orders/${orders[1].id}/refunds`))
        .send({})
        .expect(200);
      await runJob(server.baseUrl, 'outbox');
      await waitFor(async () => (await orderOf(friend, orders[1].id)).status === 'refunded');
      await runJob(server.baseUrl, 'outbox');
      expect((await orderOf(leader, orders[0].id)).status).toBe('paid');
      expect((await deal.group(groupId)).status).toBe('complete');
      expect(
        await count('SELECT COUNT(*) AS n FROM refunds WHERE order_id IN (?, ?)', [
          orders[0].id,
          orders[1].id,
        ]),
      ).toBe(1);
    });
  });

  describe('failure', () => {
    it('should refund each paid member once when the expiry job runs in two processes and each notification arrives 5 times', async () => {
      const campaignId = await deal.campaign({ groupSize: 4, hoursToComplete: 2 });
      const stockBefore = await deal.stock();
      const people = await members(3);
      const { groupId, orders } = await deal.groupWith(campaignId, people[0], people.slice(1));
      await deal.pay(people[0], orders[0]);
      await deal.pay(people[1], orders[1]);
      expect(await deal.stock()).toBe(stockBefore - 3);

      const other = await startApiProcess(server, { JOBS_ENABLED: 'false' });
      try {
        const [now] = await Promise.all([
          advanceClock(server.baseUrl, 2 * HOUR + 1),
          advanceClock(other.baseUrl, 2 * HOUR + 1),
        ]);
        // Groups of earlier tests are past their deadline too: each fails once, whoever runs it.
        const due = await count(
          "SELECT COUNT(*) AS n FROM group_buy_groups WHERE status = 'open' AND deadline <= ?",
          [now],
        );
        expect(due).toBeGreaterThanOrEqual(1);
        const handled = await Promise.all([
          runJob(server.baseUrl, 'group-buy-expiry'),
          runJob(other.baseUrl, 'group-buy-expiry'),
          runJob(server.baseUrl, 'group-buy-expiry'),
          runJob(other.baseUrl, 'group-buy-expiry'),
        ]);
        expect(handled.reduce((sum, n) => sum + n, 0)).toBe(due);
        await Promise.all([runJob(server.baseUrl, 'outbox'), runJob(other.baseUrl, 'outbox')]);
      } finally {
        await other.kill();
      }
      expect((await deal.group(groupId)).status).toBe('failed');
      const paidNos = [orders[0].no, orders[1].no];
      await waitFor(async () => {
        const states: { state: string }[] = await server.dataSource.query(
          'SELECT state FROM refunds WHERE order_id IN (?, ?)',
          [orders[0].id, orders[1].id],
        );
        return states.length === 2 && states.every((row) => row.state === 'succeeded');
      });

      // WeChat Pay delivers each refund notification 5 times (retries, two replicas).
      const refunds: { out_refund_no: string; refund_id: string; amount: number; order_id: number }[] =
        await server.dataSource.query(
          'SELECT out_refund_no, refund_id, amount, order_id FROM refunds WHERE order_id IN (?, ?) ORDER BY order_id',
          [orders[0].id, orders[1].id],
        );
      expect(refunds.map((row) => row.out_refund_no)).toEqual(paidNos.map((no) => `${no}GB`));
      for (const [index, refund] of refunds.entries()) {
        const notice: WechatRefundNotice = {
          mchid: server.pay.mchId,
          out_trade_no: paidNos[index],
          transaction_id: `4200${index}`,
          out_refund_no: refund.out_refund_no,
          refund_id: refund.refund_id,
          refund_status: 'SUCCESS',
          amount: { total: 19_900, refund: 19_900, payer_total: 19_900, payer_refund: 19_900 },
        };
        const deliveries = await Promise.all(
          Array.from({ length: 5 }, () => {
            const notification = signedNotification(server.pay, 'REFUND.SUCCESS', notice);
            return api()
              .post('/api/v1/payments/wechat/notify')
              .set(notification.headers)
              .send(notification.body);
          }),
        );
        expect(deliveries.map((response) => response.status)).toEqual(Array(5).fill(204));
      }
      await runJob(server.baseUrl, 'outbox');

      for (const [index, order] of orders.slice(0, 2).entries()) {
        const after = await orderOf(people[index], order.id);
        expect(after).toMatchObject({ status: 'refunded', refunded: 19_900 });
        expect(await outboxEvents(server, 'OrderRefunded', order.id)).toHaveLength(1);
        expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE order_id = ?', [order.id])).toBe(1);
      }
      // The unpaid seat's order is cancelled, and all the stock is back.
      expect((await orderOf(people[2], orders[2].id)).status).toBe('cancelled');
      expect(await deal.stock()).toBe(stockBefore);
      expect(await outboxEvents(server, 'GroupBuyFailed', groupId)).toHaveLength(1);
      // Running the job again changes nothing.
      expect(await runJob(server.baseUrl, 'group-buy-expiry')).toBe(0);
      expect(
        await count('SELECT COUNT(*) AS n FROM refunds WHERE order_id IN (?, ?)', [
          orders[0].id,
          orders[1].id,
        ]),
      ).toBe(2);
    });

    it('should report groups by status per campaign', async () => {
      const campaignId = await deal.campaign({ groupSize: 2, hoursToComplete: 1 });
      const [a, b, c, d] = await members(4);
      const complete = await deal.groupWith(campaignId, a, [b]);
      await deal.pay(a, complete.orders[0]);
      await deal.pay(b, complete.orders[1]);
      await deal.groupWith(campaignId, c, []);
      await advanceClock(server.baseUrl, HOUR + 1);
      await runJob(server.baseUrl, 'group-buy-expiry');
      await resetClock(server.baseUrl);
      await deal.groupWith(campaignId, d, []);
      const report = await as(admin, api().get('/api/v1/admin/group-buy-report')).expect(200);
      expect(
        report.body.campaigns.find((row: { campaignId: number }) => row.campaignId === campaignId),
      ).toEqual({
        campaignId,
        name: '三人拼团 · 镜框',
        open: 1,
        complete: 1,
        failed: 1,
      });
    });
  });
});
