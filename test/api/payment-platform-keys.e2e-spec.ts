import request from 'supertest';
import {
  signedNotification,
  type SignedNotification,
} from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import {
  createDevPayCredentials,
  createDevPlatformCertificate,
} from '../../server/src/infra/wechat/pay/dev-pay-credentials';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { Factory, type MemberFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { runJob } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { paidTransaction } from '../support/wechat-pay';

/**
 * A platform key rotation as an operator runs it: the server process is configured through its
 * environment with two platform keys, a certificate (by its serial) and a WeChat Pay public key
 * (by its `PUB_KEY_ID_…`).
 */
describe('WeChat Pay with several platform keys (MariaDB, a separate server process)', () => {
  const certificate = createDevPlatformCertificate();
  /** A certificate WeChat lists at `GET /v3/certificates` but nobody configured. */
  const listed = createDevPlatformCertificate();
  /** A platform key nobody configured, e.g. the next one before the operator added it. */
  const stranger = createDevPayCredentials('wxtestlensloop0001').platform;
  let server: TestServer;
  let api: ApiProcess;
  let storeId: number;
  let skuId: number;
  let alice: MemberFixture;

  beforeAll(async () => {
    server = await startTestServer({ platformCertificates: [listed] });
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    skuId = (await factory.sku('contacts', { storeId, quantity: 50, price: 9_900 })).id;
    alice = await factory.member();
    api = await startApiProcess(
      server,
      { WECHATPAY_DOWNLOAD_CERTIFICATES: 'true' },
      { [certificate.serialNo]: certificate.certificate },
    );
  });
  afterAll(async () => {
    await api?.kill();
    await server?.stop();
  });

  const newOrder = () =>
    placeOrder(api.baseUrl, alice.authorization, { storeId, items: [{ skuId, quantity: 1 }] });
  const statusOf = async (id: number) =>
    (
      await request(api.baseUrl)
        .get(`/api/v1/orders/${id}`)
        .set('authorization', alice.authorization)
        .expect(200)
    ).body.status;
  /** A TRANSACTION.SUCCESS notification for `order`, signed with `signer`'s platform key. */
  const paidNotification = (
    order: { no: string; payable: number },
    signer: { platformPrivateKey: string; platformSerialNo: string },
  ) =>
    signedNotification(
      { ...signer, apiV3Key: server.pay.apiV3Key },
      'TRANSACTION.SUCCESS',
      paidTransaction(server.pay, order, alice.openid),
    );
  const deliver = (notification: SignedNotification) =>
    request(api.baseUrl)
      .post('/api/v1/payments/wechat/notify')
      .set(notification.headers)
      .send(notification.body);
  const notifyPaid = (...args: Parameters<typeof paidNotification>) => deliver(paidNotification(...args));

  it('should accept a notification signed with the WeChat Pay public key (PUB_KEY_ID_…)', async () => {
    expect(server.pay.platformSerialNo).toMatch(/^PUB_KEY_ID_/);
    const order = await newOrder();
    const response = await notifyPaid(order, server.pay);
    expect(response.status).toBe(204);
    expect(await statusOf(order.id)).toBe('paid');
  });

  it('should accept a notification signed with the platform certificate', async () => {
    const order = await newOrder();
    const response = await notifyPaid(order, {
      platformPrivateKey: certificate.privateKey,
      platformSerialNo: certificate.serialNo,
    });
    expect(response.status).toBe(204);
    expect(await statusOf(order.id)).toBe('paid');
  });

  it('should refuse a third key with 401 {code: FAIL} and log its serial', async () => {
    const order = await newOrder();
    const response = await notifyPaid(order, stranger);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'FAIL' });
    expect(await statusOf(order.id)).toBe('pending_payment');
    // Warnings are written asynchronously; give the log line a moment to arrive.
    for (let wait = 0; wait < 20 && !api.output().includes(stranger.platformSerialNo); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(api.output()).toContain(`unknown_serial (Wechatpay-Serial ${stranger.platformSerialNo})`);
  });

  it('should trust a listed certificate once the wechat-pay-certificates job has downloaded it', async () => {
    const signer = { platformPrivateKey: listed.privateKey, platformSerialNo: listed.serialNo };
    const refused = paidNotification(await newOrder(), signer);
    expect((await deliver(refused)).status).toBe(401);
    expect(await runJob(api.baseUrl, 'wechat-pay-certificates')).toBe(1);
    const after = await newOrder();
    expect((await notifyPaid(after, signer)).status).toBe(204);
    expect(await statusOf(after.id)).toBe('paid');
    // WeChat sends the refused notification again, and now it verifies.
    expect((await deliver(refused)).status).toBe(204);
    // Fetched again only after 12 hours.
    expect(await runJob(api.baseUrl, 'wechat-pay-certificates')).toBe(0);
  });

  it("should verify WeChat Pay's responses with the key its Wechatpay-Serial names", async () => {
    const order = await newOrder();
    const response = await request(api.baseUrl)
      .post(`/api/v1/orders/${order.id}/pay`)
      .set('authorization', alice.authorization)
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'pending_payment',
      payment: { appId: server.pay.appId, signType: 'RSA' },
    });
  });
});
