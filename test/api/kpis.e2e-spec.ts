import request from 'supertest';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { memberAt, paidOrder, publishEvent, refundOrder, settle } from '../support/tags';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The leaderboard and the dashboard from recorded facts: members added (CustomerAdded), orders
 * attributed to the owner at payment time, coupons redeemed in store, referrals and tasks (MariaDB).
 */
describe('leaderboard and dashboard (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let otherStoreId: number;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let first: StaffFixture;
  let second: StaffFixture;
  let elsewhere: StaffFixture;
  let m1: MemberFixture;
  let m2: MemberFixture;
  let m3: MemberFixture;

  const api = () => request(server.baseUrl);

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    otherStoreId = (await factory.store()).id;
    const skuId = (await factory.sku('frames', { storeId, quantity: 100, price: 50_000 })).id;
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', storeId, '店长');
    first = await factory.staff('clerk', storeId, '小王');
    second = await factory.staff('clerk', storeId, '小李');
    elsewhere = await factory.staff('clerk', otherStoreId, '别店');
    [m1, m2, m3] = [
      await memberAt(server, storeId),
      await memberAt(server, storeId),
      await memberAt(server, storeId),
    ];

    const added = (member: MemberFixture, staff: StaffFixture, channel: 'staff_qr' | 'wecom' | 'store_qr') =>
      publishEvent(server, 'CustomerAdded', member.memberId, {
        memberId: member.memberId,
        ownerStaffId: staff.id,
        storeId,
        channel,
        registered: true,
        welcomeCouponId: null,
      });
    await added(m1, first, 'staff_qr');
    await added(m2, first, 'wecom');
    await added(m3, second, 'store_qr');
    await settle(server);

    // m1's first order counts for its owner then (小王); m2's is refunded; m3's two for 小李.
    await paidOrder(server, m1, storeId, skuId);
    const refunded = await paidOrder(server, m2, storeId, skuId);
    await paidOrder(server, m3, storeId, skuId);
    await paidOrder(server, m3, storeId, skuId);
    await settle(server);
    await refundOrder(server, manager, m2, refunded);
    // m1 moves to 小李 (a transfer): the later order is his, the earlier stays 小王's.
    await publishEvent(server, 'OwnerChanged', m1.memberId, {
      memberId: m1.memberId,
      fromStaffId: first.id,
      toStaffId: second.id,
      reason: 'transfer',
    });
    await settle(server);
    await paidOrder(server, m1, storeId, skuId);
    await publishEvent(server, 'ReferralRewarded', 1, {
      attributionId: 1,
      referrerId: m1.memberId,
      refereeId: m2.memberId,
      points: 100,
      couponId: null,
    });
    await publishEvent(server, 'StaffTaskDone', 1, {
      taskId: 1,
      staffId: first.id,
      memberId: m1.memberId,
      kind: 'arrival',
    });
    // The same task reported twice counts once.
    await publishEvent(server, 'StaffTaskDone', 1, {
      taskId: 1,
      staffId: first.id,
      memberId: m1.memberId,
      kind: 'arrival',
    });
    await settle(server);

    // 小李 redeems one coupon in store.
    const template = await api()
      .post('/api/v1/admin/coupon-templates')
      .set('authorization', admin.authorization)
      .send({
        name: '免费清洗',
        kind: 'free_service',
        threshold: 0,
        scope: {},
        perMemberLimit: 1,
        validity: { days: 30 },
        channel: 'claim',
        stackable: false,
      })
      .expect(201);
    const coupon = await api()
      .post(`/api/v1/coupons/${template.body.id}/claim`)
      .set('authorization', m3.authorization)
      .expect(201);
    const code = await api()
      .get(`/api/v1/me/coupons/${coupon.body.id}/code`)
      .set('authorization', m3.authorization)
      .expect(200);
    await api()
      .post('/api/v1/staff/coupons/redeem')
      .set('authorization', second.authorization)
      .send({ code: code.body.code })
      .expect(200);
  }, 180_000);
  afterAll(() => server.stop());

  const row = (staff: StaffFixture, figures: object) => ({
    staffId: staff.id,
    name: staff.name,
    storeId,
    ...figures,
  });
  const zeros = { membersAdded: 0, couponsRedeemed: 0, orders: 0, sales: 0, referrals: 0, tasksDone: 0 };

  it('should rank the store’s staff for the week with every figure', async () => {
    const board = await api()
      .get(`/api/v1/staff/leaderboard?period=week&storeId=${storeId}`)
      .set('authorization', first.authorization)
      .expect(200);
    expect(board.body).toMatchObject({ period: 'week', storeId });
    expect(board.body.items).toEqual([
      row(second, {
        membersAdded: 1,
        couponsRedeemed: 1,
        orders: 3,
        sales: 150_000,
        referrals: 1,
        tasksDone: 0,
        rank: 1,
      }),
      row(first, {
        membersAdded: 2,
        couponsRedeemed: 0,
        orders: 1,
        sales: 50_000,
        referrals: 0,
        tasksDone: 1,
        rank: 2,
      }),
      row(manager, { ...zeros, rank: 3 }),
    ]);
    // Default: the caller's own store, this week; the month holds the same facts.
    const mine = await api()
      .get('/api/v1/staff/leaderboard')
      .set('authorization', second.authorization)
      .expect(200);
    expect(mine.body.items.map((item: { staffId: number }) => item.staffId)).toEqual([
      second.id,
      first.id,
      manager.id,
    ]);
    const month = await api()
      .get(`/api/v1/staff/leaderboard?period=month&storeId=${storeId}`)
      .set('authorization', first.authorization)
      .expect(200);
    expect(month.body.items).toEqual(board.body.items);
    const other = await api()
      .get('/api/v1/staff/leaderboard')
      .set('authorization', elsewhere.authorization)
      .expect(200);
    expect(other.body.items).toEqual([
      { staffId: elsewhere.id, name: '别店', storeId: otherStoreId, ...zeros, rank: 1 },
    ]);
    const bad = await api()
      .get('/api/v1/staff/leaderboard?period=year')
      .set('authorization', first.authorization)
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('should show the manager their store’s dashboard for the day', async () => {
    const dashboard = await api()
      .get(`/api/v1/admin/dashboard?period=day&storeId=${otherStoreId}`)
      .set('authorization', manager.authorization)
      .expect(200);
    expect(dashboard.body).toMatchObject({
      period: 'day',
      storeId,
      membersAdded: 3,
      // m1 and m3 bought (m2's order was refunded), both twice so far.
      activeMembers: 2,
      repeatPurchaseRate: 1,
      couponsRedeemed: 1,
      sales: 200_000,
      byChannel: [
        { channel: 'staff_qr', membersAdded: 1 },
        { channel: 'store_qr', membersAdded: 1 },
        { channel: 'wecom', membersAdded: 1 },
      ],
    });
    expect(
      dashboard.body.byStaff.map((item: { staffId: number; sales: number }) => [item.staffId, item.sales]),
    ).toEqual([
      [second.id, 150_000],
      [first.id, 50_000],
      [manager.id, 0],
    ]);
  });

  it('should let HQ read any store or the whole chain, and nobody else', async () => {
    const other = await api()
      .get(`/api/v1/admin/dashboard?period=month&storeId=${otherStoreId}`)
      .set('authorization', admin.authorization)
      .expect(200);
    expect(other.body).toMatchObject({
      storeId: otherStoreId,
      membersAdded: 0,
      activeMembers: 0,
      sales: 0,
      couponsRedeemed: 0,
    });
    const chain = await api()
      .get('/api/v1/admin/dashboard?period=week')
      .set('authorization', admin.authorization)
      .expect(200);
    expect(chain.body).toMatchObject({ storeId: null, membersAdded: 3, sales: 200_000 });
    await api().get('/api/v1/admin/dashboard').set('authorization', first.authorization).expect(403);
    await api().get('/api/v1/admin/dashboard').set('authorization', m1.authorization).expect(403);
  });
});
