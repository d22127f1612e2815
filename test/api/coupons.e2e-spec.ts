import type { CouponTemplateInput } from '@lensloop/shared';
import request from 'supertest';
import { CLAIM_300_OFF_50, Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { advanceClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

/** Coupon templates, claim centre, in-store redemption, checkout, welcome and push (MariaDB). */
describe('coupons (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let manager: StaffFixture;
  let storeId: number;
  let frame: { productId: number; skuId: number };

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeId);
    manager = await factory.staff('manager', storeId);
    const frameProduct = await factory.product({
      category: 'frames',
      skus: [{ price: 30_000 }],
      stock: [{ storeId, quantity: 1_000 }],
    });
    frame = { productId: frameProduct.id, skuId: frameProduct.skus[0].id };
  }, 60_000);
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (authorization: string, call: request.Test) => call.set('authorization', authorization);

  async function template(overrides: Partial<CouponTemplateInput> = {}): Promise<number> {
    const response = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
      .send({
        ...CLAIM_300_OFF_50,
        ...overrides,
      })
      .expect(201);
    return response.body.id;
  }

  async function members(count: number): Promise<MemberFixture[]> {
    const all: MemberFixture[] = [];
    for (let index = 0; index < count; index += 8) {
      all.push(
        ...(await Promise.all(Array.from({ length: Math.min(8, count - index) }, () => factory.member()))),
      );
    }
    return all;
  }

  async function claim(member: MemberFixture, templateId: number): Promise<number> {
    const response = await as(member.authorization, api().post(`/api/v1/coupons/${templateId}/claim`)).expect(
      201,
    );
    return response.body.id;
  }

  const order = (couponId?: number, skuId = frame.skuId) => ({
    storeId,
    items: [{ skuId, quantity: 1 }],
    fulfilment: 'pickup',
    ...(couponId === undefined ? {} : { couponId }),
  });

  describe('templates', () => {
    it('should create, list and change a template; only for admins', async () => {
      const id = await template({
        name: 'Nine tenths',
        kind: 'percent_off',
        amountOff: undefined,
        percentOff: 10,
        maxDiscount: 2_000,
      });
      const list = await as(admin.authorization, api().get('/api/v1/admin/coupon-templates')).expect(200);
      expect(list.body.find((entry: { id: number }) => entry.id === id)).toMatchObject({
        kind: 'percent_off',
        percentOff: 10,
        maxDiscount: 2_000,
        amountOff: null,
        issued: 0,
        validity: { days: 30 },
      });
      const changed = await as(admin.authorization, api().patch(`/api/v1/admin/coupon-templates/${id}`))
        .send({ totalQuantity: 5, validity: { from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' } })
        .expect(200);
      expect(changed.body).toMatchObject({
        totalQuantity: 5,
        validity: { from: '2026-01-01T00:00:00.000Z' },
      });
      await as(clerk.authorization, api().get('/api/v1/admin/coupon-templates')).expect(403);
    });

    it.each([
      ['a fractional amount', { amountOff: 10.5 }, ['amountOff']],
      ['a negative threshold', { threshold: -1 }, ['threshold']],
      ['a percent coupon without its percent', { kind: 'percent_off', amountOff: undefined }, ['percentOff']],
      ['an amount on a free service', { kind: 'free_service' }, ['amountOff']],
      [
        'validity dates the wrong way round',
        { validity: { from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
        ['validity.to'],
      ],
      ['an unknown channel', { channel: 'sms' }, ['channel']],
    ])('should refuse %s with 400 naming the field, creating nothing', async (_label, overrides, fields) => {
      const before = await as(admin.authorization, api().get('/api/v1/admin/coupon-templates')).expect(200);
      const response = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
        .send({
          name: 'Bad',
          kind: 'amount_off',
          amountOff: 100,
          scope: {},
          perMemberLimit: 1,
          validity: { days: 1 },
          channel: 'claim',
          stackable: false,
          ...overrides,
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual(fields);
      const after = await as(admin.authorization, api().get('/api/v1/admin/coupon-templates')).expect(200);
      expect(after.body).toHaveLength(before.body.length);
    });
  });

  describe('claim centre', () => {
    it('should let exactly 1 of 64 members claim a template of total 1 at once', async () => {
      const templateId = await template({ totalQuantity: 1 });
      const claimants = await members(64);
      const responses = await Promise.all(
        claimants.map((member) =>
          as(member.authorization, api().post(`/api/v1/coupons/${templateId}/claim`)),
        ),
      );
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      const refused = responses.filter((response) => response.status !== 201);
      expect(new Set(refused.map((response) => `${response.status} ${response.body.code}`))).toEqual(
        new Set(['409 COUPON_SOLD_OUT']),
      );
      const [row] = await server.dataSource.query(
        'SELECT issued, (SELECT COUNT(*) FROM coupons WHERE template_id = ?) AS held FROM coupon_templates WHERE id = ?',
        [templateId, templateId],
      );
      expect([Number(row.issued), Number(row.held)]).toEqual([1, 1]);
    }, 120_000);

    it('should hold one member to the per-member limit, also when they claim 10 times at once', async () => {
      const templateId = await template({ perMemberLimit: 2 });
      const [member] = await members(1);
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          as(member.authorization, api().post(`/api/v1/coupons/${templateId}/claim`)),
        ),
      );
      const created = responses.filter((response) => response.status === 201).length;
      expect(created).toBeGreaterThanOrEqual(1);
      expect(created).toBeLessThanOrEqual(2);
      expect(
        responses.every(
          (response) => response.status === 201 || response.body.code === 'COUPON_LIMIT_REACHED',
        ),
      ).toBe(true);
      await as(member.authorization, api().post(`/api/v1/coupons/${templateId}/claim`)).expect(
        created === 2 ? 409 : 201,
      );
      const mine = await as(member.authorization, api().get('/api/v1/me/coupons')).expect(200);
      expect(
        mine.body.filter((coupon: { templateId: number }) => coupon.templateId === templateId),
      ).toHaveLength(2);
      const claimable = await as(member.authorization, api().get('/api/v1/coupons/claimable')).expect(200);
      expect(
        claimable.body.find((entry: { templateId: number }) => entry.templateId === templateId),
      ).toMatchObject({
        claimableByMe: 0,
      });
    });

    it('should refuse to claim a welcome template, or an unknown one', async () => {
      const [member] = await members(1);
      const welcome = await template({ channel: 'welcome' });
      const refused = await as(member.authorization, api().post(`/api/v1/coupons/${welcome}/claim`)).expect(
        409,
      );
      expect(refused.body.code).toBe('COUPON_NOT_CLAIMABLE');
      const unknown = await as(member.authorization, api().post('/api/v1/coupons/999999/claim')).expect(404);
      expect(unknown.body.code).toBe('COUPON_TEMPLATE_NOT_FOUND');
      await as(admin.authorization, api().patch(`/api/v1/admin/coupon-templates/${welcome}`))
        .send({ active: false })
        .expect(200);
    });
  });

  describe('in store', () => {
    it('should redeem a code once when 50 staff scans arrive at once, recording staff and store', async () => {
      const [member] = await members(1);
      const couponId = await claim(
        member,
        await template({ name: '免费清洗', kind: 'free_service', amountOff: undefined, threshold: 0 }),
      );
      const code = await as(member.authorization, api().get(`/api/v1/me/coupons/${couponId}/code`)).expect(
        200,
      );
      expect(code.body.code).toMatch(/^CP\d+-[0-9a-f]{16}$/);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          as(clerk.authorization, api().post('/api/v1/staff/coupons/redeem')).send({ code: code.body.code }),
        ),
      );
      const redeemed = responses.filter((response) => response.status === 200);
      expect(redeemed).toHaveLength(1);
      expect(redeemed[0].body).toMatchObject({
        id: couponId,
        memberId: member.memberId,
        redeemedByStaffId: clerk.id,
        redeemedStoreId: storeId,
        status: 'used',
      });
      const refused = responses.filter((response) => response.status !== 200);
      expect(new Set(refused.map((response) => `${response.status} ${response.body.code}`))).toEqual(
        new Set(['409 COUPON_ALREADY_REDEEMED']),
      );
      const used = await as(member.authorization, api().get('/api/v1/me/coupons?status=used')).expect(200);
      expect(used.body.map((coupon: { id: number }) => coupon.id)).toEqual([couponId]);
    });

    it("should refuse a forged code, another member's coupon and a code two steps old", async () => {
      const [member, other] = await members(2);
      const couponId = await claim(member, await template({ perMemberLimit: 1 }));
      const forged = await as(clerk.authorization, api().post('/api/v1/staff/coupons/redeem'))
        .send({ code: `CP${couponId}-0123456789abcdef` })
        .expect(422);
      expect(forged.body.code).toBe('COUPON_CODE_INVALID');
      const foreign = await as(other.authorization, api().get(`/api/v1/me/coupons/${couponId}/code`)).expect(
        404,
      );
      expect(foreign.body.code).toBe('COUPON_NOT_FOUND');
      const code = await as(member.authorization, api().get(`/api/v1/me/coupons/${couponId}/code`)).expect(
        200,
      );
      await advanceClock(server.baseUrl, 61);
      const stale = await as(clerk.authorization, api().post('/api/v1/staff/coupons/redeem'))
        .send({ code: code.body.code })
        .expect(422);
      expect(stale.body.code).toBe('COUPON_CODE_INVALID');
      const mine = await as(member.authorization, api().get('/api/v1/me/coupons?status=available')).expect(
        200,
      );
      expect(mine.body.map((coupon: { id: number }) => coupon.id)).toContain(couponId);
    });
  });

  describe('checkout', () => {
    it('should show the discount and why other coupons do not apply', async () => {
      const [member] = await members(1);
      const threshold = await claim(member, await template({ amountOff: 5_000, threshold: 30_000 }));
      const tooHigh = await claim(member, await template({ amountOff: 9_000, threshold: 50_000 }));
      const lensesOnly = await claim(
        member,
        await template({ amountOff: 1_000, threshold: 0, scope: { categories: ['lenses'] } }),
      );
      const quote = await as(member.authorization, api().post('/api/v1/orders/quote'))
        .send(order(threshold))
        .expect(200);
      expect(quote.body).toMatchObject({ subtotal: 30_000, discount: 5_000, payable: 25_000 });
      expect(quote.body.coupons.appliedCouponId).toBe(threshold);
      expect(quote.body.coupons.bestCouponId).toBe(threshold);
      const reasons = Object.fromEntries(
        quote.body.coupons.options.map((option: { couponId: number; reason: string | null }) => [
          option.couponId,
          option.reason,
        ]),
      );
      expect(reasons).toEqual({
        [threshold]: null,
        [tooHigh]: 'below_threshold',
        [lensesOnly]: 'out_of_scope',
      });
      const refused = await as(member.authorization, api().post('/api/v1/orders/quote'))
        .send(order(tooHigh))
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'COUPON_NOT_APPLICABLE',
        details: [{ field: 'couponId', message: 'below_threshold' }],
      });
      const created = await as(member.authorization, api().post('/api/v1/orders'))
        .send(order(lensesOnly))
        .expect(422);
      expect(created.body.code).toBe('COUPON_NOT_APPLICABLE');
    });

    it('should give a coupon to exactly 1 of 5 orders created at once, and return it when that order is cancelled', async () => {
      const [member, other] = await members(2);
      const couponId = await claim(member, await template({ amountOff: 5_000, threshold: 30_000 }));
      const foreign = await as(other.authorization, api().post('/api/v1/orders'))
        .send(order(couponId))
        .expect(404);
      expect(foreign.body.code).toBe('COUPON_NOT_FOUND');
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          as(member.authorization, api().post('/api/v1/orders')).send(order(couponId)),
        ),
      );
      const created = responses.filter((response) => response.status === 201);
      expect(created).toHaveLength(1);
      expect(created[0].body).toMatchObject({ discount: 5_000, payable: 25_000 });
      expect(
        new Set(
          responses
            .filter((response) => response.status !== 201)
            .map((response) => `${response.status} ${response.body.code}`),
        ),
      ).toEqual(new Set(['409 COUPON_ALREADY_REDEEMED']));
      const [{ orders }] = await server.dataSource.query(
        'SELECT COUNT(*) AS orders FROM orders WHERE member_id = ?',
        [member.memberId],
      );
      expect(Number(orders)).toBe(1);

      await as(member.authorization, api().post(`/api/v1/orders/${created[0].body.id}/cancel`)).expect(200);
      await runJob(server.baseUrl, 'outbox');
      const available = await as(
        member.authorization,
        api().get('/api/v1/me/coupons?status=available'),
      ).expect(200);
      expect(available.body.map((coupon: { id: number }) => coupon.id)).toEqual([couponId]);
      const again = await as(member.authorization, api().post('/api/v1/orders'))
        .send(order(couponId))
        .expect(201);
      expect(again.body.discount).toBe(5_000);
    });

    it('should return the coupon of a paid order a manager refunds in full, without counting it again', async () => {
      const [member] = await members(1);
      const templateId = await template({ amountOff: 5_000, threshold: 30_000, perMemberLimit: 1 });
      const couponId = await claim(member, templateId);
      const created = await as(member.authorization, api().post('/api/v1/orders'))
        .send(order(couponId))
        .expect(201);
      expect(created.body).toMatchObject({ discount: 5_000, payable: 25_000 });
      await as(member.authorization, api().post(`/api/v1/dev/payments/${created.body.id}/succeed`)).expect(
        200,
      );
      const used = await as(member.authorization, api().get('/api/v1/me/coupons?status=used')).expect(200);
      expect(used.body.map((coupon: { id: number }) => coupon.id)).toEqual([couponId]);

      await as(manager.authorization, api().post(`/api/v1/staff/orders/${created.body.id}/refunds`))
        .send({ reason: 'changed mind' })
        .expect(200);
      await waitFor(async () => {
        const current = await as(member.authorization, api().get(`/api/v1/orders/${created.body.id}`)).expect(
          200,
        );
        return current.body.status === 'refunded';
      });
      await runJob(server.baseUrl, 'outbox');
      const available = await as(
        member.authorization,
        api().get('/api/v1/me/coupons?status=available'),
      ).expect(200);
      expect(available.body.map((coupon: { id: number }) => coupon.id)).toEqual([couponId]);
      // The same coupon came back: the per-member limit still counts one, so no second claim.
      const second = await as(member.authorization, api().post(`/api/v1/coupons/${templateId}/claim`));
      expect([second.status, second.body.code]).toEqual([409, 'COUPON_LIMIT_REACHED']);
      const [{ held }] = await server.dataSource.query(
        'SELECT COUNT(*) AS held FROM coupons WHERE template_id = ? AND member_id = ?',
        [templateId, member.memberId],
      );
      expect(Number(held)).toBe(1);
      const again = await as(member.authorization, api().post('/api/v1/orders'))
        .send(order(couponId))
        .expect(201);
      expect(again.body.discount).toBe(5_000);
    });
  });

  describe('welcome and push', () => {
    it('should give a new member the welcome coupon once', async () => {
      const templateId = await template({
        name: '新人礼',
        channel: 'welcome',
        amountOff: 2_000,
        threshold: 0,
      });
      const [member] = await members(1);
      await waitFor(async () => {
        const mine = await as(member.authorization, api().get('/api/v1/me/coupons')).expect(200);
        return mine.body.some((coupon: { templateId: number }) => coupon.templateId === templateId);
      });
      await runJob(server.baseUrl, 'outbox');
      const [{ held }] = await server.dataSource.query(
        'SELECT COUNT(*) AS held FROM coupons WHERE template_id = ? AND member_id = ?',
        [templateId, member.memberId],
      );
      expect(Number(held)).toBe(1);
      await as(admin.authorization, api().patch(`/api/v1/admin/coupon-templates/${templateId}`))
        .send({ active: false })
        .expect(200);
    });

    it('should push a template to a member list in the background, with progress', async () => {
      const templateId = await template({ channel: 'push', totalQuantity: 3 });
      const targets = await members(4);
      const started = await as(
        admin.authorization,
        api().post(`/api/v1/admin/coupon-templates/${templateId}/issue`),
      )
        .send({ memberIds: targets.map((member) => member.memberId) })
        .expect(202);
      const pending = await as(
        admin.authorization,
        api().get(`/api/v1/admin/jobs/${started.body.jobId}`),
      ).expect(200);
      expect(pending.body).toMatchObject({ status: 'pending', done: 0, total: 4 });
      await runJob(server.baseUrl, 'coupon-issue');
      const finished = await as(
        admin.authorization,
        api().get(`/api/v1/admin/jobs/${started.body.jobId}`),
      ).expect(200);
      expect(finished.body).toMatchObject({ status: 'done', done: 4, total: 4, issued: 3 });
      expect(await runJob(server.baseUrl, 'coupon-issue')).toBe(0);

      // Pushed again with one more member: those at their limit of 1 are skipped, the new one gets it.
      const unlimited = await template({ channel: 'push' });
      const push = async (memberIds: number[]) => {
        const job = await as(
          admin.authorization,
          api().post(`/api/v1/admin/coupon-templates/${unlimited}/issue`),
        )
          .send({ memberIds })
          .expect(202);
        await runJob(server.baseUrl, 'coupon-issue');
        return (await as(admin.authorization, api().get(`/api/v1/admin/jobs/${job.body.jobId}`)).expect(200))
          .body;
      };
      const ids = targets.map((member) => member.memberId);
      expect(await push(ids.slice(0, 3))).toMatchObject({ status: 'done', done: 3, issued: 3 });
      expect(await push(ids)).toMatchObject({ status: 'done', done: 4, issued: 1 });
      const [{ count }] = await server.dataSource.query(
        'SELECT COUNT(*) AS count FROM coupons WHERE template_id = ?',
        [unlimited],
      );
      expect(Number(count)).toBe(4);

      const claimTemplate = await template();
      const refused = await as(
        admin.authorization,
        api().post(`/api/v1/admin/coupon-templates/${claimTemplate}/issue`),
      )
        .send({ memberIds: [targets[0].memberId] })
        .expect(409);
      expect(refused.body.code).toBe('COUPON_NOT_CLAIMABLE');
      await as(admin.authorization, api().post(`/api/v1/admin/coupon-templates/${templateId}/issue`))
        .send({ memberIds: [0] })
        .expect(400);
      const unknown = await as(
        admin.authorization,
        api().post(`/api/v1/admin/coupon-templates/${templateId}/issue`),
      )
        .send({ memberIds: [targets[0].memberId, 999_999] })
        .expect(404);
      expect(unknown.body).toMatchObject({
        code: 'MEMBER_NOT_FOUND',
        details: [{ field: 'memberIds', message: 'no member 999999' }],
      });
    });
  });

  describe('validity on the business clock', () => {
    it('should list a coupon as available until the last second, then as expired', async () => {
      const [member] = await members(1);
      const reset = await api().post('/api/v1/dev/clock').send({ reset: true }).expect(200);
      const couponId = await claim(member, await template({ validity: { days: 1 } }));
      const mine = await as(member.authorization, api().get('/api/v1/me/coupons?status=available')).expect(
        200,
      );
      const coupon = mine.body.find((entry: { id: number }) => entry.id === couponId);
      const secondsLeft = (new Date(coupon.validTo).getTime() - new Date(reset.body.now).getTime()) / 1000;
      // Two seconds before the end (less the milliseconds the requests take), then just past it.
      await advanceClock(server.baseUrl, Math.floor(secondsLeft) - 2);
      const before = await as(member.authorization, api().get('/api/v1/me/coupons?status=available')).expect(
        200,
      );
      expect(before.body.map((entry: { id: number }) => entry.id)).toContain(couponId);
      await advanceClock(server.baseUrl, 3);
      const expired = await as(member.authorization, api().get('/api/v1/me/coupons?status=expired')).expect(
        200,
      );
      expect(expired.body.map((entry: { id: number }) => entry.id)).toContain(couponId);
      const code = await as(member.authorization, api().get(`/api/v1/me/coupons/${couponId}/code`)).expect(
        422,
      );
      expect(code.body.code).toBe('COUPON_EXPIRED');
    });
  });
});
