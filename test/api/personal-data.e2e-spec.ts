import { shanghaiDate } from '@lensloop/shared';
import request from 'supertest';
import type { MemberExportSections } from '@lensloop/shared';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../server/src/common/personal-data';
import { customerAuth } from '../support/actors';
import { Factory } from '../support/factories';
import { placeOrder } from '../support/orders';
import { publishEvent } from '../support/events';
import { runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

// Listing every key of MemberExportSections (the compiler checks that none is missing) lets the
// test hold the shared type and the server's registered sections equal.
const SHARED_SECTIONS = Object.keys({
  profiles: true,
  consents: true,
  prescriptions: true,
  accessLog: true,
  cart: true,
  orders: true,
  appointments: true,
  coupons: true,
  referrals: true,
  tradeIns: true,
  wallet: true,
  membership: true,
  tags: true,
  customers: true,
  reminders: true,
  staffTasks: true,
} satisfies Record<keyof MemberExportSections, true>);

const PHONE = '13900000077';
const CHILD_NAME = 'Registry Junior';
const ADDRESS = {
  recipient: 'Li Lei',
  phone: '13900000078',
  region: 'Shanghai Xuhui',
  detail: '1 Zhaojiabang Road',
};

/** PIPL export and erasure are driven by the modules registered in PersonalDataRegistry. */
describe('personal data contributors (MariaDB)', () => {
  let server: TestServer;
  let storeId: number;
  let contactSku: number;
  let optometrist: string;
  let couponTemplateId: number;
  let registry: PersonalDataRegistry;

  beforeAll(async () => {
    server = await startTestServer();
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    contactSku = (await factory.sku('contacts', { storeId, quantity: 100 })).id;
    optometrist = (await factory.staff('optometrist', storeId)).authorization;
    const admin = await factory.staff('admin', null);
    couponTemplateId = (
      await request(server.baseUrl)
        .post('/api/v1/admin/coupon-templates')
        .set('authorization', admin.authorization)
        .send({
          name: 'Registry coupon',
          kind: 'amount_off',
          amountOff: 500,
          scope: {},
          perMemberLimit: 1,
          validity: { days: 30 },
          channel: 'claim',
          stackable: false,
        })
        .expect(201)
    ).body.id;
    registry = server.app.get(PersonalDataRegistry);
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  /** A member with something in every section: phone, consent, a child, an exam, a staff read, a cart, an order, a coupon. */
  async function memberWithEverything(name: string) {
    const customer = await customerAuth(server.baseUrl, name);
    const as = (call: request.Test) => call.set('authorization', customer.authorization);
    await as(api().post('/api/v1/auth/wechat/phone'))
      .send({ code: `dev-phone-${PHONE}` })
      .expect(200);
    await as(api().post('/api/v1/me/consents'))
      .send({ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' })
      .expect(201);
    const child = await as(api().post('/api/v1/me/profiles'))
      .send({ name: CHILD_NAME, relation: 'child', birthDate: '2016-03-04' })
      .expect(201);
    await api()
      .post(`/api/v1/staff/customers/${customer.memberId}/prescriptions`)
      .set('authorization', optometrist)
      .send({
        profileId: child.body.id,
        kind: 'distance',
        examDate: daysAgo(60),
        od: { sphere: -275, cylinder: 0 },
        os: { sphere: -250, cylinder: 0 },
        pd: { binocular: 580 },
        notes: 'squints at the board',
      })
      .expect(201);
    await api()
      .get(`/api/v1/staff/customers/${customer.memberId}/prescriptions/latest?profileId=${child.body.id}`)
      .set('authorization', optometrist)
      .expect(200);
    const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
    const slots = await api()
      .get(`/api/v1/stores/${storeId}/appointment-slots?date=${tomorrow}&service=exam`)
      .expect(200);
    const free = slots.body.find((slot: { available: number }) => slot.available > 0);
    await as(api().post('/api/v1/appointments'))
      .send({ storeId, start: free.start, service: 'exam' })
      .expect(201);
    await as(api().post('/api/v1/cart/items')).send({ skuId: contactSku, quantity: 1 }).expect(201);
    await as(api().post(`/api/v1/coupons/${couponTemplateId}/claim`)).expect(201);
    await as(api().post('/api/v1/me/arrivals'))
      .send({ scene: `c:${storeId}` })
      .expect(200);
    await as(api().get('/api/v1/me/referral')).expect(200);
    const photo = await as(api().post('/api/v1/trade-ins/photos'))
      .attach('file', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'old-glasses.jpg')
      .expect(201);
    await as(api().post('/api/v1/trade-ins'))
      .send({
        category: 'optical',
        material: 'metal',
        brandTier: 'standard',
        ageYears: 3,
        condition: 'good',
        storeId,
        photoIds: [photo.body.id],
      })
      .expect(201);
    await placeOrder(server.baseUrl, customer.authorization, {
      storeId,
      items: [{ skuId: contactSku, quantity: 1 }],
      fulfilment: 'delivery',
      address: ADDRESS,
    });
    // A walk-in (staff task) and the exam's re-check reminder, from their events.
    await publishEvent(server, 'CustomerArrived', customer.memberId, {
      memberId: customer.memberId,
      storeId,
      ownerStaffId: null,
    });
    await runJob(server.baseUrl, 'outbox');
    return customer;
  }

  async function exportsAfterwards(memberId: number): Promise<Record<string, unknown>> {
    const sections = await Promise.all(
      registry.all().map(async (contributor) => [contributor.section, await contributor.exportFor(memberId)]),
    );
    return Object.fromEntries(sections);
  }

  it('should export one non-empty key per registered section, and erase every section in one go', async () => {
    const customer = await memberWithEverything('registry-all');
    const sections = registry.all().map((contributor) => contributor.section);
    expect([...sections].sort()).toEqual([...SHARED_SECTIONS].sort());

    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(Object.keys(exported.body).sort()).toEqual(['exportedAt', 'member', ...sections].sort());
    for (const section of sections) expect(exported.body[section]).not.toEqual([]);
    expect(exported.body.member).toMatchObject({ id: customer.memberId, phone: PHONE });

    await api().delete('/api/v1/me').set('authorization', customer.authorization).expect(204);

    // What each module still holds: nothing personal. The access log keeps its ids-only rows and
    // the order stays for accounting, without the address.
    const after = await exportsAfterwards(customer.memberId);
    expect(after).toEqual({
      profiles: [],
      consents: [],
      prescriptions: [],
      cart: [],
      appointments: [],
      coupons: [],
      referrals: { code: null, referredBy: null, invited: [] },
      tradeIns: [expect.objectContaining({ photos: [], inspectionNote: null, rejectReason: null })],
      membership: {
        standing: expect.objectContaining({ tier: 'regular', spend12m: 0, points: 0 }),
        ledger: [],
      },
      accessLog: [
        expect.objectContaining({ action: 'prescription.create' }),
        expect.objectContaining({ action: 'prescription.read' }),
      ],
      orders: [expect.objectContaining({ address: null })],
      // Money records stay for the accounts (ids and amounts only).
      wallet: { balance: 0, principal: 0, bonus: 0, ledger: [], topUps: [] },
      tags: { tags: [], communities: [] },
      customers: { addedVia: null, ownerHistory: [], arrivals: [] },
      reminders: { muted: [], subscriptions: [], inbox: [], occurrences: [] },
      staffTasks: [],
    });
    const leftovers = JSON.stringify(after);
    for (const personal of [PHONE, CHILD_NAME, ADDRESS.recipient, ADDRESS.detail, 'squints']) {
      expect(leftovers).not.toContain(personal);
    }
    const [member] = await server.dataSource.query(
      'SELECT phone, openid, erased_at FROM members WHERE id = ?',
      [customer.memberId],
    );
    expect(member).toMatchObject({ phone: null, openid: `erased:${customer.memberId}` });
    expect(member.erased_at).not.toBeNull();
  });

  it('should delete trade-in photo files once the erasure committed, keeping the trade-in without them', async () => {
    const customer = await memberWithEverything('registry-photos');
    const [{ file_key: fileKey }] = await server.dataSource.query(
      'SELECT file_key FROM trade_in_photos WHERE member_id = ?',
      [customer.memberId],
    );
    const file = join(server.config.tradeIns.uploadDirectory, 'trade-ins', fileKey);
    expect(existsSync(file)).toBe(true);
    await api().delete('/api/v1/me').set('authorization', customer.authorization).expect(204);
    await waitFor(async () => !existsSync(file));
    expect((await exportsAfterwards(customer.memberId)).tradeIns).toEqual([
      expect.objectContaining({ status: 'submitted', photos: [] }),
    ]);
  });

  it('should include a newly registered section and roll the whole erasure back when its eraser fails', async () => {
    const customer = await memberWithEverything('registry-new');
    const probe: PersonalDataContributor = {
      section: 'probe',
      exportFor: async (memberId) => ({ memberId }),
      eraseFor: async () => {
        throw new Error('probe eraser failed');
      },
    };
    registry.register(probe);

    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(exported.body.probe).toEqual({ memberId: customer.memberId });

    await api().delete('/api/v1/me').set('authorization', customer.authorization).expect(500);
    // The erasers that ran before the probe were rolled back with it: nothing is half erased.
    const before = await exportsAfterwards(customer.memberId);
    expect(before).toMatchObject({
      profiles: expect.arrayContaining([expect.objectContaining({ name: CHILD_NAME })]),
      consents: [expect.objectContaining({ granted: true })],
      prescriptions: [expect.objectContaining({ notes: 'squints at the board' })],
      cart: [expect.objectContaining({ skuId: contactSku })],
      orders: [expect.objectContaining({ address: ADDRESS })],
      tradeIns: [expect.objectContaining({ photos: [expect.objectContaining({ id: expect.any(Number) })] })],
    });
    // The rolled-back erasure kept the photo files too.
    const [{ file_key: fileKey }] = await server.dataSource.query(
      'SELECT file_key FROM trade_in_photos WHERE member_id = ?',
      [customer.memberId],
    );
    expect(existsSync(join(server.config.tradeIns.uploadDirectory, 'trade-ins', fileKey))).toBe(true);
    await api().get('/api/v1/me').set('authorization', customer.authorization).expect(200);
  });
});
