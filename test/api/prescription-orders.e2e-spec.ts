import request from 'supertest';
import type { RecordPrescriptionRequest } from '@lensloop/shared';
import { Factory, type SkuFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

const ADDRESS = {
  recipient: 'Zhang Wei',
  phone: '13900139000',
  region: 'Shanghai Huangpu',
  detail: '300 Nanjing East Road',
};

function exam(sphere: number): RecordPrescriptionRequest {
  return {
    kind: 'distance',
    examDate: daysAgo(60),
    od: { sphere, cylinder: 0 },
    os: { sphere, cylinder: 0 },
    pd: { binocular: 630 },
  };
}

/** Where orders meet prescriptions: the lens-fit check, the fitting history and the customer card. */
describe('orders with prescriptions (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let frame: SkuFixture;
  let lens: SkuFixture;
  let progressiveLens: SkuFixture;
  let contact: SkuFixture;
  let optometrist: string;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    frame = await factory.sku('frames', { storeId, quantity: 50 });
    // No power range declared: made in any power, so only the prescription's kind and expiry can refuse it.
    lens = await factory.lens('1.56', 'single-vision', { storeId });
    progressiveLens = await factory.lens('1.60', 'progressive', { storeId });
    contact = await factory.sku('contacts', { storeId });
    optometrist = (await factory.staff('optometrist', storeId)).authorization;
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  /** Records an in-store exam for the member (or one of their profiles); answers its id. */
  async function recordExam(memberId: number, body: RecordPrescriptionRequest): Promise<number> {
    const recorded = await api()
      .post(`/api/v1/staff/customers/${memberId}/prescriptions`)
      .set('authorization', optometrist)
      .send(body)
      .expect(201);
    return recorded.body.id as number;
  }

  /** A customer with consent and one in-store exam: `sphere` on both eyes, or the given body. */
  async function customerWithExam(sphereOrExam: number | RecordPrescriptionRequest) {
    const customer = await factory.member({ consent: true });
    const body = typeof sphereOrExam === 'number' ? exam(sphereOrExam) : sphereOrExam;
    return { ...customer, prescriptionId: await recordExam(customer.memberId, body) };
  }

  const glasses = (prescriptionId: number, lensSkuId = lens.id) => ({
    skuId: frame.id,
    quantity: 1,
    lens: { skuId: lensSkuId, options: [] },
    prescriptionId,
  });

  /** An order (not a quote) for glasses from the prescription, placed by `authorization`. */
  const orderGlasses = (authorization: string, prescriptionId: number) =>
    api()
      .post('/api/v1/orders')
      .set('authorization', authorization)
      .send({ storeId, fulfilment: 'pickup', items: [glasses(prescriptionId)] });

  const countOrders = () => server.dataSource.query('SELECT COUNT(*) AS n FROM orders');

  /** A quote for glasses made with `lensSkuId` from the customer's prescription. */
  const quoteGlasses = (customer: { authorization: string; prescriptionId: number }, lensSkuId = lens.id) =>
    api()
      .post('/api/v1/orders/quote')
      .set('authorization', customer.authorization)
      .send({ storeId, fulfilment: 'pickup', items: [glasses(customer.prescriptionId, lensSkuId)] });

  it('should order glasses for the buyer’s own prescription and show the line on that prescription', async () => {
    const buyer = await customerWithExam(-200);
    const order = await placeOrder(server.baseUrl, buyer.authorization, {
      storeId,
      items: [glasses(buyer.prescriptionId)],
    });

    const detail = await api()
      .get(`/api/v1/me/prescriptions/${buyer.prescriptionId}`)
      .set('authorization', buyer.authorization)
      .expect(200);
    expect(detail.body.orderItems).toEqual([
      expect.objectContaining({
        orderId: order.id,
        orderNo: order.no,
        orderStatus: 'pending_payment',
        quantity: 1,
      }),
    ]);
  });

  it('should refuse another member’s prescription with 404 and create no order', async () => {
    const owner = await customerWithExam(-150);
    const other = await factory.member();
    const before = await countOrders();
    const response = await orderGlasses(other.authorization, owner.prescriptionId).expect(404);
    expect(response.body.code).toBe('PRESCRIPTION_NOT_FOUND');
    expect(await countOrders()).toEqual(before);
  });

  it('should allow a 1.56 lens made to −8.00 for −7.00, advising 1.67, and refuse it for −9.00', async () => {
    const madeToMinus8 = await factory.lens('1.56', 'single-vision', {
      storeId,
      powerRange: { sphereMin: -800, sphereMax: 600, cylinderMax: 200 },
    });
    // The index table is advice for the customer, not a refusal.
    const highMyope = await customerWithExam(-700);
    const quote = await quoteGlasses(highMyope, madeToMinus8.id).expect(200);
    expect(quote.body.items[0].lensAdvice).toEqual({ recommendedIndex: 167 });
    // Beyond what the SKU can be made in: refused, naming each eye.
    const beyond = await customerWithExam(-900);
    const refused = await quoteGlasses(beyond, madeToMinus8.id).expect(422);
    expect(refused.body).toMatchObject({
      code: 'LENS_DOES_NOT_FIT',
      details: [
        { field: 'items.0.lens', message: "od sphere -900 is outside this lens's range -800…600" },
        { field: 'items.0.lens', message: "os sphere -900 is outside this lens's range -800…600" },
      ],
    });
  });

  it('should give a −7.00 child a myopia-control lens whose SKU range allows it (1.56, made to −10.00)', async () => {
    // Defocus lenses exist only in 1.56/1.60, while the index table advises 1.67 above −6.00.
    const myopiaControl = await factory.lens('1.56', 'myopia-control', {
      storeId,
      powerRange: { sphereMin: -1000, sphereMax: 500, cylinderMax: 400 },
    });
    const parent = await factory.member({ consent: true });
    const childId = await factory.child(parent, { name: '小雨', birthDate: '2016-04-01' });
    const prescriptionId = await recordExam(parent.memberId, {
      ...exam(-700),
      kind: 'myopia_control',
      profileId: childId,
    });
    const order = await placeOrder(server.baseUrl, parent.authorization, {
      storeId,
      items: [glasses(prescriptionId, myopiaControl.id)],
    });
    expect(order.status).toBe('pending_payment');
  });

  it('should never make glasses from a contact-lens prescription (422, nothing ordered)', async () => {
    const eye = { sphere: -725, cylinder: 0, baseCurve: 860, diameter: 1420 };
    const wearer = await customerWithExam({
      kind: 'contact_lens',
      examDate: daysAgo(60),
      od: eye,
      os: eye,
    });
    const before = await countOrders();
    const response = await orderGlasses(wearer.authorization, wearer.prescriptionId).expect(422);
    expect(response.body).toMatchObject({
      code: 'CONTACT_LENS_PRESCRIPTION_FOR_GLASSES',
      details: [{ field: 'items.0.prescriptionId', message: expect.stringContaining('cornea') }],
    });
    expect(await countOrders()).toEqual(before);
  });

  it('should refuse glasses from an expired prescription (422 PRESCRIPTION_EXPIRED)', async () => {
    const lapsed = await customerWithExam({ ...exam(-200), examDate: '2025-06-01' });
    expect((await quoteGlasses(lapsed).expect(422)).body.code).toBe('PRESCRIPTION_EXPIRED');
  });

  it('should refuse a progressive lens from a near-only prescription (422)', async () => {
    const reader = await customerWithExam({
      ...exam(150),
      kind: 'near',
      od: { sphere: 150, cylinder: 0, add: 200 },
      os: { sphere: 150, cylinder: 0, add: 200 },
    });
    const response = await quoteGlasses(reader, progressiveLens.id).expect(422);
    expect(response.body.code).toBe('NEAR_PRESCRIPTION_FOR_DISTANCE_LENS');
    await quoteGlasses(reader).expect(200);
  });

  it('should list a customer’s orders for staff, and not for another customer', async () => {
    const buyer = await factory.member();
    const order = await placeOrder(server.baseUrl, buyer.authorization, {
      storeId,
      items: [{ skuId: frame.id, quantity: 1 }],
    });
    const listed = await api()
      .get(`/api/v1/staff/customers/${buyer.memberId}/orders`)
      .set('authorization', (await factory.staff('clerk', storeId)).authorization)
      .expect(200);
    expect(listed.body.items.map((item: { id: number }) => item.id)).toEqual([order.id]);
    await api()
      .get(`/api/v1/staff/customers/${buyer.memberId}/orders`)
      .set('authorization', (await factory.member()).authorization)
      .expect(403);
  });

  it('should export the orders and, on erasure, keep them without the address and empty the cart', async () => {
    const buyer = await factory.member();
    const order = await placeOrder(server.baseUrl, buyer.authorization, {
      storeId,
      items: [{ skuId: contact.id, quantity: 1 }],
      fulfilment: 'delivery',
      address: ADDRESS,
    });
    await api()
      .post('/api/v1/cart/items')
      .set('authorization', buyer.authorization)
      .send({ skuId: contact.id, quantity: 2 })
      .expect(201);

    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', buyer.authorization)
      .expect(200);
    expect(exported.body.orders).toEqual([expect.objectContaining({ id: order.id, address: ADDRESS })]);

    await api().delete('/api/v1/me').set('authorization', buyer.authorization).expect(204);
    const [row] = await server.dataSource.query(
      'SELECT member_id, address, payable FROM orders WHERE id = ?',
      [order.id],
    );
    expect(row).toEqual({ member_id: buyer.memberId, address: null, payable: order.payable });
    const cart = await server.dataSource.query('SELECT COUNT(*) AS n FROM cart_items WHERE member_id = ?', [
      buyer.memberId,
    ]);
    expect(Number(cart[0].n)).toBe(0);
  });
});
