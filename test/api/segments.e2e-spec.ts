import request from 'supertest';
import { SegmentPort } from '../../server/src/modules/members/segment-port';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { runJob } from '../support/outbox';
import { memberAt, paidOrder, publishEvent, settle } from '../support/tags';
import { startTestServer, type TestServer } from '../support/test-server';

/** Saved segments: the filter DSL, live counts, bad filters, my customers and coupon pushes (MariaDB). */
describe('segments (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeA: number;
  let storeB: number;
  let skuId: number;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let colleague: StaffFixture;
  /** In store A: none, 1, 3 purchases; in store B: 2 purchases; online: none. */
  let a0: MemberFixture;
  let a1: MemberFixture;
  let a3: MemberFixture;
  let b2: MemberFixture;
  let online: MemberFixture;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeA = (await factory.store({ city: '杭州' })).id;
    storeB = (await factory.store({ city: '宁波' })).id;
    skuId = (await factory.sku('frames', { storeId: storeA, quantity: 1_000, price: 50_000 })).id;
    await factory.sku('frames', { storeId: storeB, quantity: 0, price: 1 });
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeA);
    colleague = await factory.staff('clerk', storeA);
    [a0, a1, a3, b2, online] = await Promise.all([
      memberAt(server, storeA),
      memberAt(server, storeA),
      memberAt(server, storeA),
      memberAt(server, storeB),
      memberAt(server, null),
    ]);
    await paidOrder(server, a1, storeA, skuId);
    for (let n = 0; n < 3; n++) await paidOrder(server, a3, storeA, skuId);
    for (let n = 0; n < 2; n++) await paidOrder(server, b2, storeA, skuId);
    await settle(server);
    // The customers module (built elsewhere) makes owners: a0, a1, a3 are the clerk's, b2 the colleague's.
    for (const member of [a0, a1, a3]) {
      await publishEvent(server, 'CustomerAdded', member.memberId, {
        memberId: member.memberId,
        ownerStaffId: clerk.id,
        storeId: storeA,
        channel: 'staff_qr',
        registered: true,
        welcomeCouponId: null,
      });
    }
    await publishEvent(server, 'OwnerChanged', b2.memberId, {
      memberId: b2.memberId,
      fromStaffId: null,
      toStaffId: colleague.id,
      reason: 'first_purchase',
    });
    await settle(server);
    await api()
      .post(`/api/v1/staff/customers/${a1.memberId}/tags`)
      .set('authorization', clerk.authorization)
      .send({ name: '爱运动' })
      .expect(201);
  }, 180_000);
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  /** Limits a filter to this file's five members of the two stores (leaving out the online one). */
  const mine = () => ({ field: 'homeStoreId', op: 'in', value: [storeA, storeB] });

  async function save(filter: object, expected = 201) {
    return api()
      .post('/api/v1/admin/segments')
      .set('authorization', admin.authorization)
      .send({ name: 'test segment', filter })
      .expect(expected);
  }

  async function count(filter: object): Promise<number> {
    const segment = await save(filter);
    const response = await api()
      .get(`/api/v1/admin/segments/${segment.body.id}/count`)
      .set('authorization', admin.authorization)
      .expect(200);
    return response.body.count as number;
  }

  it.each([
    ['a tag', { all: [() => mine(), { tag: 'D类' }] }, ['a3']],
    ['any of two classes', { any: [{ tag: 'C类' }, { tag: 'D类' }] }, ['a3', 'b2']],
    ['not', { all: [() => mine(), { not: { tag: 'A类' } }] }, ['a1', 'a3', 'b2']],
    ['a field eq', { all: [{ field: 'homeStoreId', op: 'eq', value: 'A' }] }, ['a0', 'a1', 'a3']],
    ['purchases gte', { all: [() => mine(), { field: 'purchases', op: 'gte', value: 2 }] }, ['a3', 'b2']],
    ['spend lte', { all: [() => mine(), { field: 'spend', op: 'lte', value: 50_000 }] }, ['a0', 'a1']],
    [
      'class in',
      { all: [() => mine(), { field: 'purchaseClass', op: 'in', value: ['A', 'B'] }] },
      ['a0', 'a1'],
    ],
    ['region', { all: [{ field: 'region', op: 'eq', value: '宁波' }] }, ['b2']],
    ['a manual tag', { tag: '爱运动' }, ['a1']],
    [
      'an owner and a channel',
      {
        all: [
          { field: 'ownerStaffId', op: 'eq', value: 'clerk' },
          { field: 'channel', op: 'eq', value: 'staff_qr' },
        ],
      },
      ['a0', 'a1', 'a3'],
    ],
    [
      'nested',
      {
        any: [
          { all: [{ tag: '锁客' }, { not: { field: 'region', op: 'eq', value: '杭州' } }] },
          { tag: '爱运动' },
        ],
      },
      ['a1', 'b2'],
    ],
  ])('should count %s', async (_name, template, names) => {
    const resolve = (node: unknown): unknown => {
      if (typeof node === 'function') return (node as () => unknown)();
      if (Array.isArray(node)) return node.map(resolve);
      if (node && typeof node === 'object') {
        const entries = Object.entries(node).map(([key, value]) => [key, resolve(value)]);
        const object = Object.fromEntries(entries) as Record<string, unknown>;
        if (object.field === 'homeStoreId' && object.value === 'A') object.value = storeA;
        if (object.field === 'ownerStaffId' && object.value === 'clerk') object.value = clerk.id;
        return object;
      }
      return node;
    };
    expect(await count(resolve(template) as object)).toBe(names.length);
  });

  it.each([
    [
      'an unknown field',
      { all: [{ tag: 'A类' }, { field: 'shoeSize', op: 'eq', value: 42 }] },
      'filter.all.1.field',
    ],
    ['an unknown tag', { any: [{ not: { tag: '从没有人有的标签' } }] }, 'filter.any.0.not.tag'],
    ['an unknown operator', { field: 'purchases', op: 'gt', value: 1 }, 'filter.op'],
    ['a range on a class', { field: 'purchaseClass', op: 'gte', value: 'B' }, 'filter.op'],
    [
      'a class that does not exist',
      { field: 'purchaseClass', op: 'in', value: ['A', 'E'] },
      'filter.value.1',
    ],
    [
      'a text where a number goes',
      { all: [{ field: 'spend', op: 'gte', value: '100' }] },
      'filter.all.0.value',
    ],
    ['an empty all', { all: [] }, 'filter.all'],
    ['an unknown node', { every: [{ tag: 'A类' }] }, 'filter'],
    ['two kinds in one node', { tag: 'A类', not: { tag: 'B类' } }, 'filter'],
    ['a bad date', { field: 'registeredAt', op: 'gte', value: '2026-13-45' }, 'filter.value'],
  ])('should refuse %s with 400 and the path of the node, saving nothing', async (_name, filter, path) => {
    const before = await api()
      .get('/api/v1/admin/segments')
      .set('authorization', admin.authorization)
      .expect(200);
    const response = await save(filter, 400);
    expect(response.body.code).toBe('SEGMENT_FILTER_INVALID');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([path]);
    const after = await api()
      .get('/api/v1/admin/segments')
      .set('authorization', admin.authorization)
      .expect(200);
    expect(after.body).toHaveLength(before.body.length);
  });

  it('should refuse a filter that is not an object, a missing segment and non-admins', async () => {
    expect((await save('everyone' as unknown as object, 400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await api()
          .get('/api/v1/admin/segments/99999/count')
          .set('authorization', admin.authorization)
          .expect(404)
      ).body.code,
    ).toBe('SEGMENT_NOT_FOUND');
    await api()
      .post('/api/v1/admin/segments')
      .set('authorization', clerk.authorization)
      .send({ name: 'x', filter: { tag: 'A类' } })
      .expect(403);
  });

  it('should list my own customers, by tag and by segment', async () => {
    const list = async (staff: StaffFixture, query = '') =>
      (
        await api()
          .get(`/api/v1/staff/me/customers${query}`)
          .set('authorization', staff.authorization)
          .expect(200)
      ).body;
    const all = await list(clerk);
    expect(all.total).toBe(3);
    expect(all.items.map((item: { id: number }) => item.id)).toEqual(
      [a0.memberId, a1.memberId, a3.memberId].sort((x, y) => x - y),
    );
    expect(all.items.find((item: { id: number }) => item.id === a3.memberId)).toMatchObject({
      purchaseClass: 'D',
      quadrant: 'lock_in',
      tags: expect.arrayContaining(['D类', '来源:店员码']),
    });
    expect(
      (await list(clerk, `?tag=${encodeURIComponent('爱运动')}`)).items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([a1.memberId]);
    const buyers = await save({ field: 'purchases', op: 'gte', value: 1 });
    const bought = await list(clerk, `?segmentId=${buyers.body.id}&pageSize=1&page=2`);
    expect(bought).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(bought.items.map((item: { id: number }) => item.id)).toEqual([Math.max(a1.memberId, a3.memberId)]);
    expect((await list(colleague)).items.map((item: { id: number }) => item.id)).toEqual([b2.memberId]);
    await api()
      .get('/api/v1/staff/me/customers?segmentId=99999')
      .set('authorization', clerk.authorization)
      .expect(404);
    expect(online.memberId).toBeGreaterThan(0);
  });

  it('should answer the 1-to-1 service segment (core or class D) through SegmentPort', async () => {
    const port = server.app.get(SegmentPort);
    const ids = [a0, a1, a3, b2, online].map((member) => member.memberId);
    expect([...(await port.matching(null, ids))]).toEqual([a3.memberId]);
    const saved = await save({ tag: 'C类' });
    expect([...(await port.matching(saved.body.id, ids))]).toEqual([b2.memberId]);
  });

  it('should push a coupon to a segment of 2,345 members in batches of 1,000, in member order, until sold out', async () => {
    // Members made in bulk (as an import would), known to tags through the nightly catch-up.
    await server.dataSource.query(
      `INSERT INTO members (openid, member_code) SELECT CONCAT('seg-', seq), CONCAT('8', LPAD(seq, 11, '0')) FROM seq_1_to_2345`,
    );
    await runJob(server.baseUrl, 'tags');
    const bulk: number[] = (
      await server.dataSource.query("SELECT id FROM members WHERE openid LIKE 'seg-%' ORDER BY id")
    ).map((row: { id: number }) => Number(row.id));
    await server.dataSource.query(
      `INSERT INTO member_tags (member_id, name, auto) SELECT id, '批量推送', 0 FROM members WHERE openid LIKE 'seg-%'`,
    );
    const segment = await save({ tag: '批量推送' });
    expect(await count({ tag: '批量推送' })).toBe(2_345);

    const template = await api()
      .post('/api/v1/admin/coupon-templates')
      .set('authorization', admin.authorization)
      .send({
        name: '老客回馈',
        kind: 'amount_off',
        amountOff: 2_000,
        threshold: 0,
        scope: {},
        perMemberLimit: 1,
        totalQuantity: 2_100,
        validity: { days: 30 },
        channel: 'push',
        stackable: false,
      })
      .expect(201);
    const started = await api()
      .post(`/api/v1/admin/coupon-templates/${template.body.id}/issue`)
      .set('authorization', admin.authorization)
      .send({ segmentId: segment.body.id })
      .expect(202);
    const progress = () =>
      api()
        .get(`/api/v1/admin/jobs/${started.body.jobId}`)
        .set('authorization', admin.authorization)
        .expect(200);
    expect((await progress()).body).toMatchObject({ status: 'pending', done: 0, total: 2_345, issued: 0 });
    await runJob(server.baseUrl, 'coupon-issue');
    // Batches of 1,000: the third batch ran out at 2,100 coupons.
    expect((await progress()).body).toMatchObject({
      status: 'done',
      done: 2_345,
      total: 2_345,
      issued: 2_100,
    });
    const holders: { member_id: number }[] = await server.dataSource.query(
      'SELECT member_id FROM coupons WHERE template_id = ? ORDER BY member_id',
      [template.body.id],
    );
    expect(holders.map((row) => Number(row.member_id))).toEqual(bulk.slice(0, 2_100));

    const unknown = await api()
      .post(`/api/v1/admin/coupon-templates/${template.body.id}/issue`)
      .set('authorization', admin.authorization)
      .send({ segmentId: 99_999 })
      .expect(404);
    expect(unknown.body.code).toBe('SEGMENT_NOT_FOUND');
    const neither = await api()
      .post(`/api/v1/admin/coupon-templates/${template.body.id}/issue`)
      .set('authorization', admin.authorization)
      .send({})
      .expect(400);
    expect(neither.body.code).toBe('VALIDATION_FAILED');
  }, 120_000);
});
