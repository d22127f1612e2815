import { randomUUID } from 'node:crypto';
import type { ApiClient, OrderItemInput, OrderRequest } from '@lensloop/shared';
import request from 'supertest';
import { apiFailure, failureOf } from '../support/api-client';
import {
  Factory,
  type MemberFixture,
  type SkuFixture,
  type StaffFixture,
  type StoreFixture,
} from '../support/factories';
import { placeOrder, setStock, stockOf } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';
import { OrderExpiryJob } from '../../server/src/modules/orders/order-expiry.job';
import { daysAgo } from '../support/dates';

/** Goes through the shared typed ApiClient, so its paths and bodies are checked by the compiler. */
describe('cart, quotes, orders and their life cycle (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let store: StoreFixture;
  let frame: SkuFixture;
  let lens: SkuFixture;
  let contact: SkuFixture;
  let service: SkuFixture;
  let options: Record<'premium' | 'blueCut' | 'photochromic' | 'tint', { code: string; price: number }>;
  let alice: MemberFixture;
  let bob: MemberFixture;
  let othersPrescriptionId: number;
  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    store = await factory.store();
    const stocked = { storeId: store.id, quantity: 100 };
    frame = await factory.sku('frames', { ...stocked, price: 39_900 });
    lens = await factory.lens('1.56', 'single-vision', { ...stocked, price: 29_900 });
    contact = await factory.sku('contacts', { ...stocked, price: 12_900 });
    service = await factory.sku('services', { ...stocked, price: 5_000 });
    options = {
      premium: await factory.lensOption('coating', 8_000),
      blueCut: await factory.lensOption('blue_cut', 12_000),
      photochromic: await factory.lensOption('photochromic', 30_000),
      tint: await factory.lensOption('tint', 10_000),
    };
    alice = await factory.member();
    bob = await factory.member({ consent: true });
    const optometrist = await factory.staff('optometrist', store.id);
    othersPrescriptionId = (
      await optometrist.api.recordPrescription(bob.memberId, {
        kind: 'distance',
        examDate: daysAgo(60),
        od: { sphere: -100, cylinder: 0 },
        os: { sphere: -100, cylinder: 0 },
        pd: { binocular: 630 },
      })
    ).id;
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const glasses = (frameSku = frame): OrderItemInput => ({
    skuId: frameSku.id,
    quantity: 1,
    lens: { skuId: lens.id, options: [options.premium.code, options.blueCut.code] },
  });
  const glassesPrice = (frameSku = frame) =>
    frameSku.price + lens.price + options.premium.price + options.blueCut.price;
  const pickup = (items: OrderItemInput[], at = store): OrderRequest => ({
    storeId: at.id,
    fulfilment: 'pickup',
    items,
  });
  const createOrder = (client: ApiClient, order: OrderRequest) => client.createOrder(order, randomUUID());

  describe('quote', () => {
    it('should price frame + lenses + options and a contact-lens box from the catalog', async () => {
      const quote = await alice.api.quoteOrder(pickup([glasses(), { skuId: contact.id, quantity: 2 }]));
      const contactLine = contact.price * 2;
      expect(quote.items.map((item) => item.lineTotal)).toEqual([glassesPrice(), contactLine]);
      expect(quote).toMatchObject({
        subtotal: glassesPrice() + contactLine,
        discount: 0,
        payable: glassesPrice() + contactLine,
      });
      expect(quote.items[0].lens?.options.map((option) => option.code)).toEqual([
        options.premium.code,
        options.blueCut.code,
      ]);
    });

    it('should refuse a price sent by the client instead of using it', async () => {
      // Deliberately outside the typed contract, so sent raw.
      const response = await api()
        .post('/api/v1/orders')
        .set('authorization', alice.authorization)
        .send({ ...pickup([{ skuId: contact.id, quantity: 1, unitPrice: 1 } as OrderItemInput]), payable: 1 })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'items.0.unitPrice',
        'payable',
      ]);
    });

    it.each<[string, () => OrderItemInput, number, string]>([
      [
        'lenses on a contact-lens box',
        () => ({ skuId: contact.id, quantity: 1, lens: { skuId: lens.id, options: [] } }),
        422,
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'a frame as the lens',
        () => ({ skuId: frame.id, quantity: 1, lens: { skuId: frame.id, options: [] } }),
        422,
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'an unknown option',
        () => ({ skuId: frame.id, quantity: 1, lens: { skuId: lens.id, options: ['GOLD-FLAKES'] } }),
        422,
        'LENS_CONFIGURATION_INVALID',
      ],
      [
        'photochromic and tinted',
        () => ({
          skuId: frame.id,
          quantity: 1,
          lens: { skuId: lens.id, options: [options.photochromic.code, options.tint.code] },
        }),
        422,
        'LENS_CONFIGURATION_INVALID',
      ],
      ['an unknown SKU', () => ({ skuId: 999_999, quantity: 1 }), 404, 'SKU_NOT_FOUND'],
      [
        'a prescription that is not the member’s',
        () => ({ ...glasses(), prescriptionId: othersPrescriptionId }),
        404,
        'PRESCRIPTION_NOT_FOUND',
      ],
    ])('should reject %s', async (_label, item, status, code) => {
      expect(await failureOf(alice.api.quoteOrder(pickup([item()])))).toMatchObject({ status, code });
    });

    it('should want an address for delivery and a known store', async () => {
      const noAddress = await failureOf(
        alice.api.quoteOrder({ ...pickup([{ skuId: contact.id, quantity: 1 }]), fulfilment: 'delivery' }),
      );
      expect(noAddress).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(noAddress.details[0].field).toBe('address');
      const noStore = await failureOf(
        alice.api.quoteOrder({ ...pickup([{ skuId: contact.id, quantity: 1 }]), storeId: 999_999 }),
      );
      expect(noStore).toMatchObject({ status: 404, code: 'STORE_NOT_FOUND' });
    });
  });

  describe('stock', () => {
    it('should sell exactly the 10 in stock to 100 concurrent orders, and take one back on cancel', async () => {
      const scarce = await factory.sku('contacts', { storeId: store.id, quantity: 10 });
      const customers = await Promise.all(Array.from({ length: 5 }, () => factory.member()));
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, index) =>
          createOrder(customers[index % customers.length].api, pickup([{ skuId: scarce.id, quantity: 1 }])),
        ),
      );
      const created = results.flatMap((result, index) =>
        result.status === 'fulfilled'
          ? [{ order: result.value, owner: customers[index % customers.length] }]
          : [],
      );
      const refused = results.flatMap((result) =>
        result.status === 'rejected' ? [apiFailure(result.reason)] : [],
      );
      expect(created).toHaveLength(10);
      expect(refused).toHaveLength(90);
      expect(refused.every((failure) => failure.status === 409 && failure.code === 'OUT_OF_STOCK')).toBe(
        true,
      );
      expect(await stockOf(server.dataSource, store.id, scarce.id)).toBe(0);

      const cancelled = await created[0].owner.api.cancelOrder(created[0].order.id);
      expect(cancelled.status).toBe('cancelled');
      expect(await stockOf(server.dataSource, store.id, scarce.id)).toBe(1);
    });

    it('should check two lines on the same SKU against the stock together', async () => {
      const scarce = await factory.sku('contacts', { storeId: store.id, quantity: 3 });
      const twoAndTwo = await failureOf(
        createOrder(
          alice.api,
          pickup([
            { skuId: scarce.id, quantity: 2 },
            { skuId: scarce.id, quantity: 2 },
          ]),
        ),
      );
      expect(twoAndTwo).toMatchObject({ status: 409, code: 'OUT_OF_STOCK' });
      expect(await stockOf(server.dataSource, store.id, scarce.id)).toBe(3);
      await createOrder(
        alice.api,
        pickup([
          { skuId: scarce.id, quantity: 2 },
          { skuId: scarce.id, quantity: 1 },
        ]),
      );
      expect(await stockOf(server.dataSource, store.id, scarce.id)).toBe(0);
    });
  });

  describe('ownership', () => {
    it('should not let another member read, pay or cancel an order (404)', async () => {
      const order = await createOrder(alice.api, pickup([glasses()]));
      for (const call of [
        () => bob.api.getOrder(order.id),
        () => bob.api.payOrder(order.id),
        () => bob.api.cancelOrder(order.id),
        () => bob.api.devCompletePayment(order.id),
      ]) {
        expect(await failureOf(call())).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
      }
      const bobsList = await bob.api.listOrders();
      expect(bobsList.items.map((item) => item.id)).not.toContain(order.id);
      expect((await alice.api.getOrder(order.id)).status).toBe('pending_payment');
    });
  });

  describe('Idempotency-Key', () => {
    const body = () => pickup([{ skuId: service.id, quantity: 1 }]);
    const countOrders = async () =>
      Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM orders'))[0].n);

    it('should return the stored order for the same key and body, and 422 for another body', async () => {
      const before = await countOrders();
      const first = await alice.api.createOrder(body(), 'key-same-0001');
      const again = await alice.api.createOrder(body(), 'key-same-0001');
      expect(again).toEqual(first);
      expect(await countOrders()).toBe(before + 1);
      // What creation answered is the order as stored, read back later.
      expect(first).toEqual(await alice.api.getOrder(first.id));
      const other = await failureOf(
        alice.api.createOrder(pickup([{ skuId: service.id, quantity: 2 }]), 'key-same-0001'),
      );
      expect(other).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      // Keys belong to a member: Bob's identical key is his own.
      await bob.api.createOrder(body(), 'key-same-0001');
      expect(await countOrders()).toBe(before + 2);
    });

    it('should answer the stored order to a retry whose pricing now fails, and the error to a new key', async () => {
      const dropped = await factory.sku('services', { storeId: store.id, quantity: 10, price: 6_000 });
      const body = pickup([{ skuId: dropped.id, quantity: 1 }]);
      const first = await alice.api.createOrder(body, 'key-offsale-0001');
      await server.dataSource.query('UPDATE skus SET on_sale = 0 WHERE id = ?', [dropped.id]);
      expect(await alice.api.createOrder(body, 'key-offsale-0001')).toEqual(first);
      expect(await failureOf(alice.api.createOrder(body, 'key-offsale-0002'))).toMatchObject({
        status: 409,
        code: 'SKU_OFF_SALE',
      });
      expect(await stockOf(server.dataSource, store.id, dropped.id)).toBe(9);
    });

    it('should create one order for concurrent duplicates, answering the others 409 or the stored order', async () => {
      const before = await countOrders();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => alice.api.createOrder(body(), 'key-race-0001')),
      );
      expect(await countOrders()).toBe(before + 1);
      const ids = new Set(
        results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.id] : [])),
      );
      expect(ids.size).toBe(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(apiFailure(result.reason)).toMatchObject({
            status: 409,
            code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          });
        }
      }
    });

    it('should keep a key for 24 hours and let it be used afresh once it has expired', async () => {
      const send = (items: OrderItemInput[]) => alice.api.createOrder(pickup(items), 'key-life-0001');
      const first = await send(body().items);
      const [{ hours }] = await server.dataSource.query(
        "SELECT TIMESTAMPDIFF(MINUTE, NOW(6), expires_at) / 60 AS hours FROM idempotency_keys WHERE `key` = 'key-life-0001'",
      );
      expect(Number(hours)).toBeGreaterThanOrEqual(23.9);
      // The cleanup leaves a live key alone: a retry still gets the first order.
      await server.app.get(OrderExpiryJob).runOnce();
      expect((await send(body().items)).id).toBe(first.id);

      const expire = () =>
        server.dataSource.query(
          "UPDATE idempotency_keys SET expires_at = NOW(6) - INTERVAL 1 MINUTE WHERE `key` = 'key-life-0001'",
        );
      // Expired but not yet cleaned up: the key is free again, even for another body.
      await expire();
      const second = await send([{ skuId: service.id, quantity: 2 }]);
      expect(second.id).not.toBe(first.id);
      // And the cleanup job removes expired keys.
      await expire();
      await server.app.get(OrderExpiryJob).runOnce();
      expect(
        await server.dataSource.query("SELECT id FROM idempotency_keys WHERE `key` = 'key-life-0001'"),
      ).toEqual([]);
    });

    it('should reject a malformed key', async () => {
      const malformed = await failureOf(alice.api.createOrder(body(), 'a b'));
      expect(malformed).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(malformed.details[0].field).toBe('Idempotency-Key');
    });
  });

  describe('life cycle', () => {
    let clerk: StaffFixture;
    let otherStoresClerk: StaffFixture;
    beforeAll(async () => {
      clerk = await factory.staff('clerk', store.id);
      otherStoresClerk = await factory.staff('clerk', (await factory.store()).id);
    });

    it('should go paid → processing → ready → completed by staff of the store, with a timeline', async () => {
      const order = await createOrder(alice.api, pickup([glasses()]));
      expect((await alice.api.devCompletePayment(order.id)).status).toBe('paid');

      const today = await clerk.api.listStaffOrders({ date: 'today' });
      expect(today.items.map((item) => item.id)).toContain(order.id);
      const elsewhere = await otherStoresClerk.api.listStaffOrders({ date: 'today' });
      expect(elsewhere.items.map((item) => item.id)).not.toContain(order.id);
      const impossibleDay = await failureOf(clerk.api.listStaffOrders({ date: '2026-13-01' }));
      expect(impossibleDay).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(impossibleDay.details).toEqual([{ field: 'date', message: 'date must be a real date' }]);
      expect(
        await failureOf(otherStoresClerk.api.transitionOrder(order.id, { to: 'processing' })),
      ).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });

      for (const to of ['completed', 'shipped'] as const) {
        expect(await failureOf(clerk.api.transitionOrder(order.id, { to }))).toMatchObject({
          status: 409,
          code: 'ORDER_TRANSITION_NOT_ALLOWED',
        });
      }
      for (const to of ['processing', 'ready_for_pickup', 'completed'] as const) {
        await clerk.api.transitionOrder(order.id, { to });
      }
      const done = await alice.api.getOrder(order.id);
      expect(done.status).toBe('completed');
      expect(done.timeline.map((event) => `${event.actor}:${event.to}`)).toEqual([
        'customer:pending_payment',
        'system:paid',
        'staff:processing',
        'staff:ready_for_pickup',
        'staff:completed',
      ]);
      expect(await failureOf(alice.api.cancelOrder(order.id))).toMatchObject({
        status: 409,
        code: 'ORDER_TRANSITION_NOT_ALLOWED',
      });
    });

    it('should cancel unpaid orders once and release stock once when two replicas run the job at once', async () => {
      const replica = await startTestServer({ replicaOf: server });
      try {
        const boxes = await factory.sku('contacts', { storeId: store.id, quantity: 30 });
        const orders = [];
        for (let index = 0; index < 12; index++) {
          orders.push(
            await placeOrder(server.baseUrl, alice.authorization, pickup([{ skuId: boxes.id, quantity: 2 }])),
          );
        }
        expect(await stockOf(server.dataSource, store.id, boxes.id)).toBe(6);
        const ids = orders.map((order) => order.id);
        await server.dataSource.query(
          `UPDATE orders SET expires_at = NOW(6) - INTERVAL 1 MINUTE WHERE id IN (${ids.join(',')})`,
        );
        const [first, second] = await Promise.all([
          server.app.get(OrderExpiryJob).runOnce(),
          replica.app.get(OrderExpiryJob).runOnce(),
        ]);
        expect(first + second).toBe(12);
        expect(await stockOf(server.dataSource, store.id, boxes.id)).toBe(30);
        const events: { order_id: number; n: number }[] = await server.dataSource.query(
          `SELECT order_id, COUNT(*) AS n FROM order_events WHERE to_status = 'cancelled' AND order_id IN (${ids.join(',')}) GROUP BY order_id`,
        );
        expect(events).toHaveLength(12);
        expect(events.every((row) => Number(row.n) === 1)).toBe(true);
        const order = await alice.api.getOrder(ids[0]);
        expect(order.timeline.at(-1)).toMatchObject({ to: 'cancelled', actor: 'system' });
      } finally {
        await replica.stop();
      }
    });
  });

  describe('cart', () => {
    it('should add, merge, change and remove lines, priced from the catalog', async () => {
      const carol = await factory.member();
      // Its own frame and box: this test takes them off sale and out of stock.
      const ownFrame = await factory.sku('frames', { storeId: store.id, price: 45_900 });
      const box = await factory.sku('contacts', { storeId: store.id });
      const ownGlasses = glasses(ownFrame);
      await carol.api.addToCart(ownGlasses);
      await carol.api.addToCart(ownGlasses);
      const added = await carol.api.addToCart({ skuId: box.id, quantity: 1 });
      expect(added.items).toHaveLength(2);
      expect(added.items[0].quantity).toBe(2);
      const frameLine = added.items[0];
      expect(frameLine.lineTotal).toBe(glassesPrice(ownFrame) * 2);

      const changed = await carol.api.setCartQuantity(frameLine.id, 1, store.id);
      expect(changed.items[0].quantity).toBe(1);

      // Off sale and out of stock lines stay, flagged.
      await setStock(server.dataSource, store.id, box.id, 0);
      await server.dataSource.query('UPDATE skus SET on_sale = 0 WHERE id = ?', [ownFrame.id]);
      const flagged = await carol.api.getCart(store.id);
      expect(flagged.items.map((item) => item.problem)).toEqual(['OFF_SALE', 'OUT_OF_STOCK']);
      expect(flagged.subtotal).toBe(0);
      expect(await failureOf(carol.api.addToCart(ownGlasses))).toMatchObject({
        status: 409,
        code: 'SKU_OFF_SALE',
      });
      const removed = await carol.api.removeFromCart(frameLine.id, store.id);
      expect(removed.items).toHaveLength(1);
    });

    it("should not return another member's cart line: 404 on change or removal, nothing changed", async () => {
      const carol = await factory.member();
      const dave = await factory.member();
      const carols = await carol.api.addToCart({ skuId: contact.id, quantity: 2 });
      await dave.api.addToCart({ skuId: service.id, quantity: 1 });
      const daves = await dave.api.getCart(store.id);
      const line = carols.items[0];

      for (const call of [
        () => dave.api.setCartQuantity(line.id, 5, store.id),
        () => dave.api.removeFromCart(line.id, store.id),
      ]) {
        expect(await failureOf(call())).toMatchObject({ status: 404, code: 'CART_ITEM_NOT_FOUND' });
      }
      expect(await carol.api.getCart()).toEqual(carols);
      expect(await dave.api.getCart(store.id)).toEqual(daves);
    });
  });
});
