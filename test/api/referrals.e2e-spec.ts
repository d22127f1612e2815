import type { MyReferral, ReferralRuleInput } from '@lensloop/shared';
import request from 'supertest';
import { ReferralsService } from '../../server/src/modules/referrals/referrals.service';
import { TransactionRunner } from '../../server/src/common/transaction';
import { Factory, uniqueName, type StaffFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * 60 * 60;

interface Customer {
  memberId: number;
  authorization: string;
}

/** Referral (single level): codes, attribution, rewards after the return window, cap, funnel (MariaDB). */
describe('referrals (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let clerk: StaffFixture;
  let storeId: number;
  let skuId: number;
  let rewardTemplateId: number;

  const api = () => request(server.baseUrl);
  const as = (authorization: string, call: request.Test) => call.set('authorization', authorization);

  const baseRule: ReferralRuleInput = {
    reward: { couponTemplateId: 0, points: 50 },
    returnWindowDays: 7,
    monthlyCapPerReferrer: 10,
    attributionDays: 7,
  };

  async function putRule(rule: Partial<ReferralRuleInput> = {}): Promise<void> {
    await as(admin.authorization, api().put('/api/v1/admin/referral-rule'))
      .send({ ...baseRule, reward: { couponTemplateId: rewardTemplateId, points: 50 }, ...rule })
      .expect(200);
  }

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', storeId);
    clerk = await factory.staff('clerk', storeId);
    skuId = (await factory.sku('frames', { storeId, quantity: 1_000, price: 20_000 })).id;
    const template = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
      .send({
        name: '推荐有礼 ¥30',
        kind: 'amount_off',
        amountOff: 3_000,
        scope: {},
        perMemberLimit: 50,
        validity: { days: 30 },
        channel: 'reward',
        stackable: false,
      })
      .expect(201);
    rewardTemplateId = template.body.id;
    await putRule();
  }, 60_000);
  afterAll(async () => {
    await resetClock(server.baseUrl);
    await server.stop();
  });

  async function login(
    body: { referralCode?: string; scene?: string; scannedAt?: string } = {},
    code = `dev-${uniqueName('ref')}`,
  ): Promise<Customer & { isNew: boolean }> {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code, ...body })
      .expect(200);
    return {
      memberId: response.body.member.id,
      authorization: `Bearer ${response.body.token}`,
      isNew: response.body.isNew,
    };
  }

  async function referralOf(customer: Customer): Promise<MyReferral> {
    return (await as(customer.authorization, api().get('/api/v1/me/referral')).expect(200)).body;
  }

  async function nickname(customer: Customer, name: string): Promise<void> {
    await server.dataSource.query('UPDATE members SET nickname = ? WHERE id = ?', [name, customer.memberId]);
  }

  /** Every event published so far has been handled. */
  async function settleEvents(): Promise<void> {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  }

  async function attributionOf(
    refereeId: number,
  ): Promise<{ referrer_id: number; status: string } | undefined> {
    const [row] = await server.dataSource.query(
      'SELECT referrer_id, status, cancel_reason FROM referral_attributions WHERE referee_id = ?',
      [refereeId],
    );
    return row ? { ...row, referrer_id: Number(row.referrer_id) } : undefined;
  }

  async function rejectionsOf(memberId: number): Promise<string[]> {
    const rows: { reason: string }[] = await server.dataSource.query(
      'SELECT reason FROM referral_rejections WHERE member_id = ? ORDER BY id',
      [memberId],
    );
    return rows.map((row) => row.reason);
  }

  async function rewardCoupons(memberId: number): Promise<number> {
    const [row] = await server.dataSource.query(
      'SELECT COUNT(*) AS n FROM coupons WHERE member_id = ? AND template_id = ?',
      [memberId, rewardTemplateId],
    );
    return Number(row.n);
  }

  async function rewardedEvents(referrerId: number): Promise<{ refereeId: number; points: number }[]> {
    const rows: { payload: string }[] = await server.dataSource.query(
      "SELECT payload FROM outbox_events WHERE type = 'ReferralRewarded' ORDER BY id",
    );
    return rows
      .map((row) => JSON.parse(row.payload) as { referrerId: number; refereeId: number; points: number })
      .filter((payload) => payload.referrerId === referrerId)
      .map(({ refereeId, points }) => ({ refereeId, points }));
  }

  /** A paid order of the customer, taken through the store to `completed`; answers its id. */
  async function completedOrder(customer: Customer): Promise<number> {
    const order = await placeOrder(server.baseUrl, customer.authorization, {
      storeId,
      items: [{ skuId, quantity: 1 }],
    });
    await as(customer.authorization, api().post(`/api/v1/dev/payments/${order.id}/succeed`)).expect(200);
    for (const to of ['processing', 'ready_for_pickup', 'completed']) {
      await as(clerk.authorization, api().post(`/api/v1/staff/orders/${order.id}/transition`))
        .send({ to })
        .expect(200);
    }
    await settleEvents();
    return order.id;
  }

  /** A referrer with a code and a new friend attributed to them. */
  async function referrerAndFriend(): Promise<{ referrer: Customer; friend: Customer; code: string }> {
    const referrer = await login();
    const { code } = await referralOf(referrer);
    const friend = await login({ referralCode: code });
    await settleEvents();
    expect((await attributionOf(friend.memberId))?.referrer_id).toBe(referrer.memberId);
    return { referrer, friend, code };
  }

  describe('codes and attribution', () => {
    it('should give a member one stable code with a mini-program code, and attribute a friend who logs in with it', async () => {
      const referrer = await login();
      await nickname(referrer, '王老师');
      const first = await referralOf(referrer);
      expect(first.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(first).toMatchObject({ invited: 0, rewarded: 0, friends: [] });
      expect((await referralOf(referrer)).code).toBe(first.code);

      // The image came from wxacode.getUnlimited of the fake WeChat, scene `ref:<code>`.
      expect(first.qrUrl).toBe(`/api/v1/referral-qr/${first.code}.png`);
      const image = await api()
        .get(first.qrUrl as string)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(image.headers['content-type']).toBe('image/png');
      const png = image.body as Buffer;
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.toString('latin1')).toContain(`scene=ref:${first.code}&page=pages/index/index`);
      await api().get('/api/v1/referral-qr/ZZZZZZZZ.png').expect(404);
      await api().get('/api/v1/referral-qr/not-a-code.png').expect(404);

      const friend = await login({ scene: `ref:${first.code}` });
      expect(friend.isNew).toBe(true);
      await nickname(friend, '李小明');
      await settleEvents();
      const after = await referralOf(referrer);
      expect(after).toMatchObject({
        invited: 1,
        rewarded: 0,
        friends: [{ nicknameMasked: '李*明', status: 'registered', joinedAt: expect.any(String) }],
      });
      const [row] = await server.dataSource.query(
        'SELECT scene FROM referral_attributions WHERE referee_id = ?',
        [friend.memberId],
      );
      expect(row.scene).toBe(`ref:${first.code}`);

      // The staff card: who referred the friend, whom the referrer brought.
      const friendCard = await as(
        clerk.authorization,
        api().get(`/api/v1/staff/customers/${friend.memberId}`),
      ).expect(200);
      expect(friendCard.body.referredBy).toEqual({ memberId: referrer.memberId, nicknameMasked: '王*师' });
      expect(friendCard.body.referred).toEqual({ count: 0, members: [] });
      const referrerCard = await as(
        clerk.authorization,
        api().get(`/api/v1/staff/customers/${referrer.memberId}`),
      ).expect(200);
      expect(referrerCard.body.referredBy).toBeNull();
      expect(referrerCard.body.referred).toMatchObject({
        count: 1,
        members: [{ memberId: friend.memberId, nicknameMasked: '李*明', status: 'registered' }],
      });
    });

    it('should not attribute a friend with the referrer’s unionid (same person, another app)', async () => {
      const key = uniqueName('person');
      const referrer = await login({}, `dev-${uniqueName('app1')}~${key}`);
      const { code } = await referralOf(referrer);
      const again = await login({ referralCode: code }, `dev-${uniqueName('app2')}~${key}`);
      expect(again.isNew).toBe(true);
      await settleEvents();
      expect(await attributionOf(again.memberId)).toBeUndefined();
      expect(await rejectionsOf(again.memberId)).toEqual(['self_referral']);
      expect((await referralOf(referrer)).invited).toBe(0);
    });

    it('should keep the first attribution: a second code, a second login or a replayed attribution change nothing', async () => {
      const { referrer, friend } = await referrerAndFriend();
      const other = await login();
      const otherCode = (await referralOf(other)).code;
      const { code: friendCode } = (
        await server.dataSource.query('SELECT code FROM referral_attributions WHERE referee_id = ?', [
          friend.memberId,
        ])
      )[0];

      // The friend logs in again through another member's code: an existing member, not attributed.
      const openid = (
        await server.dataSource.query('SELECT openid FROM members WHERE id = ?', [friend.memberId])
      )[0].openid as string;
      const second = await login({ referralCode: otherCode }, openid);
      expect(second).toMatchObject({ memberId: friend.memberId, isNew: false });
      await settleEvents();
      expect(await attributionOf(friend.memberId)).toMatchObject({ referrer_id: referrer.memberId });
      expect((await referralOf(other)).invited).toBe(0);

      // A second attribution of the same member (a replayed event) is refused by the unique key.
      const referrals = server.app.get(ReferralsService);
      await server.app.get(TransactionRunner).run((manager) =>
        referrals.attribute(manager, {
          memberId: friend.memberId,
          storeId: null,
          referralCode: otherCode,
          scene: null,
          scannedAt: null,
        }),
      );
      expect(await attributionOf(friend.memberId)).toMatchObject({ referrer_id: referrer.memberId });
      expect(await rejectionsOf(friend.memberId)).toEqual(['already_attributed']);
      expect(friendCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    });

    it('should not attribute an existing member who logs in with a code', async () => {
      const referrer = await login();
      const { code } = await referralOf(referrer);
      const existingCode = `dev-${uniqueName('existing')}`;
      const existing = await login({}, existingCode);
      const back = await login({ referralCode: code }, existingCode);
      expect(back).toMatchObject({ memberId: existing.memberId, isNew: false });
      await settleEvents();
      expect(await attributionOf(existing.memberId)).toBeUndefined();
      expect((await referralOf(referrer)).invited).toBe(0);
    });

    it('should log in normally with an unknown, malformed or oversized code and a bad scan time, attributing nothing', async () => {
      const unknown = await login({ referralCode: 'ZZZZ2222' });
      const malformed = await login({ referralCode: 'bad code!', scannedAt: 'yesterday' });
      const oversized = await login({ scene: `ref:${'X'.repeat(150)}` });
      const staffScene = await login({ scene: 's:12' });
      for (const customer of [unknown, malformed, oversized, staffScene]) expect(customer.isNew).toBe(true);
      await settleEvents();
      expect(await rejectionsOf(unknown.memberId)).toEqual(['unknown_code']);
      expect(await rejectionsOf(malformed.memberId)).toEqual(['malformed_code']);
      expect(await rejectionsOf(oversized.memberId)).toEqual(['malformed_code']);
      // Another kind of scene is no referral at all.
      expect(await rejectionsOf(staffScene.memberId)).toEqual([]);
      for (const customer of [unknown, malformed, oversized, staffScene]) {
        expect(await attributionOf(customer.memberId)).toBeUndefined();
      }
    });

    it('should attribute a scan within the attribution days and not one older (business clock)', async () => {
      const referrer = await login();
      const { code } = await referralOf(referrer);
      const now = await advanceClock(server.baseUrl, 1);
      const fresh = await login({
        referralCode: code,
        scannedAt: new Date(now.getTime() - 6 * DAY * 1000).toISOString(),
      });
      const stale = await login({
        referralCode: code,
        scannedAt: new Date(now.getTime() - 8 * DAY * 1000).toISOString(),
      });
      await settleEvents();
      expect(await attributionOf(fresh.memberId)).toMatchObject({ referrer_id: referrer.memberId });
      expect(await attributionOf(stale.memberId)).toBeUndefined();
      expect(await rejectionsOf(stale.memberId)).toEqual(['scan_expired']);
    });

    it('should count scans of known codes only, publicly', async () => {
      const referrer = await login();
      const { code } = await referralOf(referrer);
      await api().post('/api/v1/referral-scans').send({ code }).expect(204);
      await api().post('/api/v1/referral-scans').send({ code: code.toLowerCase() }).expect(204);
      const unknown = await api().post('/api/v1/referral-scans').send({ code: 'ZZZZ3333' }).expect(404);
      expect(unknown.body.code).toBe('REFERRAL_CODE_NOT_FOUND');
      const malformed = await api().post('/api/v1/referral-scans').send({ code: '<script>' }).expect(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM referral_scans WHERE referrer_id = ?',
        [referrer.memberId],
      );
      expect(Number(row.n)).toBe(2);
    });
  });

  describe('rewards', () => {
    it('should reward the referrer once the first order has completed and the return window passed', async () => {
      const { referrer, friend } = await referrerAndFriend();
      await completedOrder(friend);
      expect((await referralOf(referrer)).friends[0].status).toBe('ordered');
      // Still inside the window: nothing yet.
      await advanceClock(server.baseUrl, 6 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await rewardCoupons(referrer.memberId)).toBe(0);

      await advanceClock(server.baseUrl, DAY + 60);
      expect(await runJob(server.baseUrl, 'referral-rewards')).toBeGreaterThanOrEqual(1);
      expect(await rewardCoupons(referrer.memberId)).toBe(1);
      expect(await rewardedEvents(referrer.memberId)).toEqual([{ refereeId: friend.memberId, points: 50 }]);
      // Membership credits the reward's points from the event, once.
      await runJob(server.baseUrl, 'outbox');
      await runJob(server.baseUrl, 'outbox');
      const standing = await request(server.baseUrl)
        .get('/api/v1/me')
        .set('authorization', referrer.authorization)
        .expect(200);
      expect(standing.body.points).toBe(50);
      expect(await referralOf(referrer)).toMatchObject({
        invited: 1,
        rewarded: 1,
        friends: [{ status: 'rewarded' }],
      });
      // A second completed order of the friend is not a first order: no second reward.
      await completedOrder(friend);
      await advanceClock(server.baseUrl, 8 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await rewardCoupons(referrer.memberId)).toBe(1);
    });

    it('should not take a stored-value top-up for the first goods order', async () => {
      const plans = await as(admin.authorization, api().put('/api/v1/admin/wallet/plans'))
        .send([{ pay: 10_000, credit: 10_000 }])
        .expect(200);
      const { referrer, friend } = await referrerAndFriend();
      const topUp = await as(friend.authorization, api().post('/api/v1/me/wallet/top-ups'))
        .send({ planId: plans.body[0].id, storeId })
        .expect(201);
      await as(friend.authorization, api().post(`/api/v1/dev/payments/${topUp.body.orderId}/succeed`)).expect(
        200,
      );
      await settleEvents();
      const [topUpOrder] = await server.dataSource.query('SELECT status, kind FROM orders WHERE id = ?', [
        topUp.body.orderId,
      ]);
      expect(topUpOrder).toMatchObject({ status: 'completed', kind: 'top_up' });
      expect(await attributionOf(friend.memberId)).toMatchObject({ status: 'registered' });
      // The first goods order is what counts.
      await completedOrder(friend);
      expect(await attributionOf(friend.memberId)).toMatchObject({ status: 'ordered' });
      await advanceClock(server.baseUrl, 8 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await rewardCoupons(referrer.memberId)).toBe(1);
    });

    it('should cancel the reward when the order is refunded inside the window', async () => {
      const { referrer, friend } = await referrerAndFriend();
      const orderId = await completedOrder(friend);
      await advanceClock(server.baseUrl, 3 * DAY);
      await as(manager.authorization, api().post(`/api/v1/staff/orders/${orderId}/refunds`))
        .send({ amount: 5_000, reason: '镜框划痕' })
        .expect(200);
      await settleEvents();
      expect(await attributionOf(friend.memberId)).toMatchObject({ status: 'cancelled' });
      await advanceClock(server.baseUrl, 5 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await rewardCoupons(referrer.memberId)).toBe(0);
      expect(await rewardedEvents(referrer.memberId)).toEqual([]);
      expect((await referralOf(referrer)).friends[0].status).toBe('cancelled');
    });

    it('should not reward a friend who binds the referrer’s phone later (self-referral by phone)', async () => {
      const phone = `139${String(Date.now()).slice(-8)}`;
      const referrer = await login();
      await as(referrer.authorization, api().post('/api/v1/auth/wechat/phone'))
        .send({ code: `dev-phone-${phone}` })
        .expect(200);
      const { code } = await referralOf(referrer);
      const friend = await login({ referralCode: code });
      await settleEvents();
      expect(await attributionOf(friend.memberId)).toMatchObject({ status: 'registered' });
      await as(friend.authorization, api().post('/api/v1/auth/wechat/phone'))
        .send({ code: `dev-phone-${phone}` })
        .expect(200);
      await completedOrder(friend);
      await advanceClock(server.baseUrl, 8 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await attributionOf(friend.memberId)).toMatchObject({
        status: 'cancelled',
        cancel_reason: 'self_referral',
      });
      expect(await rewardCoupons(referrer.memberId)).toBe(0);
    });

    it('should grant one reward when the job runs 20 times at once on two replicas', async () => {
      const replica = await startTestServer({ replicaOf: server });
      try {
        const { referrer, friend } = await referrerAndFriend();
        await completedOrder(friend);
        await advanceClock(server.baseUrl, 8 * DAY);
        // The replica's business clock is its own: bring it to the same time.
        const [primaryNow, replicaNow] = await Promise.all([
          advanceClock(server.baseUrl, 1),
          advanceClock(replica.baseUrl, 1),
        ]);
        await advanceClock(
          replica.baseUrl,
          Math.ceil((primaryNow.getTime() - replicaNow.getTime()) / 1000) + 1,
        );
        const handled = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            runJob(index % 2 ? replica.baseUrl : server.baseUrl, 'referral-rewards'),
          ),
        );
        expect(handled.reduce((sum, count) => sum + count, 0)).toBe(1);
        expect(await rewardCoupons(referrer.memberId)).toBe(1);
        expect(await rewardedEvents(referrer.memberId)).toHaveLength(1);
        expect((await referralOf(referrer)).rewarded).toBe(1);
      } finally {
        await replica.stop();
      }
    });

    it('should hold the monthly cap per referrer', async () => {
      await putRule({ monthlyCapPerReferrer: 2 });
      try {
        const referrer = await login();
        const { code } = await referralOf(referrer);
        const friends = await Promise.all([1, 2, 3].map(() => login({ referralCode: code })));
        await settleEvents();
        for (const friend of friends) await completedOrder(friend);
        await advanceClock(server.baseUrl, 8 * DAY);
        await Promise.all([1, 2, 3].map(() => runJob(server.baseUrl, 'referral-rewards')));
        expect(await rewardCoupons(referrer.memberId)).toBe(2);
        const statuses = (await referralOf(referrer)).friends.map((friend) => friend.status).sort();
        expect(statuses).toEqual(['capped', 'rewarded', 'rewarded']);
      } finally {
        await putRule();
      }
    });

    it('should reward a single level only: nothing for the referrer’s referrer', async () => {
      const { referrer: grandparent, friend: parent } = await referrerAndFriend();
      const { code } = await referralOf(parent);
      const child = await login({ referralCode: code });
      await settleEvents();
      await completedOrder(child);
      await advanceClock(server.baseUrl, 8 * DAY);
      await runJob(server.baseUrl, 'referral-rewards');
      expect(await rewardCoupons(parent.memberId)).toBe(1);
      expect(await rewardedEvents(parent.memberId)).toEqual([{ refereeId: child.memberId, points: 50 }]);
      // The grandparent brought the parent, who has not ordered: no reward flows up from the child.
      expect(await rewardCoupons(grandparent.memberId)).toBe(0);
      expect(await rewardedEvents(grandparent.memberId)).toEqual([]);
      expect(await referralOf(grandparent)).toMatchObject({ invited: 1, rewarded: 0 });
    });
  });

  describe('admin', () => {
    it('should validate the rule and accept reward-channel templates only', async () => {
      const put = (body: object) =>
        as(admin.authorization, api().put('/api/v1/admin/referral-rule')).send(body);
      expect(
        (await put({ ...baseRule, reward: { points: 10 }, returnWindowDays: -1 }).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
      expect((await put({ ...baseRule, reward: {} }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect(
        (await put({ ...baseRule, reward: { points: 10 }, attributionDays: 'x' }).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
      expect((await put({ ...baseRule, reward: { couponTemplateId: 999_999 } }).expect(404)).body.code).toBe(
        'COUPON_TEMPLATE_NOT_FOUND',
      );
      const claim = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
        .send({
          name: 'Claim',
          kind: 'amount_off',
          amountOff: 100,
          scope: {},
          perMemberLimit: 1,
          validity: { days: 30 },
          channel: 'claim',
          stackable: false,
        })
        .expect(201);
      expect(
        (await put({ ...baseRule, reward: { couponTemplateId: claim.body.id } }).expect(422)).body.code,
      ).toBe('REFERRAL_REWARD_TEMPLATE_INVALID');
      await as(clerk.authorization, api().put('/api/v1/admin/referral-rule')).send(baseRule).expect(403);
      const rule = await as(admin.authorization, api().get('/api/v1/admin/referral-rule')).expect(200);
      expect(rule.body).toEqual({
        reward: { couponTemplateId: rewardTemplateId, points: 50 },
        returnWindowDays: 7,
        monthlyCapPerReferrer: 10,
        attributionDays: 7,
      });
    });

    it('should report the funnel of a period', async () => {
      const now = await advanceClock(server.baseUrl, 1);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
      const before = await as(
        admin.authorization,
        api().get(`/api/v1/admin/referrals/funnel?from=${today}&to=${today}`),
      ).expect(200);
      const { referrer, friend, code } = await referrerAndFriend();
      await api().post('/api/v1/referral-scans').send({ code }).expect(204);
      await login({ referralCode: 'ZZZZ4444' });
      await completedOrder(friend);
      await settleEvents();
      const after = await as(
        admin.authorization,
        api().get(`/api/v1/admin/referrals/funnel?from=${today}&to=${today}`),
      ).expect(200);
      expect(after.body.scans - before.body.scans).toBe(1);
      expect(after.body.registrations - before.body.registrations).toBe(1);
      expect(after.body.firstOrders - before.body.firstOrders).toBe(1);
      expect((after.body.rejected.unknown_code ?? 0) - (before.body.rejected.unknown_code ?? 0)).toBe(1);
      expect(referrer.memberId).toBeGreaterThan(0);
      const bad = await as(
        admin.authorization,
        api().get('/api/v1/admin/referrals/funnel?from=2026-12-31&to=2026-12-01'),
      ).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await as(
        admin.authorization,
        api().get('/api/v1/admin/referrals/funnel?from=2026-02-30&to=2026-03-01'),
      ).expect(400);
    });
  });
});
