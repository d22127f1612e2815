import { startFakeWechatServer, type FakeWechatServer } from '../fake-wechat-server';
import { createDevPayCredentials } from './dev-pay-credentials';
import { WechatPayClient } from './wechat-pay-client';

describe('WechatPayClient against the fake WeChat Pay', () => {
  const credentials = createDevPayCredentials('wxspec');
  let fake: FakeWechatServer;
  let client: WechatPayClient;
  beforeAll(async () => {
    fake = await startFakeWechatServer({ appId: 'wxspec', appSecret: 'secret', pay: credentials.platform });
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
