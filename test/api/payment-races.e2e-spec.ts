import request from 'supertest';
import { Factory, type MemberFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';

/** Concurrent payment calls for one order: WeChat's "already paid" is an answer, not an outage. */
describe('WeChat Pay under concurrent calls (MariaDB)', () => {
  let server: TestServer;
  let alice: MemberFixture;
  let storeId: number;
  let contactSku: number;
  beforeAll(async () => {
    server = await startTestServer();
    const factory = new Factory(server);
    ({ storeId, skuId: contactSku } = await factory.storeSelling('contacts'));
    alice = await factory.member();
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const newOrder = () =>
    placeOrder(server.baseUrl, alice.authorization, { storeId, items: [{ skuId: contactSku, quantity: 1 }] });
  const paymentsOf = async (orderId: number) =>
    Number(
      (await server.dataSource.query('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?', [orderId]))[0]
        .n,
    );
  const expectPaidOnce = async (orderId: number) => {
    const order = await api()
      .get(`/api/v1/orders/${orderId}`)
      .set('authorization', alice.authorization)
      .expect(200);
    expect(order.body.status).toBe('paid');
    expect(await paymentsOf(orderId)).toBe(1);
  };

  it('should answer ten concurrent fake payments of one order without a 5xx, and settle it once', async () => {
    const order = await newOrder();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api().post(`/api/v1/dev/payments/${order.id}/succeed`).set('authorization', alice.authorization),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses).toContain(200);
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('ORDER_NOT_PAYABLE');
    }
    await expectPaidOnce(order.id);
  });

  it('should answer ten concurrent pay calls without a 5xx, all with the same prepay', async () => {
    const order = await newOrder();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const packages = new Set(responses.map((response) => response.body.payment.package));
    expect(packages.size).toBe(1);
  });

  it('should sync an order WeChat reports paid when the customer asks to pay it again (ORDERPAID)', async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    // Paid in WeChat, but the notification is lost.
    await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/succeed?notify=false`, { method: 'POST' });
    const again = await api()
      .post(`/api/v1/orders/${order.id}/pay`)
      .set('authorization', alice.authorization)
      .expect(200);
    expect(again.body).toEqual({ status: 'paid' });
    await expectPaidOnce(order.id);
  });
});
