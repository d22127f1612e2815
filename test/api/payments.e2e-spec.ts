import { createPublicKey, createVerify } from 'node:crypto';
import request from 'supertest';
import { signedNotification } from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import { PaymentReconciliationJob } from '../../server/src/modules/payments/payment-reconciliation.job';
import { PaymentsController } from '../../server/src/modules/payments/payments.controller';
import type { OrderItemInput } from '@lensloop/shared';
import { Factory, type MemberFixture, type SkuFixture, type StaffFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { advanceClock, outboxEvents, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { paidTransaction } from '../support/wechat-pay';

describe('WeChat Pay v3: prepay, notifications, refunds, reconciliation (MariaDB)', () => {
  let server: TestServer;
  let storeId: number;
  let contact: SkuFixture;
  let alice: MemberFixture;
  let manager: StaffFixture;
  let clerk: StaffFixture;
  beforeAll(async () => {
    server = await startTestServer();
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    contact = await factory.sku('contacts', { storeId, quantity: 500, price: 12_900 });
    alice = await factory.member();
    manager = await factory.staff('manager', storeId);
    clerk = await factory.staff('clerk', storeId);
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const newOrder = (items: OrderItemInput[] = [{ skuId: contact.id, quantity: 1 }]) =>
    placeOrder(server.baseUrl, alice.authorization, { storeId, items });
  /** An order paid through the fake WeChat Pay (a real signed notification). */
  const paidOrder = async (items?: OrderItemInput[]) => {
    const order = await newOrder(items);
    await api()
      .post(`/api/v1/dev/payments/${order.id}/succeed`)
      .set('authorization', alice.authorization)
      .expect(200);
    return order;
  };
  const orderOf = async (id: number) =>
    (await api().get(`/api/v1/orders/${id}`).set('authorization', alice.authorization).expect(200)).body;
  const count = async (sql: string, parameters: unknown[]) =>
    Number((await server.dataSource.query(sql, parameters))[0].n);
  const transaction = (order: { no: string; payable: number }, overrides: object = {}) =>
    paidTransaction(server.pay, order, alice.openid, overrides);
  const deliver = (notification: { body: string; headers: Record<string, string> }) =>
    api().post('/api/v1/payments/wechat/notify').set(notification.headers).send(notification.body);

  it('should prepay and return requestPayment parameters signed by the merchant key', async () => {
    const order = await newOrder();
    const response = await api()
      .post(`/api/v1/orders/${order.id}/pay`)
      .set('authorization', alice.authorization)
      .expect(200);
    const { appId, timeStamp, nonceStr, package: pkg, signType, paySign } = response.body.payment;
    expect(response.body.status).toBe('pending_payment');
    expect(appId).toBe(server.pay.appId);
    expect(signType).toBe('RSA');
    expect(pkg).toMatch(/^prepay_id=wx\d+/);
    const merchantPublicKey = createPublicKey(server.config.wechatPay?.merchantPrivateKey as string);
    const message = `${server.pay.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchantPublicKey, paySign, 'base64')).toBe(
      true,
    );
  });

  it("should prepay with LensLoop's User-Agent and the order's expiry in +08:00, as the fake saw them", async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    const { expiresAt } = await orderOf(order.id);
    const seen = await request(server.wechat.baseUrl).get(`/fake/pay/${order.no}`).expect(200);
    expect(seen.body.userAgent).toMatch(/^LensLoop\/\d+\.\d+\.\d+ /);
    expect(seen.body.timeExpire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(new Date(seen.body.timeExpire).getTime()).toBe(
      Math.floor(new Date(expiresAt).getTime() / 1000) * 1000,
    );
  });

  it('should mark the order paid once when the same notification arrives 10 times at once', async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    const notification = signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order));
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(notification)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(204));
    expect(responses.every((response) => response.text === '')).toBe(true);
    expect((await orderOf(order.id)).status).toBe('paid');
    expect(await count('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?', [order.id])).toBe(1);
    expect(
      await count("SELECT COUNT(*) AS n FROM order_events WHERE order_id = ? AND to_status = 'paid'", [
        order.id,
      ]),
    ).toBe(1);
  });

  describe('notifications that must change nothing', () => {
    /** A valid notification with one signature header replaced. */
    const withHeader = (order: { no: string; payable: number }, name: string, value: string) => {
      const notification = signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order));
      return { ...notification, headers: { ...notification.headers, [name]: value } };
    };
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const cases: [
      string,
      (order: { no: string; payable: number }) => { body: string; headers: Record<string, string> },
      number,
    ][] = [
      [
        'a bad signature',
        (order) => {
          const notification = signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order));
          const signature = Buffer.from(notification.headers['wechatpay-signature'], 'base64');
          signature[10] ^= 0xff;
          return {
            ...notification,
            headers: { ...notification.headers, 'wechatpay-signature': signature.toString('base64') },
          };
        },
        401,
      ],
      [
        'a body changed after signing',
        (order) => {
          const notification = signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order));
          return { ...notification, body: notification.body.replace('"summary"', '"summary" ') };
        },
        401,
      ],
      [
        'a stale timestamp',
        (order) => signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order), stale),
        401,
      ],
      [
        'a signature probe',
        (order) => withHeader(order, 'wechatpay-signature', 'WECHATPAY/SIGNTEST/abc'),
        401,
      ],
      [
        'an unknown platform serial',
        (order) => withHeader(order, 'wechatpay-serial', 'PUB_KEY_ID_OTHER'),
        401,
      ],
      [
        'a resource encrypted with another key',
        (order) =>
          signedNotification(
            { ...server.pay, apiV3Key: 'x'.repeat(32) },
            'TRANSACTION.SUCCESS',
            transaction(order),
          ),
        400,
      ],
      [
        'a wrong amount',
        (order) =>
          signedNotification(
            server.pay,
            'TRANSACTION.SUCCESS',
            transaction(order, { amount: { total: 1, currency: 'CNY' } }),
          ),
        400,
      ],
      [
        'another merchant',
        (order) =>
          signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order, { mchid: '1230000109' })),
        400,
      ],
      [
        'another app',
        (order) =>
          signedNotification(server.pay, 'TRANSACTION.SUCCESS', transaction(order, { appid: 'wxother' })),
        400,
      ],
      [
        'an unknown order',
        (order) =>
          signedNotification(
            server.pay,
            'TRANSACTION.SUCCESS',
            transaction({ ...order, no: 'LL000000000000999999' }),
          ),
        404,
      ],
    ];

    it.each(cases)(
      'should answer %s with a FAIL body and leave the order unpaid',
      async (_label, build, status) => {
        const order = await newOrder();
        // Failures are logged (at warn, with the request id) as well as answered.
        const controller = server.app.get(PaymentsController) as unknown as {
          logger: { warn(message: string): void };
        };
        const warn = jest.spyOn(controller.logger, 'warn');
        const response = await deliver(build(order));
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('WeChat Pay notification rejected'));
        warn.mockRestore();
        expect(response.status).toBe(status);
        expect(response.body).toEqual({ code: 'FAIL', message: expect.any(String) });
        expect((await orderOf(order.id)).status).toBe('pending_payment');
        expect(await count('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?', [order.id])).toBe(0);
      },
    );
  });

  it('should settle a payment whose notification never came when reconciling', async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    const paid = await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/succeed?notify=false`, {
      method: 'POST',
    });
    expect(paid.status).toBe(200);
    expect((await orderOf(order.id)).status).toBe('pending_payment');
    await server.dataSource.query(
      'UPDATE orders SET pay_requested_at = NOW(6) - INTERVAL 5 MINUTE WHERE id = ?',
      [order.id],
    );
    expect(await server.app.get(PaymentReconciliationJob).runOnce()).toBeGreaterThanOrEqual(1);
    expect((await orderOf(order.id)).status).toBe('paid');
  });

  it('should close the WeChat transaction of a cancelled order so it cannot be paid', async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    await api()
      .post(`/api/v1/orders/${order.id}/cancel`)
      .set('authorization', alice.authorization)
      .expect(200);
    // The close is the OrderCancelled handler, delivered after the commit.
    await runJob(server.baseUrl, 'outbox');
    const paid = await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/succeed`, { method: 'POST' });
    expect(paid.status).toBe(400);
    expect(await paid.json()).toMatchObject({ code: 'ORDER_CLOSED' });
  });

  it('should refund a payment that arrives after the order was cancelled', async () => {
    const order = await newOrder();
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    // The customer pays just before the cancellation; the notification comes after it.
    await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/succeed?notify=false`, { method: 'POST' });
    await api()
      .post(`/api/v1/orders/${order.id}/cancel`)
      .set('authorization', alice.authorization)
      .expect(200);
    const paid = await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/succeed`, { method: 'POST' });
    expect((await paid.json()).notifyStatus).toBe(204);
    const refunds: { out_refund_no: string; amount: number }[] = await server.dataSource.query(
      'SELECT out_refund_no, amount FROM refunds WHERE order_id = ?',
      [order.id],
    );
    expect(refunds).toEqual([{ out_refund_no: expect.stringMatching(/^RF4200/), amount: order.payable }]);
    await waitFor(async () => (await refundStates(order.id)).join() === 'succeeded');
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: 'cancelled', refunded: order.payable });
  });

  it('should refund partially, then fully, never beyond what was paid', async () => {
    const order = await paidOrder([{ skuId: contact.id, quantity: 3 }]);
    await api()
      .post(`/api/v1/staff/orders/${order.id}/refunds`)
      .set('authorization', clerk.authorization)
      .send({ amount: 100 })
      .expect(403);

    const partial = await api()
      .post(`/api/v1/staff/orders/${order.id}/refunds`)
      .set('authorization', manager.authorization)
      .send({ amount: 1_000, reason: 'one box damaged' })
      .expect(200);
    expect(partial.body.refunded).toBe(1_000);
    await waitFor(async () => (await refundStates(order.id)).join() === 'succeeded');
    expect((await orderOf(order.id)).status).toBe('paid');

    const tooMuch = await api()
      .post(`/api/v1/staff/orders/${order.id}/refunds`)
      .set('authorization', manager.authorization)
      .send({ amount: order.payable })
      .expect(422);
    expect(tooMuch.body.code).toBe('REFUND_AMOUNT_INVALID');

    await api()
      .post(`/api/v1/staff/orders/${order.id}/refunds`)
      .set('authorization', manager.authorization)
      .send({})
      .expect(200);
    await waitFor(async () => (await orderOf(order.id)).status === 'refunded');
    const refunded = await orderOf(order.id);
    expect(refunded.refunded).toBe(order.payable);
    expect(refunded.timeline.at(-1)).toMatchObject({ to: 'refunded', actor: 'system' });
    const numbers: { out_refund_no: string }[] = await server.dataSource.query(
      'SELECT out_refund_no FROM refunds WHERE order_id = ? ORDER BY id',
      [order.id],
    );
    expect(numbers.map((row) => row.out_refund_no)).toEqual([`${order.no}R1`, `${order.no}R2`]);
  });

  it('should refund in full after the customer asks, ending refunded', async () => {
    const order = await paidOrder();
    const asked = await api()
      .post(`/api/v1/orders/${order.id}/refund-request`)
      .set('authorization', alice.authorization)
      .send({ note: 'changed my mind' })
      .expect(200);
    expect(asked.body.status).toBe('refund_requested');
    await api()
      .post(`/api/v1/orders/${order.id}/cancel`)
      .set('authorization', alice.authorization)
      .expect(409);
    await api()
      .post(`/api/v1/staff/orders/${order.id}/refunds`)
      .set('authorization', manager.authorization)
      .send({})
      .expect(200);
    await waitFor(async () => (await orderOf(order.id)).status === 'refunded');
    expect((await orderOf(order.id)).timeline.map((event: { to: string }) => event.to)).toEqual([
      'pending_payment',
      'paid',
      'refund_requested',
      'refunded',
    ]);
  });

  it('should re-send a refund WeChat did not take, under the same number, and never pay it twice', async () => {
    const order = await paidOrder();
    // WeChat Pay is unreachable when the refund is made: it stays pending, its amount reserved.
    const pay = server.config.wechatPay!;
    const reachable = pay.baseUrl;
    pay.baseUrl = 'http://127.0.0.1:1';
    try {
      await api()
        .post(`/api/v1/staff/orders/${order.id}/refunds`)
        .set('authorization', manager.authorization)
        .send({})
        .expect(200);
      await runJob(server.baseUrl, 'outbox');
    } finally {
      pay.baseUrl = reachable;
    }
    expect(await refundStates(order.id)).toEqual(['pending']);
    expect((await orderOf(order.id)).refunded).toBe(order.payable);
    const [refund] = await server.dataSource.query(
      'SELECT id, out_refund_no FROM refunds WHERE order_id = ?',
      [order.id],
    );
    const [event] = await outboxEvents(server, 'RefundCreated', Number(refund.id));
    expect(event).toMatchObject({
      attempts: 1,
      delivered_at: null,
      last_error: expect.stringMatching(/could not be reached/),
    });

    // The outbox retries it after its backoff, under the same number.
    await advanceClock(server.baseUrl, server.config.outbox.retryBaseSeconds);
    await runJob(server.baseUrl, 'outbox');
    await waitFor(async () => (await orderOf(order.id)).status === 'refunded');
    const [first] = await server.dataSource.query(
      'SELECT out_refund_no, refund_id FROM refunds WHERE order_id = ?',
      [order.id],
    );
    expect(first.out_refund_no).toBe(`${order.no}R1`);

    // Sent once more (a replica died after WeChat's answer, before marking the event delivered):
    // WeChat knows the number and answers the same refund.
    await server.dataSource.query("UPDATE refunds SET state = 'pending' WHERE order_id = ?", [order.id]);
    await server.dataSource.query('DELETE FROM outbox_handled WHERE event_id = ?', [event.id]);
    await server.dataSource.query('UPDATE outbox_events SET delivered_at = NULL WHERE id = ?', [event.id]);
    await advanceClock(server.baseUrl, server.config.outbox.leaseSeconds); // the dead replica's lease
    await runJob(server.baseUrl, 'outbox');
    const rows = await server.dataSource.query(
      'SELECT out_refund_no, refund_id, state FROM refunds WHERE order_id = ?',
      [order.id],
    );
    // Accepted again (not refused, which would leave it pending) as the very same WeChat refund.
    expect(rows).toEqual([{ ...first, state: 'processing' }]);
    expect((await orderOf(order.id)).refunded).toBe(order.payable);
  });

  async function refundStates(orderId: number): Promise<string[]> {
    const rows: { state: string }[] = await server.dataSource.query(
      'SELECT state FROM refunds WHERE order_id = ? ORDER BY id',
      [orderId],
    );
    return rows.map((row) => row.state);
  }
});
