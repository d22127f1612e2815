import { startFakeWechatServer, type FakeWechatServer } from '../fake-wechat-server';
import { createDevPayCredentials, createDevPlatformCertificate } from './dev-pay-credentials';
import { USER_AGENT, WechatPayClient } from './wechat-pay-client';
import { authorizationHeader, checkSignatureHeaders, signatureHeaders } from './wechat-pay-crypto';

describe('WechatPayClient against the fake WeChat Pay', () => {
  const credentials = createDevPayCredentials('wxspec');
  const certificate = createDevPlatformCertificate();
  let fake: FakeWechatServer;
  let client: WechatPayClient;
  beforeAll(async () => {
    fake = await startFakeWechatServer({
      appId: 'wxspec',
      appSecret: 'secret',
      pay: { ...credentials.platform, platformCertificates: [certificate] },
    });
    const config = { ...credentials.merchant, baseUrl: fake.baseUrl, notifyUrl: 'http://127.0.0.1:1/notify' };
    client = new WechatPayClient(() => config);
  });
  afterAll(() => fake.close());

  const prepay = (outTradeNo: string) =>
    client.prepay({
      outTradeNo,
      description: 'spec',
      amount: 100,
      openid: 'dev-a',
      timeExpire: new Date(Date.now() + 60_000),
    });

  it('should prepay, find the unpaid transaction, close it and see it closed', async () => {
    expect(await prepay('LLSPEC0001')).toMatch(/^wx\d+/);
    expect(await client.queryByOutTradeNo('LLSPEC0001')).toMatchObject({ trade_state: 'NOTPAY' });
    await client.close('LLSPEC0001');
    expect(await client.queryByOutTradeNo('LLSPEC0001')).toMatchObject({ trade_state: 'CLOSED' });
  });

  it('should send a User-Agent naming LensLoop and time_expire in Beijing time, as the fake records them', async () => {
    const timeExpire = new Date('2030-01-01T16:30:00.000Z');
    await client.prepay({
      outTradeNo: 'LLSPEC0003',
      description: 'spec',
      amount: 100,
      openid: 'dev-a',
      timeExpire,
    });
    const recorded = (await (await fetch(`${fake.baseUrl}/fake/pay/LLSPEC0003`)).json()) as Record<
      string,
      string
    >;
    expect(recorded.userAgent).toMatch(/^LensLoop\/\d+\.\d+\.\d+ \(WechatPay-APIv3; Node\.js\/v\d+/);
    expect(recorded.timeExpire).toBe('2030-01-02T00:30:00+08:00');
  });

  it("should be refused by the fake without a User-Agent of its own, as WeChat refuses Node's default", async () => {
    const response = await fetch(`${fake.baseUrl}/v3/pay/transactions/out-trade-no/LLSPEC0003?mchid=1`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PARAM_ERROR', message: 'Http头缺少User-Agent' });
  });

  it('should be refused by the fake for a time_expire without the +08:00 offset', async () => {
    const body = JSON.stringify({
      appid: 'wxspec',
      mchid: credentials.merchant.mchId,
      description: 'spec',
      out_trade_no: 'LLSPEC0004',
      time_expire: '2030-01-01T16:30:00Z',
      notify_url: 'http://127.0.0.1:1/notify',
      amount: { total: 1, currency: 'CNY' },
      payer: { openid: 'dev-a' },
    });
    const { merchant } = credentials;
    const response = await fetch(`${fake.baseUrl}/v3/pay/transactions/jsapi`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        authorization: authorizationHeader(
          {
            mchId: merchant.mchId,
            serialNo: merchant.merchantSerialNo,
            privateKey: merchant.merchantPrivateKey,
          },
          'POST',
          '/v3/pay/transactions/jsapi',
          body,
        ),
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PARAM_ERROR', message: 'time_expire格式错误' });
  });

  it('should download the platform certificates, decrypt them and trust them besides the configured key', async () => {
    const message = signatureHeaders(certificate.privateKey, certificate.serialNo, 'body');
    expect(checkSignatureHeaders(message, 'body', client.platformKeys())).toBe('unknown_serial');
    // The list is signed with a certificate that is only in the list itself.
    expect(await client.downloadPlatformCertificates()).toEqual([certificate.serialNo]);
    expect(Object.keys(client.platformKeys()).sort()).toEqual(
      [certificate.serialNo, credentials.platform.platformSerialNo].sort(),
    );
    expect(checkSignatureHeaders(message, 'body', client.platformKeys())).toBe('ok');
  });

  it('should refuse a certificate list it cannot decrypt with its APIv3 key', async () => {
    const wrongKey = new WechatPayClient(() => ({
      ...credentials.merchant,
      apiV3Key: 'z'.repeat(32),
      baseUrl: fake.baseUrl,
      notifyUrl: 'http://127.0.0.1:1/notify',
    }));
    await expect(wrongKey.downloadPlatformCertificates()).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
    });
    expect(Object.keys(wrongKey.platformKeys())).toEqual([credentials.platform.platformSerialNo]);
  });

  it('should find no transaction for an unknown order number', async () => {
    expect(await client.queryByOutTradeNo('LLSPEC-NONE')).toBeNull();
  });

  it('should be refused with another merchant key', async () => {
    const other = createDevPayCredentials('wxspec').merchant;
    const stranger = new WechatPayClient(() => ({
      ...credentials.merchant,
      merchantPrivateKey: other.merchantPrivateKey,
      baseUrl: fake.baseUrl,
      notifyUrl: 'http://127.0.0.1:1/notify',
    }));
    await expect(
      stranger.prepay({
        outTradeNo: 'LLSPEC0002',
        description: 'x',
        amount: 1,
        openid: 'o',
        timeExpire: new Date(),
      }),
    ).rejects.toMatchObject({ name: 'WechatPayRejection', status: 401, code: 'SIGN_ERROR' });
  });
});
