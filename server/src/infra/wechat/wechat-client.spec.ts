import { DomainError } from '../../common/domain-error';
import { startFakeWechatServer, type FakeWechatServer } from './fake-wechat-server';
import { WechatClient } from './wechat-client';

describe('WechatClient against the fake WeChat server', () => {
  let fake: FakeWechatServer;
  beforeAll(async () => {
    fake = await startFakeWechatServer({ appId: 'wxspec', appSecret: 'spec-secret' });
  });
  afterAll(() => fake.close());

  it('should turn a dev code into a stable openid and unionid with a fresh session key', async () => {
    const client = new WechatClient(fake.baseUrl, 'wxspec', 'spec-secret');
    const first = await client.codeToSession('dev-zoe');
    const second = await client.codeToSession('dev-zoe');
    expect(first.openid).toBe('dev-zoe');
    expect(second.unionid).toBe(first.unionid);
    expect(first.unionid).toMatch(/^union-[0-9a-f]{24}$/);
    expect(second.sessionKey).not.toBe(first.sessionKey);
  });

  it('should report an invalid code as WECHAT_CODE_INVALID', async () => {
    const client = new WechatClient(fake.baseUrl, 'wxspec', 'spec-secret');
    await expect(client.codeToSession('garbage')).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' });
  });

  it('should report wrong app credentials as WeChat being unavailable, not as a bad user code', async () => {
    const client = new WechatClient(fake.baseUrl, 'wxspec', 'wrong-secret');
    await expect(client.codeToSession('dev-zoe')).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    await expect(client.phoneNumber('dev-phone-13900001111')).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
    });
  });

  it('should fetch an access token once and reuse it for phone numbers', async () => {
    const client = new WechatClient(fake.baseUrl, 'wxspec', 'spec-secret');
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      expect(await client.phoneNumber('dev-phone-13900001111')).toBe('13900001111');
      expect(await client.phoneNumber('dev-phone-13900002222')).toBe('13900002222');
      const tokenCalls = fetchSpy.mock.calls.filter(([url]) => String(url).includes('/cgi-bin/token'));
      expect(tokenCalls).toHaveLength(1);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('should report an unreachable WeChat as WECHAT_UNAVAILABLE', async () => {
    const client = new WechatClient('http://127.0.0.1:1', 'wxspec', 'spec-secret');
    const error = await client.codeToSession('dev-zoe').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
  });
});
