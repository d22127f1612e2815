import type { TradeInQuoteRequest, TradeInRules } from '@lensloop/shared';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEFAULT_TRADE_IN_RULES } from '../../server/src/modules/trade-ins/policies/trade-in-estimate.policy';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { outboxEvents } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 3),
]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(32)]);

/** A like-new luxury titanium optical frame under a year old: ¥200–600 by the default table. */
const LUXURY: TradeInQuoteRequest = {
  category: 'optical',
  material: 'titanium',
  brandTier: 'luxury',
  ageYears: 0,
  condition: 'like_new',
};

/** Trade-in: estimate, photos, submission, the store's inspection into a credit coupon (MariaDB). */
describe('trade-ins (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let otherStoreId: number;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let otherClerk: StaffFixture;
  let alice: MemberFixture;
  let bob: MemberFixture;
  let frameSkuId: number;
  let contactSkuId: number;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    otherStoreId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeId);
    otherClerk = await factory.staff('clerk', otherStoreId);
    [alice, bob] = await Promise.all([factory.member(), factory.member()]);
    const frame = await factory.product({
      category: 'frames',
      skus: [{ price: 98_000 }],
      stock: [{ storeId, quantity: 100 }],
    });
    frameSkuId = frame.skus[0].id;
    contactSkuId = (await factory.sku('contacts', { storeId, quantity: 100, price: 12_900 })).id;
  }, 60_000);
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (who: { authorization: string }, call: request.Test) =>
    call.set('authorization', who.authorization);
  const count = async (sql: string, parameters: unknown[]) =>
    Number((await server.dataSource.query(sql, parameters))[0].n);
  const uploadedFiles = () => readdirSync(join(server.config.tradeIns.uploadDirectory, 'trade-ins'));

  async function upload(member: MemberFixture, bytes = JPEG, filename = 'glasses.jpg'): Promise<number> {
    const response = await as(member, api().post('/api/v1/trade-ins/photos'))
      .attach('file', bytes, { filename, contentType: 'image/jpeg' })
      .expect(201);
    return response.body.id;
  }

  async function submit(
    member: MemberFixture,
    overrides: object = {},
  ): Promise<{ id: number; estimateMin: number; estimateMax: number }> {
    const photoIds = [await upload(member), await upload(member, PNG, 'side.png')];
    const response = await as(member, api().post('/api/v1/trade-ins'))
      .send({ ...LUXURY, storeId, photoIds, ...overrides })
      .expect(201);
    return response.body;
  }

  describe('estimate and rules', () => {
    it('should estimate without an account from the default table, in whole yuan', async () => {
      const quote = await api().post('/api/v1/trade-ins/quote').send(LUXURY).expect(200);
      expect(quote.body).toEqual({ estimateMin: 20_000, estimateMax: 60_000 });
      const older = await api()
        .post('/api/v1/trade-ins/quote')
        .send({ ...LUXURY, material: 'acetate', brandTier: 'premium', ageYears: 4, condition: 'good' })
        .expect(200);
      expect(older.body).toEqual({ estimateMin: 3_500, estimateMax: 11_100 });
    });

    it.each([
      ['an unknown category', { category: 'monocle' }, 'category'],
      ['an unknown condition', { condition: 'broken' }, 'condition'],
      ['an age beyond 30 years', { ageYears: 31 }, 'ageYears'],
      ['a fractional age', { ageYears: 1.5 }, 'ageYears'],
    ])('should refuse %s with 400 naming the field', async (_label, overrides, field) => {
      const response = await api()
        .post('/api/v1/trade-ins/quote')
        .send({ ...LUXURY, ...overrides })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('should let only an admin read and replace the table, refusing bad tables with nothing changed', async () => {
      await as(clerk, api().get('/api/v1/admin/trade-in/rules')).expect(403);
      await as(clerk, api().put('/api/v1/admin/trade-in/rules')).send(DEFAULT_TRADE_IN_RULES).expect(403);
      const current = await as(admin, api().get('/api/v1/admin/trade-in/rules')).expect(200);
      expect(current.body).toEqual(DEFAULT_TRADE_IN_RULES);

      const bad: [string, (rules: TradeInRules) => void, string][] = [
        ['min above max', (rules) => (rules.base[0].min = 70_000), 'base.0.min'],
        ['a percent above 200', (rules) => (rules.materialPercent.metal = 250), 'materialPercent.metal'],
        ['ages not ascending', (rules) => (rules.agePercent[1].maxAgeYears = 1), 'agePercent.1.maxAgeYears'],
        ['a missing combination', (rules) => rules.base.pop(), 'base'],
        ['a negative amount', (rules) => (rules.base[2].max = -100), 'base.2.max'],
      ];
      for (const [label, change, field] of bad) {
        const rules = structuredClone(DEFAULT_TRADE_IN_RULES);
        change(rules);
        const refused = await as(admin, api().put('/api/v1/admin/trade-in/rules')).send(rules);
        expect([label, refused.status, refused.body.code]).toEqual([label, 400, 'VALIDATION_FAILED']);
        expect(refused.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
      }
      expect((await as(admin, api().get('/api/v1/admin/trade-in/rules')).expect(200)).body).toEqual(
        DEFAULT_TRADE_IN_RULES,
      );

      const richer = structuredClone(DEFAULT_TRADE_IN_RULES);
      richer.base[0] = { category: 'optical', brandTier: 'luxury', min: 30_000, max: 80_000 };
      await as(admin, api().put('/api/v1/admin/trade-in/rules')).send(richer).expect(200);
      const quote = await api().post('/api/v1/trade-ins/quote').send(LUXURY).expect(200);
      expect(quote.body).toEqual({ estimateMin: 30_000, estimateMax: 80_000 });
      await as(admin, api().put('/api/v1/admin/trade-in/rules')).send(DEFAULT_TRADE_IN_RULES).expect(200);
    });
  });

  describe('photos', () => {
    it('should store JPEG, PNG and WebP by their bytes and show them to the owner only', async () => {
      for (const [bytes, type] of [
        [JPEG, 'image/jpeg'],
        [PNG, 'image/png'],
        [WEBP, 'image/webp'],
      ] as const) {
        const id = await upload(alice, bytes);
        const shown = await as(alice, api().get(`/api/v1/trade-in-photos/${id}`)).expect(200);
        expect(shown.headers['content-type']).toBe(type);
        expect(Buffer.compare(shown.body as Buffer, bytes)).toBe(0);
        const foreign = await as(bob, api().get(`/api/v1/trade-in-photos/${id}`)).expect(404);
        expect(foreign.body.code).toBe('TRADE_IN_PHOTO_NOT_FOUND');
        // Not on a trade-in yet: no store's staff may see it.
        await as(clerk, api().get(`/api/v1/trade-in-photos/${id}`)).expect(404);
      }
      await api().get('/api/v1/trade-in-photos/1').expect(401);
    });

    it.each([
      ['text claiming to be a JPEG', Buffer.from('definitely not an image'), 415, 'TRADE_IN_PHOTO_INVALID'],
      ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), 415, 'TRADE_IN_PHOTO_INVALID'],
      ['an empty file', Buffer.alloc(0), 415, 'TRADE_IN_PHOTO_INVALID'],
      [
        'a JPEG of 5 MB and one byte',
        Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 + 1 - JPEG.length)]),
        413,
        'TRADE_IN_PHOTO_TOO_LARGE',
      ],
    ])('should refuse %s, storing nothing', async (_label, bytes, status, code) => {
      const rowsBefore = await count('SELECT COUNT(*) AS n FROM trade_in_photos WHERE member_id = ?', [
        bob.memberId,
      ]);
      const filesBefore = uploadedFiles().length;
      const response = await as(bob, api().post('/api/v1/trade-ins/photos')).attach('file', bytes, {
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
      });
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(
        await count('SELECT COUNT(*) AS n FROM trade_in_photos WHERE member_id = ?', [bob.memberId]),
      ).toBe(rowsBefore);
      expect(uploadedFiles()).toHaveLength(filesBefore);
    });

    it('should accept exactly 5 MB, and refuse a body that is not multipart or has no field "file"', async () => {
      await upload(bob, Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 - JPEG.length)]));
      const json = await as(bob, api().post('/api/v1/trade-ins/photos')).send({ file: 'abc' });
      expect([json.status, json.body.code]).toEqual([415, 'TRADE_IN_PHOTO_INVALID']);
      const wrongField = await as(bob, api().post('/api/v1/trade-ins/photos')).attach('photo', JPEG, 'a.jpg');
      expect([wrongField.status, wrongField.body.code]).toEqual([415, 'TRADE_IN_PHOTO_INVALID']);
    });
  });

  describe('submission', () => {
    it('should keep the estimate of submission, take the photos, and show it to its member only', async () => {
      const submitted = await submit(alice);
      expect(submitted).toMatchObject({
        status: 'submitted',
        storeId,
        estimateMin: 20_000,
        estimateMax: 60_000,
        finalAmount: null,
        couponId: null,
      });
      const mine = await as(alice, api().get(`/api/v1/me/trade-ins/${submitted.id}`)).expect(200);
      expect(mine.body.photos).toHaveLength(2);
      const list = await as(alice, api().get('/api/v1/me/trade-ins')).expect(200);
      expect(list.body.map((tradeIn: { id: number }) => tradeIn.id)).toContain(submitted.id);
      const foreign = await as(bob, api().get(`/api/v1/me/trade-ins/${submitted.id}`)).expect(404);
      expect(foreign.body.code).toBe('TRADE_IN_NOT_FOUND');
      const bobs = await as(bob, api().get('/api/v1/me/trade-ins')).expect(200);
      expect(bobs.body.map((tradeIn: { id: number }) => tradeIn.id)).not.toContain(submitted.id);
      await as(bob, api().post(`/api/v1/trade-ins/${submitted.id}/cancel`)).expect(404);
    });

    it('should refuse another member’s photo (404) and a photo used already (409), creating nothing', async () => {
      const bobsPhoto = await upload(bob);
      const before = await count('SELECT COUNT(*) AS n FROM trade_ins WHERE member_id = ?', [alice.memberId]);
      const foreign = await as(alice, api().post('/api/v1/trade-ins'))
        .send({ ...LUXURY, storeId, photoIds: [await upload(alice), bobsPhoto] })
        .expect(404);
      expect(foreign.body.code).toBe('TRADE_IN_PHOTO_NOT_FOUND');
      expect(
        await count('SELECT COUNT(*) AS n FROM trade_in_photos WHERE id = ? AND trade_in_id IS NULL', [
          bobsPhoto,
        ]),
      ).toBe(1);

      const submitted = await submit(alice);
      const [{ id: usedPhoto }] = (
        await as(alice, api().get(`/api/v1/me/trade-ins/${submitted.id}`)).expect(200)
      ).body.photos;
      const reused = await as(alice, api().post('/api/v1/trade-ins'))
        .send({ ...LUXURY, storeId, photoIds: [usedPhoto] })
        .expect(409);
      expect(reused.body.code).toBe('TRADE_IN_PHOTO_USED');
      expect(await count('SELECT COUNT(*) AS n FROM trade_ins WHERE member_id = ?', [alice.memberId])).toBe(
        before + 1,
      );
    });

    it.each([
      ['no photos', { photoIds: [] }, 400, 'photoIds'],
      ['seven photos', { photoIds: [1, 2, 3, 4, 5, 6, 7] }, 400, 'photoIds'],
      ['an unknown material', { material: 'wood' }, 400, 'material'],
      ['an unknown brand tier', { brandTier: 'counterfeit' }, 400, 'brandTier'],
    ])('should refuse %s with 400', async (_label, overrides, status, field) => {
      const response = await as(alice, api().post('/api/v1/trade-ins'))
        .send({ ...LUXURY, storeId, photoIds: [1], ...overrides })
        .expect(status);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('should refuse an unknown store with 404', async () => {
      const response = await as(alice, api().post('/api/v1/trade-ins'))
        .send({ ...LUXURY, storeId: 999_999, photoIds: [await upload(alice)] })
        .expect(404);
      expect(response.body.code).toBe('STORE_NOT_FOUND');
    });
  });

  describe('inspection', () => {
    it('should show a trade-in to its store’s staff and admins only', async () => {
      const submitted = await submit(alice);
      const listed = await as(clerk, api().get('/api/v1/staff/trade-ins?status=submitted')).expect(200);
      expect(listed.body.items.map((tradeIn: { id: number }) => tradeIn.id)).toContain(submitted.id);
      expect(listed.body.items.every((tradeIn: { storeId: number }) => tradeIn.storeId === storeId)).toBe(
        true,
      );
      const other = await as(otherClerk, api().get('/api/v1/staff/trade-ins')).expect(200);
      expect(other.body.items.map((tradeIn: { id: number }) => tradeIn.id)).not.toContain(submitted.id);
      await as(otherClerk, api().get(`/api/v1/staff/trade-ins/${submitted.id}`)).expect(404);
      const card = await as(clerk, api().get(`/api/v1/staff/trade-ins/${submitted.id}`)).expect(200);
      expect(card.body).toMatchObject({ memberId: alice.memberId, status: 'submitted' });
      await as(admin, api().get(`/api/v1/staff/trade-ins/${submitted.id}`)).expect(200);
      const photo = card.body.photos[0];
      await as(clerk, api().get(photo.url)).expect(200);
      await as(admin, api().get(photo.url)).expect(200);
      await as(otherClerk, api().get(photo.url)).expect(404);
      const badStatus = await as(clerk, api().get('/api/v1/staff/trade-ins?status=lost')).expect(400);
      expect(badStatus.body.details[0].field).toBe('status');
      await as(alice, api().get('/api/v1/staff/trade-ins')).expect(403);
    });

    it.each([
      ['below the estimate', 19_900],
      ['above the estimate', 60_100],
    ])('should refuse a final amount %s with 422, changing nothing', async (_label, finalAmount) => {
      const submitted = await submit(alice);
      const response = await as(clerk, api().post(`/api/v1/staff/trade-ins/${submitted.id}/inspect`))
        .send({ finalAmount, note: 'scratches' })
        .expect(422);
      expect(response.body.code).toBe('TRADE_IN_AMOUNT_OUT_OF_RANGE');
      const after = await as(clerk, api().get(`/api/v1/staff/trade-ins/${submitted.id}`)).expect(200);
      expect(after.body).toMatchObject({ status: 'submitted', finalAmount: null, couponId: null });
    });

    it.each([
      ['a fractional amount', { finalAmount: 30_000.5 }, 'finalAmount'],
      ['a negative amount', { finalAmount: -1 }, 'finalAmount'],
      ['no amount', {}, 'finalAmount'],
    ])('should refuse %s with 400', async (_label, body, field) => {
      const submitted = await submit(alice);
      const response = await as(clerk, api().post(`/api/v1/staff/trade-ins/${submitted.id}/inspect`))
        .send(body)
        .expect(400);
      expect(response.body.details[0].field).toBe(field);
    });

    it('should credit exactly once when 10 inspections arrive at once, and the credit pays for a frame', async () => {
      const member = await factory.member();
      const submitted = await submit(member);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          as(clerk, api().post(`/api/v1/staff/trade-ins/${submitted.id}/inspect`)).send({
            finalAmount: 45_000 + index * 100,
            note: 'light scratches on the left temple',
          }),
        ),
      );
      const credited = responses.filter((response) => response.status === 200);
      expect(credited).toHaveLength(1);
      expect(
        new Set(
          responses.filter((response) => response.status !== 200).map((r) => `${r.status} ${r.body.code}`),
        ),
      ).toEqual(new Set(['409 TRADE_IN_NOT_CHANGEABLE']));
      const finalAmount = credited[0].body.finalAmount as number;
      expect(credited[0].body).toMatchObject({
        status: 'credited',
        inspectionNote: 'light scratches on the left temple',
        inspectedByStaffId: clerk.id,
        couponId: expect.any(Number),
      });
      expect(
        await count('SELECT COUNT(*) AS n FROM coupons WHERE member_id = ? AND amount_off IS NOT NULL', [
          member.memberId,
        ]),
      ).toBe(1);
      expect(await outboxEvents(server, 'TradeInCredited', submitted.id)).toHaveLength(1);

      const coupons = await as(member, api().get('/api/v1/me/coupons?status=available')).expect(200);
      const credit = coupons.body.find((coupon: { id: number }) => coupon.id === credited[0].body.couponId);
      expect(credit).toMatchObject({ kind: 'amount_off', amountOff: finalAmount, threshold: 0 });
      expect(new Date(credit.validTo).getTime() - new Date(credit.validFrom).getTime()).toBe(90 * 86_400_000);
      expect(new Date(credit.validFrom).getTime()).toBe(new Date(credited[0].body.inspectedAt).getTime());

      const quote = await as(member, api().post('/api/v1/orders/quote'))
        .send({
          storeId,
          items: [{ skuId: frameSkuId, quantity: 1 }],
          fulfilment: 'pickup',
          couponId: credit.id,
        })
        .expect(200);
      expect(quote.body).toMatchObject({
        subtotal: 98_000,
        discount: finalAmount,
        payable: 98_000 - finalAmount,
      });
      const contacts = await as(member, api().post('/api/v1/orders/quote'))
        .send({
          storeId,
          items: [{ skuId: contactSkuId, quantity: 1 }],
          fulfilment: 'pickup',
          couponId: credit.id,
        })
        .expect(422);
      expect(contacts.body).toMatchObject({
        code: 'COUPON_NOT_APPLICABLE',
        details: [{ message: 'out_of_scope' }],
      });
      const order = await as(member, api().post('/api/v1/orders'))
        .send({
          storeId,
          items: [{ skuId: frameSkuId, quantity: 1 }],
          fulfilment: 'pickup',
          couponId: credit.id,
        })
        .expect(201);
      expect(order.body.discount).toBe(finalAmount);

      // Credited: no second inspection, rejection or cancellation.
      await as(clerk, api().post(`/api/v1/staff/trade-ins/${submitted.id}/reject`))
        .send({ reason: 'late' })
        .expect(409);
      await as(member, api().post(`/api/v1/trade-ins/${submitted.id}/cancel`)).expect(409);
    });

    it('should give two trade-ins of one member inspected at once a credit each', async () => {
      const member = await factory.member();
      const [first, second] = [await submit(member), await submit(member)];
      const responses = await Promise.all(
        [first, second].map((tradeIn) =>
          as(clerk, api().post(`/api/v1/staff/trade-ins/${tradeIn.id}/inspect`)).send({
            finalAmount: 30_000,
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const coupons = await as(member, api().get('/api/v1/me/coupons?status=available')).expect(200);
      expect(coupons.body).toHaveLength(2);
    });

    it('should refuse another store’s inspection with 404', async () => {
      const submitted = await submit(alice);
      const response = await as(otherClerk, api().post(`/api/v1/staff/trade-ins/${submitted.id}/inspect`))
        .send({ finalAmount: 30_000 })
        .expect(404);
      expect(response.body.code).toBe('TRADE_IN_NOT_FOUND');
    });

    it('should reject with a reason once; a rejected or cancelled trade-in cannot be inspected (409)', async () => {
      const rejected = await submit(alice);
      await as(clerk, api().post(`/api/v1/staff/trade-ins/${rejected.id}/reject`))
        .send({ reason: '' })
        .expect(400);
      const response = await as(clerk, api().post(`/api/v1/staff/trade-ins/${rejected.id}/reject`))
        .send({ reason: '镜架断裂，无法回收' })
        .expect(200);
      expect(response.body).toMatchObject({
        status: 'rejected',
        rejectReason: '镜架断裂，无法回收',
        couponId: null,
      });
      const again = await as(clerk, api().post(`/api/v1/staff/trade-ins/${rejected.id}/inspect`))
        .send({ finalAmount: 30_000 })
        .expect(409);
      expect(again.body.code).toBe('TRADE_IN_NOT_CHANGEABLE');
      await as(alice, api().post(`/api/v1/trade-ins/${rejected.id}/cancel`)).expect(409);

      const cancelled = await submit(alice);
      const done = await as(alice, api().post(`/api/v1/trade-ins/${cancelled.id}/cancel`)).expect(200);
      expect(done.body.status).toBe('cancelled');
      await as(alice, api().post(`/api/v1/trade-ins/${cancelled.id}/cancel`)).expect(409);
      await as(clerk, api().post(`/api/v1/staff/trade-ins/${cancelled.id}/inspect`))
        .send({ finalAmount: 30_000 })
        .expect(409);
    });
  });
});
