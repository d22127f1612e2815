import request from 'supertest';
import { customerAuth, staffAuth } from '../support/actors';
import { demoSkus, placeOrder, setStock, stockOf, type DemoSkus } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';
import { OrderExpiryJob } from '../../server/src/modules/orders/order-expiry.job';

describe('cart, quotes, orders and their life cycle (MariaDB)', () => {
  let server: TestServer;
  let skus: DemoSkus;
  let alice: { authorization: string; memberId: number };
  let bob: { authorization: string; memberId: number };
  beforeAll(async () => {
    server = await startTestServer();
    skus = await demoSkus(server.dataSource);
    alice = await customerAuth(server.baseUrl, 'alice');
    bob = await customerAuth(server.baseUrl, 'bob');
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const glasses = () => ({
    skuId: skus.frame,
    quantity: 1,
    lens: { skuId: skus.lens, options: ['AR-PREMIUM', 'BLUE-CUT'] },
  });

  describe('quote', () => {
    it('should price frame + lenses + options and a contact-lens box from the catalog', async () => {
      const response = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', alice.authorization)
        .send({ storeId: 1, fulfilment: 'pickup', items: [glasses(), { skuId: skus.contact, quantity: 2 }] })
        .expect(200);
      const frameLine = skus.prices[skus.frame] + skus.prices[skus.lens] + 8_000 + 12_000;
      const contactLine = skus.prices[skus.contact] * 2;
      expect(response.body.items.map((item: { lineTotal: number }) => item.lineTotal)).toEqual([
        frameLine,
        contactLine,
      ]);
      expect(response.body).toMatchObject({
        subtotal: frameLine + contactLine,
        discount: 0,
        payable: frameLine + contactLine,
      });
      expect(response.body.items[0].lens.options.map((option: { code: string }) => option.code)).toEqual([
        'AR-PREMIUM',
        'BLUE-CUT',
      ]);
    });

    it('should refuse a price sent by the client instead of using it', async () => {
      const response = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .send({
          storeId: 1,
          fulfilment: 'pickup',
          items: [{ skuId: skus.contact, quantity: 1, unitPrice: 1 }],
          payable: 1,
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'items.0.unitPrice',
        'payable',
      ]);
    });

    it.each([
      [
        'lenses on a contact-lens box',
        () => ({ skuId: skus.contact, quantity: 1, lens: { skuId: skus.lens, options: [] } }),
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'a frame as the lens',
        () => ({ skuId: skus.frame, quantity: 1, lens: { skuId: skus.frame, options: [] } }),
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'an unknown option',
        () => ({ skuId: skus.frame, quantity: 1, lens: { skuId: skus.lens, options: ['GOLD-FLAKES'] } }),
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'photochromic and tinted',
        () => ({
          skuId: skus.frame,
          quantity: 1,
          lens: { skuId: skus.lens, options: ['PHOTO-GREY', 'TINT-GREY'] },
        }),
        'LENS_CONFIGURATION_INVALID',
      ],
      ['an unknown SKU', () => ({ skuId: 999_999, quantity: 1 }), 'SKU_NOT_FOUND'],
      [
        'a prescription that is not the member’s',
        () => ({ ...glasses(), prescriptionId: 12 }),
        'PRESCRIPTION_NOT_FOUND',
      ],
    ])('should reject %s', async (_label, item, code) => {
      const response = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', alice.authorization)
        .send({ storeId: 1, fulfilment: 'pickup', items: [item()] });
      expect(response.body.code).toBe(code);
      expect([404, 422]).toContain(response.status);
    });

    it('should want an address for delivery and a known store', async () => {
      const noAddress = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', alice.authorization)
        .send({ storeId: 1, fulfilment: 'delivery', items: [{ skuId: skus.contact, quantity: 1 }] })
        .expect(400);
      expect(noAddress.body.details[0].field).toBe('address');
      const noStore = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', alice.authorization)
        .send({ storeId: 9999, fulfilment: 'pickup', items: [{ skuId: skus.contact, quantity: 1 }] })
        .expect(404);
      expect(noStore.body.code).toBe('STORE_NOT_FOUND');
    });
  });

  describe('stock', () => {
    it('should sell exactly the 10 in stock to 100 concurrent orders, and take one back on cancel', async () => {
      await setStock(server.dataSource, 1, skus.contact, 10);
      const customers = await Promise.all(
        Array.from({ length: 5 }, (_, index) => customerAuth(server.baseUrl, `rush${index}`)),
      );
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          api()
            .post('/api/v1/orders')
            .set('authorization', customers[index % customers.length].authorization)
            .send({ storeId: 1, fulfilment: 'pickup', items: [{ skuId: skus.contact, quantity: 1 }] }),
        ),
      );
      const created = responses.filter((response) => response.status === 201);
      const refused = responses.filter((response) => response.status === 409);
      expect(created).toHaveLength(10);
      expect(refused).toHaveLength(90);
      expect(refused.every((response) => response.body.code === 'OUT_OF_STOCK')).toBe(true);
      expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(0);

      const owner = customers[responses.indexOf(created[0]) % customers.length];
      const cancelled = await api()
        .post(`/api/v1/orders/${created[0].body.id}/cancel`)
        .set('authorization', owner.authorization)
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(1);
    });

    it('should check two lines on the same SKU against the stock together', async () => {
      await setStock(server.dataSource, 1, skus.contact, 3);
      const twoAndTwo = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .send({
          storeId: 1,
          fulfilment: 'pickup',
          items: [
            { skuId: skus.contact, quantity: 2 },
            { skuId: skus.contact, quantity: 2 },
          ],
        })
        .expect(409);
      expect(twoAndTwo.body.code).toBe('OUT_OF_STOCK');
      expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(3);
      await placeOrder(server.baseUrl, alice.authorization, [
        { skuId: skus.contact, quantity: 2 },
        { skuId: skus.contact, quantity: 1 },
      ]);
      expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(0);
    });
  });

  describe('ownership', () => {
    it('should not let another member read, pay or cancel an order (404)', async () => {
      await setStock(server.dataSource, 1, skus.frame, 5);
      const order = await placeOrder(server.baseUrl, alice.authorization, [glasses()]);
      for (const call of [
        api().get(`/api/v1/orders/${order.id}`),
        api().post(`/api/v1/orders/${order.id}/pay`),
        api().post(`/api/v1/orders/${order.id}/cancel`),
        api().post(`/api/v1/dev/payments/${order.id}/succeed`),
      ]) {
        const response = await call.set('authorization', bob.authorization).expect(404);
        expect(response.body.code).toBe('ORDER_NOT_FOUND');
      }
      const bobsList = await api().get('/api/v1/orders').set('authorization', bob.authorization).expect(200);
      expect(bobsList.body.items.map((item: { id: number }) => item.id)).not.toContain(order.id);
      const mine = await api()
        .get(`/api/v1/orders/${order.id}`)
        .set('authorization', alice.authorization)
        .expect(200);
      expect(mine.body.status).toBe('pending_payment');
    });
  });

  describe('Idempotency-Key', () => {
    const body = () => ({ storeId: 1, fulfilment: 'pickup', items: [{ skuId: skus.service, quantity: 1 }] });
    const countOrders = async () =>
      Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM orders'))[0].n);

    it('should return the stored order for the same key and body, and 422 for another body', async () => {
      const before = await countOrders();
      const first = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .set('idempotency-key', 'key-same-0001')
        .send(body())
        .expect(201);
      const again = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .set('idempotency-key', 'key-same-0001')
        .send(body())
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(await countOrders()).toBe(before + 1);
      // What creation answered is the order as stored, read back later.
      const stored = await api()
        .get(`/api/v1/orders/${first.body.id}`)
        .set('authorization', alice.authorization)
        .expect(200);
      expect(first.body).toEqual(stored.body);
      const other = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .set('idempotency-key', 'key-same-0001')
        .send({ ...body(), items: [{ skuId: skus.service, quantity: 2 }] })
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // Keys belong to a member: Bob's identical key is his own.
      await api()
        .post('/api/v1/orders')
        .set('authorization', bob.authorization)
        .set('idempotency-key', 'key-same-0001')
        .send(body())
        .expect(201);
      expect(await countOrders()).toBe(before + 2);
    });

    it('should create one order for concurrent duplicates, answering the others 409 or the stored order', async () => {
      const before = await countOrders();
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          api()
            .post('/api/v1/orders')
            .set('authorization', alice.authorization)
            .set('idempotency-key', 'key-race-0001')
            .send(body()),
        ),
      );
      expect(await countOrders()).toBe(before + 1);
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const ids = new Set(
        responses.filter((response) => response.status === 201).map((response) => response.body.id),
      );
      expect(ids.size).toBe(1);
      for (const response of responses.filter((candidate) => candidate.status === 409)) {
        expect(response.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
      }
    });

    it('should keep a key for 24 hours and let it be used afresh once it has expired', async () => {
      const send = (items: object[]) =>
        api()
          .post('/api/v1/orders')
          .set('authorization', alice.authorization)
          .set('idempotency-key', 'key-life-0001')
          .send({ ...body(), items });
      const first = await send(body().items).expect(201);
      const [{ hours }] = await server.dataSource.query(
        "SELECT TIMESTAMPDIFF(MINUTE, NOW(6), expires_at) / 60 AS hours FROM idempotency_keys WHERE `key` = 'key-life-0001'",
      );
      expect(Number(hours)).toBeGreaterThanOrEqual(23.9);
      // The cleanup leaves a live key alone: a retry still gets the first order.
      await server.app.get(OrderExpiryJob).runOnce();
      expect((await send(body().items).expect(201)).body.id).toBe(first.body.id);

      const expire = () =>
        server.dataSource.query(
          "UPDATE idempotency_keys SET expires_at = NOW(6) - INTERVAL 1 MINUTE WHERE `key` = 'key-life-0001'",
        );
      // Expired but not yet cleaned up: the key is free again, even for another body.
      await expire();
      const second = await send([{ skuId: skus.service, quantity: 1 }]).expect(201);
      expect(second.body.id).not.toBe(first.body.id);
      // And the cleanup job removes expired keys.
      await expire();
      await server.app.get(OrderExpiryJob).runOnce();
      expect(
        await server.dataSource.query("SELECT id FROM idempotency_keys WHERE `key` = 'key-life-0001'"),
      ).toEqual([]);
    });

    it('should reject a malformed key', async () => {
      const response = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .set('idempotency-key', 'a b')
        .send(body())
        .expect(400);
      expect(response.body.details[0].field).toBe('Idempotency-Key');
    });
  });

  describe('life cycle', () => {
    it('should go paid → processing → ready → completed by staff of the store, with a timeline', async () => {
      await setStock(server.dataSource, 1, skus.frame, 5);
      const order = await placeOrder(server.baseUrl, alice.authorization, [glasses()]);
      const paid = await api()
        .post(`/api/v1/dev/payments/${order.id}/succeed`)
        .set('authorization', alice.authorization)
        .expect(200);
      expect(paid.body.status).toBe('paid');

      const clerk = await staffAuth(server.baseUrl, 'clerk1');
      const otherStore = await staffAuth(server.baseUrl, 'clerk2');
      const today = await api()
        .get('/api/v1/staff/orders?date=today')
        .set('authorization', clerk.authorization)
        .expect(200);
      expect(today.body.items.map((item: { id: number }) => item.id)).toContain(order.id);
      const elsewhere = await api()
        .get('/api/v1/staff/orders?date=today')
        .set('authorization', otherStore.authorization)
        .expect(200);
      expect(elsewhere.body.items.map((item: { id: number }) => item.id)).not.toContain(order.id);
      const impossibleDay = await api()
        .get('/api/v1/staff/orders?date=2026-13-01')
        .set('authorization', clerk.authorization)
        .expect(400);
      expect(impossibleDay.body.details).toEqual([{ field: 'date', message: 'date must be a real date' }]);
      await api()
        .post(`/api/v1/staff/orders/${order.id}/transition`)
        .set('authorization', otherStore.authorization)
        .send({ to: 'processing' })
        .expect(404);

      const skipping = await api()
        .post(`/api/v1/staff/orders/${order.id}/transition`)
        .set('authorization', clerk.authorization)
        .send({ to: 'completed' })
        .expect(409);
      expect(skipping.body.code).toBe('ORDER_TRANSITION_NOT_ALLOWED');
      const shipping = await api()
        .post(`/api/v1/staff/orders/${order.id}/transition`)
        .set('authorization', clerk.authorization)
        .send({ to: 'shipped' })
        .expect(409);
      expect(shipping.body.code).toBe('ORDER_TRANSITION_NOT_ALLOWED');
      for (const to of ['processing', 'ready_for_pickup', 'completed']) {
        await api()
          .post(`/api/v1/staff/orders/${order.id}/transition`)
          .set('authorization', clerk.authorization)
          .send({ to })
          .expect(200);
      }
      const done = await api()
        .get(`/api/v1/orders/${order.id}`)
        .set('authorization', alice.authorization)
        .expect(200);
      expect(done.body.status).toBe('completed');
      expect(
        done.body.timeline.map((event: { to: string; actor: string }) => `${event.actor}:${event.to}`),
      ).toEqual([
        'customer:pending_payment',
        'system:paid',
        'staff:processing',
        'staff:ready_for_pickup',
        'staff:completed',
      ]);
      const cancel = await api()
        .post(`/api/v1/orders/${order.id}/cancel`)
        .set('authorization', alice.authorization)
        .expect(409);
      expect(cancel.body.code).toBe('ORDER_TRANSITION_NOT_ALLOWED');
    });

    it('should cancel unpaid orders once and release stock once when two replicas run the job at once', async () => {
      const replica = await startTestServer({ replicaOf: server });
      try {
        await setStock(server.dataSource, 1, skus.contact, 30);
        const orders = [];
        for (let index = 0; index < 12; index++) {
          orders.push(
            await placeOrder(server.baseUrl, alice.authorization, [{ skuId: skus.contact, quantity: 2 }]),
          );
        }
        expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(6);
        const ids = orders.map((order) => order.id);
        await server.dataSource.query(
          `UPDATE orders SET expires_at = NOW(6) - INTERVAL 1 MINUTE WHERE id IN (${ids.join(',')})`,
        );
        const [first, second] = await Promise.all([
          server.app.get(OrderExpiryJob).runOnce(),
          replica.app.get(OrderExpiryJob).runOnce(),
        ]);
        expect(first + second).toBe(12);
        expect(await stockOf(server.dataSource, 1, skus.contact)).toBe(30);
        const events: { order_id: number; n: number }[] = await server.dataSource.query(
          `SELECT order_id, COUNT(*) AS n FROM order_events WHERE to_status = 'cancelled' AND order_id IN (${ids.join(',')}) GROUP BY order_id`,
        );
        expect(events).toHaveLength(12);
        expect(events.every((row) => Number(row.n) === 1)).toBe(true);
        const order = await api()
          .get(`/api/v1/orders/${ids[0]}`)
          .set('authorization', alice.authorization)
          .expect(200);
        expect(order.body.timeline.at(-1)).toMatchObject({ to: 'cancelled', actor: 'system' });
      } finally {
        await replica.stop();
      }
    });
  });

  describe('cart', () => {
    it('should add, merge, change and remove lines, priced from the catalog', async () => {
      const carol = await customerAuth(server.baseUrl, 'carol');
      const cart = () => api().get('/api/v1/cart?storeId=1').set('authorization', carol.authorization);
      await api()
        .post('/api/v1/cart/items')
        .set('authorization', carol.authorization)
        .send(glasses())
        .expect(201);
      await api()
        .post('/api/v1/cart/items')
        .set('authorization', carol.authorization)
        .send(glasses())
        .expect(201);
      const added = await api()
        .post('/api/v1/cart/items?storeId=1')
        .set('authorization', carol.authorization)
        .send({ skuId: skus.contact, quantity: 1 })
        .expect(201);
      expect(added.body.items).toHaveLength(2);
      expect(added.body.items[0].quantity).toBe(2);
      const frameLine = added.body.items[0];
      expect(frameLine.lineTotal).toBe((skus.prices[skus.frame] + skus.prices[skus.lens] + 20_000) * 2);

      const changed = await api()
        .patch(`/api/v1/cart/items/${frameLine.id}`)
        .set('authorization', carol.authorization)
        .send({ quantity: 1 })
        .expect(200);
      expect(changed.body.items[0].quantity).toBe(1);
      await api()
        .patch(`/api/v1/cart/items/${frameLine.id}`)
        .set('authorization', bob.authorization)
        .send({ quantity: 5 })
        .expect(404);
      await api()
        .delete(`/api/v1/cart/items/${frameLine.id}`)
        .set('authorization', bob.authorization)
        .expect(404);

      // Off sale and out of stock lines stay, flagged.
      await setStock(server.dataSource, 1, skus.contact, 0);
      await server.dataSource.query('UPDATE skus SET on_sale = 0 WHERE id = ?', [skus.frame]);
      try {
        const flagged = await cart().expect(200);
        expect(flagged.body.items.map((item: { problem: string | null }) => item.problem)).toEqual([
          'OFF_SALE',
          'OUT_OF_STOCK',
        ]);
        expect(flagged.body.subtotal).toBe(0);
        const refused = await api()
          .post('/api/v1/cart/items')
          .set('authorization', carol.authorization)
          .send(glasses())
          .expect(409);
        expect(refused.body.code).toBe('SKU_OFF_SALE');
      } finally {
        await server.dataSource.query('UPDATE skus SET on_sale = 1 WHERE id = ?', [skus.frame]);
      }
      const removed = await api()
        .delete(`/api/v1/cart/items/${frameLine.id}`)
        .set('authorization', carol.authorization)
        .expect(200);
      expect(removed.body.items).toHaveLength(1);
    });
  });
});
