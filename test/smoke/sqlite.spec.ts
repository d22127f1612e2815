import request from 'supertest';
import { shanghaiDate } from '@lensloop/shared';
import { OrderExpiryJob } from '../../server/src/modules/orders/order-expiry.job';
import { customerAuth, staffAuth } from '../support/actors';
import { runJob } from '../support/outbox';
import { demoSkus, placeOrder, setStock, stockOf } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

/** The default start runs on embedded SQLite: the same services must work there too. */
describe('API smoke on embedded SQLite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'sqlite', seed: true });
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  it('should be healthy', async () => {
    expect((await api().get('/api/health').expect(200)).body.database).toBe('up');
  });

  it('should run on better-sqlite3 with a write-ahead log, so a commit does not rewrite the file', async () => {
    expect(server.dataSource.options.type).toBe('better-sqlite3');
    expect(await server.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await server.dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('should log a customer in twice as the same member and show /me', async () => {
    const first = await api().post('/api/v1/auth/wechat/login').send({ code: 'dev-alice' }).expect(200);
    const second = await api().post('/api/v1/auth/wechat/login').send({ code: 'dev-alice' }).expect(200);
    expect([first.body.isNew, second.body.isNew]).toEqual([true, false]);
    expect(second.body.member.id).toBe(first.body.member.id);
    const { authorization } = await customerAuth(server.baseUrl, 'alice');
    expect((await api().get('/api/v1/me').set('authorization', authorization).expect(200)).body.id).toBe(
      first.body.member.id,
    );
    await api().get('/api/v1/staff/me').set('authorization', authorization).expect(403);
  });

  it('should log staff in', async () => {
    const { authorization } = await staffAuth(server.baseUrl, 'manager1');
    expect(
      (await api().get('/api/v1/staff/me').set('authorization', authorization).expect(200)).body.role,
    ).toBe('manager');
  });

  it('should sort stores by distance', async () => {
    const response = await api().get('/api/v1/stores?lat=31.23&lng=121.47').expect(200);
    expect(response.body.items[0].city).toBe('上海');
    expect(response.body.items.at(-1).city).toBe('北京');
  });

  it('should page, filter and search products, and show one with SKUs', async () => {
    const page1 = await api().get('/api/v1/products?category=frames&pageSize=10').expect(200);
    const page2 = await api().get('/api/v1/products?category=frames&pageSize=10&page=2').expect(200);
    const ids = [...page1.body.items, ...page2.body.items].map((item: { id: number }) => item.id);
    expect(new Set(ids).size).toBe(20);
    expect((await api().get('/api/v1/products?q=%25').expect(200)).body.total).toBe(0);
    expect((await api().get('/api/v1/products?q=Aqua').expect(200)).body.total).toBeGreaterThan(0);
    const product = await api().get(`/api/v1/products/${ids[0]}?storeId=1`).expect(200);
    expect(product.body.skus.length).toBeGreaterThan(0);
    expect(product.body.lensOptions.length).toBeGreaterThan(0);
  });

  it('should reject bad input the same way', async () => {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-x', extra: 1 })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect((await api().get('/api/v1/products/99999').expect(404)).body.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('should find the demo customer, read their latest prescription (audited) and record one', async () => {
    const { authorization } = await staffAuth(server.baseUrl, 'optometrist1');
    const found = await api()
      .get('/api/v1/staff/customers?q=13800138000')
      .set('authorization', authorization)
      .expect(200);
    const memberId = found.body.items[0].id;
    const card = await api()
      .get(`/api/v1/staff/customers/${memberId}`)
      .set('authorization', authorization)
      .expect(200);
    const child = card.body.profiles.find((profile: { relation: string }) => profile.relation === 'child');
    const latest = await api()
      .get(`/api/v1/staff/customers/${memberId}/prescriptions/latest?profileId=${child.id}`)
      .set('authorization', authorization)
      .expect(200);
    expect(latest.body).toMatchObject({ examDate: daysAgo(17), od: { sphere: -275 } });
    await api()
      .post(`/api/v1/staff/customers/${memberId}/prescriptions`)
      .set('authorization', authorization)
      .send({
        profileId: child.id,
        kind: 'distance',
        examDate: '2026-11-01',
        od: { sphere: -250, cylinder: 50, axis: 90 },
        os: { sphere: -225, cylinder: 0 },
        pd: { binocular: 555 },
      })
      .expect(201);
    const rows = await server.dataSource.query('SELECT action FROM audit_log WHERE member_id = ?', [
      memberId,
    ]);
    expect(rows.map((row: { action: string }) => row.action).sort()).toEqual([
      'prescription.create',
      'prescription.read',
    ]);
  });

  it('should order, pay through the fake WeChat Pay and expire unpaid orders without row locks', async () => {
    const skus = await demoSkus(server.dataSource);
    const { authorization } = await customerAuth(server.baseUrl, 'sqlite-buyer');
    await setStock(server.dataSource, 1, skus.contact, 4);
    const glasses = { skuId: skus.frame, quantity: 1, lens: { skuId: skus.lens, options: ['AR-PREMIUM'] } };
    await setStock(server.dataSource, 1, skus.frame, 2);
    const paidOrder = await placeOrder(server.baseUrl, authorization, {
      storeId: 1,
      items: [glasses, { skuId: skus.contact, quantity: 1 }],
    });
    const paid = await api()
      .post(`/api/v1/dev/payments/${paidOrder.id}/succeed`)
      .set('authorization', authorization)
      .expect(200);
    expect(paid.body.status).toBe('paid');

    const unpaid = await placeOrder(server.baseUrl, authorization, {
      storeId: 1,
      items: [{ skuId: skus.contact, quantity: 3 }],
    });
    expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(0);
    await api()
      .post('/api/v1/orders')
      .set('authorization', authorization)
      .send({ storeId: 1, fulfilment: 'pickup', items: [{ skuId: skus.contact, quantity: 1 }] })
      .expect(409);
    await server.dataSource.query("UPDATE orders SET expires_at = '2000-01-01 00:00:00.000' WHERE id = ?", [
      unpaid.id,
    ]);
    expect(await server.app.get(OrderExpiryJob).runOnce()).toBe(1);
    expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(3);
    const order = await api()
      .get(`/api/v1/orders/${unpaid.id}`)
      .set('authorization', authorization)
      .expect(200);
    expect(order.body.status).toBe('cancelled');
  });

  it('should welcome a member with a coupon, take 满300减50 off an order, return it on cancel and redeem in store', async () => {
    const skus = await demoSkus(server.dataSource);
    const { authorization } = await customerAuth(server.baseUrl, 'sqlite-coupons');
    const mine = () => api().get('/api/v1/me/coupons').set('authorization', authorization).expect(200);
    await runJob(server.baseUrl, 'outbox');
    expect((await mine()).body.map((coupon: { name: string }) => coupon.name)).toEqual(['新人礼 ¥20']);
    const claimable = await api()
      .get('/api/v1/coupons/claimable')
      .set('authorization', authorization)
      .expect(200);
    const threshold = claimable.body.find((coupon: { name: string }) => coupon.name === '满300减50');
    const coupon = await api()
      .post(`/api/v1/coupons/${threshold.templateId}/claim`)
      .set('authorization', authorization)
      .expect(201);
    const glasses = { skuId: skus.frame, quantity: 1, lens: { skuId: skus.lens, options: [] } };
    const order = await placeOrder(server.baseUrl, authorization, {
      storeId: 1,
      items: [glasses],
      couponId: coupon.body.id,
    });
    expect(order).toMatchObject({ discount: 5_000 });
    await api().post(`/api/v1/orders/${order.id}/cancel`).set('authorization', authorization).expect(200);
    await runJob(server.baseUrl, 'outbox');
    const code = await api()
      .get(`/api/v1/me/coupons/${coupon.body.id}/code`)
      .set('authorization', authorization)
      .expect(200);
    const { authorization: clerk } = await staffAuth(server.baseUrl, 'clerk1');
    const redeem = () =>
      api().post('/api/v1/staff/coupons/redeem').set('authorization', clerk).send({ code: code.body.code });
    expect((await redeem().expect(200)).body.status).toBe('used');
    expect((await redeem().expect(409)).body.code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it("should show the demo customer's stored value and pay an order from it, returned on cancel", async () => {
    const skus = await demoSkus(server.dataSource);
    const { authorization } = await customerAuth(server.baseUrl, 'demo-parent');
    const wallet = await api().get('/api/v1/me/wallet').set('authorization', authorization).expect(200);
    expect(wallet.body).toEqual({ balance: 53_000, principal: 50_000, bonus: 3_000 });
    await setStock(server.dataSource, 1, skus.contact, 5);
    const order = await placeOrder(server.baseUrl, authorization, {
      storeId: 1,
      items: [{ skuId: skus.contact, quantity: 1 }],
      useBalance: true,
    });
    const price = skus.prices[skus.contact];
    expect(price).toBeGreaterThan(0);
    expect(order.payable).toBe(0);
    expect((await api().get('/api/v1/me').set('authorization', authorization).expect(200)).body.balance).toBe(
      53_000 - price,
    );
    await api().post(`/api/v1/orders/${order.id}/cancel`).set('authorization', authorization).expect(200);
    await runJob(server.baseUrl, 'outbox');
    const ledger = await api()
      .get('/api/v1/me/wallet/ledger')
      .set('authorization', authorization)
      .expect(200);
    expect(ledger.body.items.map((entry: { kind: string; balanceAfter: number }) => entry.kind)).toEqual([
      'cancel',
      'payment',
      'top_up',
    ]);
    expect(ledger.body.items[0].balanceAfter).toBe(53_000);
  });

  it('should book an appointment slot once and show it taken', async () => {
    const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
    const slotsOf = async () =>
      (await api().get(`/api/v1/stores/1/appointment-slots?date=${tomorrow}&service=exam`).expect(200)).body;
    const [first] = await slotsOf();
    const customers = await Promise.all(
      ['booker-a', 'booker-b'].map((name) => customerAuth(server.baseUrl, name)),
    );
    const book = (authorization: string) =>
      api()
        .post('/api/v1/appointments')
        .set('authorization', authorization)
        .send({ storeId: 1, start: first.start, service: 'exam' });
    await book(customers[0].authorization).expect(201);
    expect((await book(customers[1].authorization).expect(409)).body.code).toBe('SLOT_FULL');
    expect((await slotsOf())[0].available).toBe(0);
  });

  it('should show the demo customer’s tier and spend her points on an order, given back on cancel', async () => {
    const { authorization } = await customerAuth(server.baseUrl, 'demo-parent');
    const mine = async () =>
      (await api().get('/api/v1/me/membership').set('authorization', authorization).expect(200)).body;
    const before = await mine();
    expect(before).toMatchObject({ tier: 'silver', points: 1_584 });
    const skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.frame, 5);
    const order = await api()
      .post('/api/v1/orders')
      .set('authorization', authorization)
      .send({
        storeId: 1,
        items: [{ skuId: skus.frame, quantity: 1 }],
        fulfilment: 'pickup',
        pointsToUse: 1_000,
      })
      .expect(201);
    expect(order.body).toMatchObject({
      pointsDiscount: 1_000,
      memberDiscount: Math.floor(skus.prices[skus.frame] * 0.02),
    });
    expect((await mine()).points).toBe(584);
    await api()
      .post(`/api/v1/orders/${order.body.id}/cancel`)
      .set('authorization', authorization)
      .expect(200);
    await runJob(server.baseUrl, 'outbox');
    expect((await mine()).points).toBe(1_584);
  });

  it('should schedule lens cleaning for every pair of glasses picked up, once, with the purchase backfill', async () => {
    const { authorization } = await staffAuth(server.baseUrl, 'admin');
    const pickedUp: { id: number }[] = await server.dataSource.query(
      `SELECT DISTINCT o.id FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
       WHERE o.status = 'completed' AND o.kind = 'goods' AND o.fulfilment = 'pickup' AND p.category IN ('frames', 'lenses')`,
    );
    expect(pickedUp.length).toBeGreaterThan(0);
    const cleanings = async () =>
      (
        (await server.dataSource.query(
          "SELECT subject FROM reminder_occurrences WHERE kind = 'lens_cleaning' AND status = 'scheduled' ORDER BY subject",
        )) as { subject: string }[]
      ).map((row) => row.subject);
    for (let run = 0; run < 2; run++) {
      await api().post('/api/v1/admin/reminders/backfill').set('authorization', authorization).expect(202);
      await runJob(server.baseUrl, 'reminder-backfill');
      const status = await api().get('/api/v1/admin/reminders/backfill').set('authorization', authorization);
      expect(status.body.done).toBe(true);
      expect(await cleanings()).toEqual(pickedUp.map((order) => `order:${order.id}`).sort());
    }
  });
});
