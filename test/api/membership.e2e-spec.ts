import type { OrderRequest } from '@lensloop/shared';
import request from 'supertest';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 86_400;

/** Tiers from rolling 12-month spend and points (earn, spend, return, reverse, expire) on MariaDB. */
describe('membership: tiers and points (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let manager: StaffFixture;
  let storeId: number;
  /** ¥1,200 frame: paying it makes a member 银卡. */
  let frameSku: number;
  /** ¥100 box of contacts: no tier discount. */
  let contactSku: number;
  /** ¥20 care product: points may pay at most ¥10 of it. */
  let careSku: number;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeId);
    manager = await factory.staff('manager', storeId);
    frameSku = (await factory.sku('frames', { storeId, quantity: 1_000, price: 120_000 })).id;
    contactSku = (await factory.sku('contacts', { storeId, quantity: 1_000, price: 10_000 })).id;
    careSku = (await factory.sku('care', { storeId, quantity: 1_000, price: 2_000 })).id;
  }, 60_000);
  afterEach(() => resetClock(server.baseUrl));
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (authorization: string, call: request.Test) => call.set('authorization', authorization);
  const settle = () => runJob(server.baseUrl, 'outbox');

  const orderBody = (skuId: number, extra: Partial<OrderRequest> = {}) => ({
    storeId,
    items: [{ skuId, quantity: 1 }],
    fulfilment: 'pickup',
    ...extra,
  });

  async function placeOrder(member: MemberFixture, skuId: number, extra: Partial<OrderRequest> = {}) {
    const response = await as(member.authorization, api().post('/api/v1/orders'))
      .send(orderBody(skuId, extra))
      .expect(201);
    return response.body as { id: number; payable: number; memberDiscount: number; pointsDiscount: number };
  }

  async function pay(member: MemberFixture, orderId: number): Promise<void> {
    await as(member.authorization, api().post(`/api/v1/dev/payments/${orderId}/succeed`)).expect(200);
    await settle();
  }

  async function paidOrder(member: MemberFixture, skuId: number, extra: Partial<OrderRequest> = {}) {
    const order = await placeOrder(member, skuId, extra);
    await pay(member, order.id);
    return order;
  }

  async function complete(orderId: number): Promise<void> {
    for (const to of ['processing', 'ready_for_pickup', 'completed']) {
      await as(clerk.authorization, api().post(`/api/v1/staff/orders/${orderId}/transition`))
        .send({ to })
        .expect(200);
    }
    await settle();
  }

  async function refundAll(member: MemberFixture, orderId: number): Promise<void> {
    await as(manager.authorization, api().post(`/api/v1/staff/orders/${orderId}/refunds`))
      .send({})
      .expect(200);
    await waitFor(async () => {
      const order = await as(member.authorization, api().get(`/api/v1/orders/${orderId}`)).expect(200);
      return order.body.status === 'refunded';
    });
    await settle();
  }

  async function membership(member: MemberFixture) {
    return (await as(member.authorization, api().get('/api/v1/me/membership')).expect(200)).body;
  }

  async function ledger(member: MemberFixture) {
    const page = await as(member.authorization, api().get('/api/v1/me/points/ledger?pageSize=100')).expect(
      200,
    );
    return page.body.items as {
      id: number;
      points: number;
      balanceAfter: number;
      kind: string;
      orderId: number | null;
    }[];
  }

  async function pointsOf(member: MemberFixture): Promise<number> {
    return (await as(member.authorization, api().get('/api/v1/me')).expect(200)).body.points;
  }

  /** A member who paid for and received the ¥1,200 frame: 银卡 with 1,440 points (1,200 × 1.2). */
  async function silverWithPoints(): Promise<{ member: MemberFixture; frameOrderId: number }> {
    const member = await factory.member();
    const order = await paidOrder(member, frameSku);
    await complete(order.id);
    return { member, frameOrderId: order.id };
  }

  async function orderCount(memberId: number): Promise<number> {
    const [{ count }] = await server.dataSource.query(
      'SELECT COUNT(*) AS count FROM orders WHERE member_id = ?',
      [memberId],
    );
    return Number(count);
  }

  describe('tiers', () => {
    it('should start a new member at 普通 with the way to 银卡', async () => {
      const member = await factory.member();
      expect(await membership(member)).toEqual({
        tier: 'regular',
        spend12m: 0,
        nextTier: { tier: 'silver', minSpend: 100_000, missing: 100_000 },
        discountPercent: 0,
        points: 0,
        pointsExpiring: null,
      });
    });

    it('should raise the tier when an order is paid, and lower it when it is refunded', async () => {
      const member = await factory.member();
      const order = await placeOrder(member, frameSku);
      expect((await membership(member)).tier).toBe('regular');
      await pay(member, order.id);
      expect(await membership(member)).toMatchObject({
        tier: 'silver',
        spend12m: 120_000,
        nextTier: { tier: 'gold', minSpend: 300_000, missing: 180_000 },
        discountPercent: 2,
      });
      const me = await as(member.authorization, api().get('/api/v1/me')).expect(200);
      expect(me.body).toMatchObject({ tier: 'silver', points: 0 });

      await refundAll(member, order.id);
      expect(await membership(member)).toMatchObject({ tier: 'regular', spend12m: 0 });
    });

    it('should give the tier discount on frames and lenses only, before the coupon', async () => {
      const { member } = await silverWithPoints();
      const quote = await as(member.authorization, api().post('/api/v1/orders/quote'))
        .send({
          storeId,
          items: [
            { skuId: frameSku, quantity: 1 },
            { skuId: contactSku, quantity: 1 },
          ],
          fulfilment: 'pickup',
        })
        .expect(200);
      // 2% of the ¥1,200 frame; the contacts are not discounted.
      expect(quote.body).toMatchObject({
        subtotal: 130_000,
        memberDiscount: 2_400,
        discount: 0,
        payable: 127_600,
        membership: { tier: 'silver', discountPercent: 2, pointsToEarn: Math.floor(1_276 * 1.2) },
      });
      const order = await placeOrder(member, frameSku);
      expect(order).toMatchObject({ memberDiscount: 2_400, payable: 117_600 });
    });

    it('should lower a tier whose spend aged out of the 12 months, through the tier-review job only when due', async () => {
      const member = await factory.member();
      await paidOrder(member, frameSku);
      expect((await membership(member)).tier).toBe('silver');
      await advanceClock(server.baseUrl, 300 * DAY);
      await runJob(server.baseUrl, 'tier-review');
      expect((await membership(member)).tier).toBe('silver');

      await advanceClock(server.baseUrl, 66 * DAY);
      expect(await runJob(server.baseUrl, 'tier-review')).toBeGreaterThanOrEqual(1);
      expect(await membership(member)).toMatchObject({ tier: 'regular', spend12m: 0 });
      // Nobody is due any more: a second run recomputes no one.
      expect(await runJob(server.baseUrl, 'tier-review')).toBe(0);
    });
  });

  describe('points', () => {
    it('should earn points when an order completes, with the tier multiplier', async () => {
      const member = await factory.member();
      const order = await paidOrder(member, frameSku);
      expect(await pointsOf(member)).toBe(0);
      await complete(order.id);
      // ¥1,200 paid × 1 point per yuan × 1.2 (银卡, reached by this very order).
      expect(await pointsOf(member)).toBe(1_440);
      expect(await ledger(member)).toEqual([
        expect.objectContaining({ points: 1_440, balanceAfter: 1_440, kind: 'earn', orderId: order.id }),
      ]);
      const standing = await membership(member);
      expect(standing.points).toBe(1_440);
      expect(standing.pointsExpiring).toEqual({
        points: 1_440,
        at: expect.stringMatching(/-12-31T15:59:59\.000Z$/),
      });
    });

    it('should take points at checkout up to the cap, refusing more than the balance or the cap with nothing changed', async () => {
      const { member } = await silverWithPoints();
      const before = await orderCount(member.memberId);

      const quote = await as(member.authorization, api().post('/api/v1/orders/quote'))
        .send(orderBody(contactSku, { pointsToUse: 1_000 }))
        .expect(200);
      // Half of ¥100 may be paid with points: 5,000 points, but the member holds 1,440.
      expect(quote.body).toMatchObject({
        pointsDiscount: 1_000,
        payable: 9_000,
        membership: { pointsBalance: 1_440, maxPoints: 1_440, pointsUsed: 1_000 },
      });

      const tooMany = await as(member.authorization, api().post('/api/v1/orders'))
        .send(orderBody(contactSku, { pointsToUse: 1_441 }))
        .expect(409);
      expect(tooMany.body.code).toBe('POINTS_INSUFFICIENT');
      const overCap = await as(member.authorization, api().post('/api/v1/orders'))
        .send(orderBody(careSku, { pointsToUse: 1_001 }))
        .expect(422);
      expect(overCap.body).toMatchObject({ code: 'POINTS_OVER_LIMIT', details: [{ field: 'pointsToUse' }] });
      const quoteOverCap = await as(member.authorization, api().post('/api/v1/orders/quote'))
        .send(orderBody(careSku, { pointsToUse: 1_001 }))
        .expect(422);
      expect(quoteOverCap.body.code).toBe('POINTS_OVER_LIMIT');
      for (const bad of [-1, 10.5, '100']) {
        const invalid = await as(member.authorization, api().post('/api/v1/orders'))
          .send(orderBody(contactSku, { pointsToUse: bad as number }))
          .expect(400);
        expect(invalid.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await orderCount(member.memberId)).toBe(before);
      expect(await pointsOf(member)).toBe(1_440);

      const order = await placeOrder(member, careSku, { pointsToUse: 1_000 });
      expect(order).toMatchObject({ pointsDiscount: 1_000, payable: 1_000 });
      expect(await pointsOf(member)).toBe(440);
      expect((await ledger(member))[0]).toMatchObject({
        points: -1_000,
        balanceAfter: 440,
        kind: 'spend',
        orderId: order.id,
      });
    });

    it('should give back the points of a cancelled order, once', async () => {
      const { member } = await silverWithPoints();
      const order = await placeOrder(member, contactSku, { pointsToUse: 500 });
      expect(await pointsOf(member)).toBe(940);
      await as(member.authorization, api().post(`/api/v1/orders/${order.id}/cancel`)).expect(200);
      await settle();
      await settle();
      expect(await pointsOf(member)).toBe(1_440);
      const entries = (await ledger(member)).filter((entry) => entry.orderId === order.id);
      expect(entries.map((entry) => [entry.kind, entry.points])).toEqual([
        ['refund_spent', 500],
        ['spend', -500],
      ]);
    });

    it('should on a full refund return the points spent and take back those earned, exactly once', async () => {
      const { member, frameOrderId } = await silverWithPoints();
      const order = await paidOrder(member, contactSku, { pointsToUse: 500 });
      expect(order.payable).toBe(9_500);
      await complete(order.id);
      // ¥95 paid × 1.2 = 114 points.
      expect(await pointsOf(member)).toBe(1_440 - 500 + 114);

      await refundAll(member, order.id);
      await settle();
      expect(await pointsOf(member)).toBe(1_440);
      const entries = (await ledger(member)).filter((entry) => entry.orderId === order.id);
      expect(entries.map((entry) => [entry.kind, entry.points])).toEqual([
        ['reverse_earned', -114],
        ['refund_spent', 500],
        ['earn', 114],
        ['spend', -500],
      ]);

      // Earned points already spent are not clawed back below zero: what is left is taken back.
      await placeOrder(member, frameSku, { pointsToUse: 1_000 });
      expect(await pointsOf(member)).toBe(440);
      await refundAll(member, frameOrderId);
      expect(await pointsOf(member)).toBe(0);
      expect((await ledger(member))[0]).toMatchObject({
        kind: 'reverse_earned',
        points: -440,
        balanceAfter: 0,
        orderId: frameOrderId,
      });
      expect((await membership(member)).tier).toBe('regular');
    });

    it('should reverse points, stored value and tier exactly when an order paid with all three and WeChat Pay is refunded', async () => {
      const { member } = await silverWithPoints();
      // ¥1,000 → ¥1,100 of stored value; a top-up is not spend, so the tier stays where it was.
      const [plan] = (
        await as(admin.authorization, api().put('/api/v1/admin/wallet/plans'))
          .send([{ pay: 100_000, credit: 110_000 }])
          .expect(200)
      ).body as { id: number }[];
      const topUp = await as(member.authorization, api().post('/api/v1/me/wallet/top-ups'))
        .send({ planId: plan.id })
        .expect(201);
      await pay(member, topUp.body.orderId);
      const standing = async () => (await as(member.authorization, api().get('/api/v1/me')).expect(200)).body;
      const before = { ...(await standing()), membership: await membership(member) };
      expect(before).toMatchObject({ tier: 'silver', points: 1_440, balance: 110_000 });
      expect(before.membership.spend12m).toBe(120_000);

      // Two frames at 银卡 (2 % off): ¥2,352, less ¥5 of points, ¥1,100 from the wallet, the rest by WeChat.
      const order = await paidOrder(member, frameSku, {
        items: [{ skuId: frameSku, quantity: 2 }],
        pointsToUse: 500,
        useBalance: true,
      });
      const paid = (await as(member.authorization, api().get(`/api/v1/orders/${order.id}`)).expect(200)).body;
      expect(paid).toMatchObject({ memberDiscount: 4_800, pointsDiscount: 500, balancePaid: 110_000 });
      expect(paid.payable).toBe(240_000 - 4_800 - 500 - 110_000);
      await complete(order.id);
      expect(await membership(member)).toMatchObject({ tier: 'gold', spend12m: 120_000 + 234_700 });
      expect((await standing()).points).toBeGreaterThan(1_440);

      await refundAll(member, order.id);
      expect(await standing()).toMatchObject({ tier: 'silver', points: 1_440, balance: 110_000 });
      expect((await membership(member)).spend12m).toBe(120_000);
      const wallet = (
        await as(member.authorization, api().get('/api/v1/me/wallet/ledger?pageSize=100')).expect(200)
      ).body.items as { amount: number; kind: string }[];
      expect(wallet.map((entry) => [entry.kind, entry.amount])).toEqual([
        ['refund', 110_000],
        ['payment', -110_000],
        ['top_up', 110_000],
      ]);
    });

    it('should expire points after the end of the following year, and a second run should change nothing', async () => {
      const { member } = await silverWithPoints();
      const { pointsExpiring } = await membership(member);
      const untilExpiry = (Date.parse(pointsExpiring.at) - Date.now()) / 1000;
      await advanceClock(server.baseUrl, Math.floor(untilExpiry) - DAY);
      await runJob(server.baseUrl, 'points-expiry');
      expect(await pointsOf(member)).toBe(1_440);

      await advanceClock(server.baseUrl, 2 * DAY);
      expect(await runJob(server.baseUrl, 'points-expiry')).toBeGreaterThanOrEqual(1);
      expect(await pointsOf(member)).toBe(0);
      const afterFirst = await ledger(member);
      expect(afterFirst[0]).toMatchObject({ kind: 'expire', points: -1_440, balanceAfter: 0, orderId: null });

      expect(await runJob(server.baseUrl, 'points-expiry')).toBe(0);
      expect(await ledger(member)).toEqual(afterFirst);
      expect(await pointsOf(member)).toBe(0);
      expect((await membership(member)).pointsExpiring).toBeNull();
    });

    it('should let exactly 10 of 20 concurrent orders spend 100 of 1,000 points, the ledger summing to the balance', async () => {
      const { member } = await silverWithPoints();
      await placeOrder(member, careSku, { pointsToUse: 440 });
      expect(await pointsOf(member)).toBe(1_000);

      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          as(member.authorization, api().post('/api/v1/orders')).send(
            orderBody(contactSku, { pointsToUse: 100 }),
          ),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(10);
      expect(
        new Set(
          responses.filter((response) => response.status !== 201).map((r) => `${r.status} ${r.body.code}`),
        ),
      ).toEqual(new Set(['409 POINTS_INSUFFICIENT']));
      expect(await pointsOf(member)).toBe(0);
      const entries = await ledger(member);
      expect(entries).toHaveLength(12);
      expect(entries.reduce((sum, entry) => sum + entry.points, 0)).toBe(0);
      expect(entries.every((entry) => entry.balanceAfter >= 0)).toBe(true);
      const [{ remaining }] = await server.dataSource.query(
        'SELECT COALESCE(SUM(remaining), 0) AS remaining FROM points_lots WHERE member_id = ?',
        [member.memberId],
      );
      expect(Number(remaining)).toBe(0);
    });
  });

  describe('admin', () => {
    const DEFAULT_TIERS = [
      { tier: 'regular', minSpend: 0, discountPercent: 0, pointsMultiplier: 100 },
      { tier: 'silver', minSpend: 100_000, discountPercent: 2, pointsMultiplier: 120 },
      { tier: 'gold', minSpend: 300_000, discountPercent: 5, pointsMultiplier: 150 },
      { tier: 'diamond', minSpend: 800_000, discountPercent: 8, pointsMultiplier: 200 },
    ];

    it('should show and replace the tier table, re-tiering members on the next review', async () => {
      const member = await factory.member();
      await paidOrder(member, frameSku);
      expect((await membership(member)).tier).toBe('silver');
      const tiers = await as(admin.authorization, api().get('/api/v1/admin/membership/tiers')).expect(200);
      expect(tiers.body).toEqual(DEFAULT_TIERS);
      await as(clerk.authorization, api().get('/api/v1/admin/membership/tiers')).expect(403);

      const cheaperGold = DEFAULT_TIERS.map((tier) =>
        tier.tier === 'gold' ? { ...tier, minSpend: 110_000, discountPercent: 6 } : tier,
      );
      await as(admin.authorization, api().put('/api/v1/admin/membership/tiers'))
        .send({ tiers: cheaperGold })
        .expect(200);
      await runJob(server.baseUrl, 'tier-review');
      expect((await membership(member)).tier).toBe('gold');
      // An order with no points, coupon or stored value reads the tier table the admin set: 6% of the frame.
      expect(await placeOrder(member, frameSku)).toMatchObject({ memberDiscount: 7_200, payable: 112_800 });

      await as(admin.authorization, api().put('/api/v1/admin/membership/tiers'))
        .send({ tiers: DEFAULT_TIERS })
        .expect(200);
      await runJob(server.baseUrl, 'tier-review');
      expect((await membership(member)).tier).toBe('silver');
    });

    it.each([
      ['a first tier above 0', [{ ...{ tier: 'regular', minSpend: 1 } }], 'tiers.0.minSpend'],
      ['thresholds not rising', [{}, { tier: 'silver', minSpend: 0 }], 'tiers.1.minSpend'],
      ['a discount above 30%', [{}, {}, { tier: 'gold', discountPercent: 31 }], 'tiers.2.discountPercent'],
      ['tiers out of order', [{ tier: 'silver' }, { tier: 'regular' }], 'tiers.0.tier'],
    ])('should refuse %s with 400, changing nothing', async (_label, changes, field) => {
      const tiers = DEFAULT_TIERS.map((tier, index) => ({ ...tier, ...(changes[index] ?? {}) }));
      const response = await as(admin.authorization, api().put('/api/v1/admin/membership/tiers'))
        .send({ tiers })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
      const after = await as(admin.authorization, api().get('/api/v1/admin/membership/tiers')).expect(200);
      expect(after.body).toEqual(DEFAULT_TIERS);
    });

    it('should show and replace the points rule, validated', async () => {
      const rule = await as(admin.authorization, api().get('/api/v1/admin/points-rule')).expect(200);
      expect(rule.body).toEqual({ pointsPerYuan: 1, pointsPerYuanSpent: 100, maxOrderPercent: 50 });
      const bad = await as(admin.authorization, api().put('/api/v1/admin/points-rule'))
        .send({ pointsPerYuan: 1, pointsPerYuanSpent: 0, maxOrderPercent: 101 })
        .expect(400);
      expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'maxOrderPercent',
        'pointsPerYuanSpent',
      ]);
      const member = await factory.member();
      await as(admin.authorization, api().put('/api/v1/admin/points-rule'))
        .send({ pointsPerYuan: 2, pointsPerYuanSpent: 100, maxOrderPercent: 20 })
        .expect(200);
      try {
        const quote = await as(member.authorization, api().post('/api/v1/orders/quote'))
          .send(orderBody(contactSku))
          .expect(200);
        expect(quote.body.membership).toMatchObject({ maxPoints: 0, pointsToEarn: 200 });
      } finally {
        await as(admin.authorization, api().put('/api/v1/admin/points-rule'))
          .send({ pointsPerYuan: 1, pointsPerYuanSpent: 100, maxOrderPercent: 50 })
          .expect(200);
      }
    });
  });
});
