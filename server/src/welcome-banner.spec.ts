import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './infra/config/app-config';
import {
  createDevPayCredentials,
  createDevPlatformCertificate,
} from './infra/wechat/pay/dev-pay-credentials';
import { welcomeBanner } from './welcome-banner';

describe('welcomeBanner', () => {
  it('should say fake WeChat, Pay with generated keys and the embedded database when running the demo', () => {
    const config = loadConfig({ SQLITE_PATH: '/srv/lensloop/demo.sqlite' });
    const devPay = createDevPayCredentials(config.wechat.appId);
    config.wechatPay = { ...devPay.merchant, baseUrl: 'http://127.0.0.1:41000', notifyUrl: '' };

    const banner = welcomeBanner({
      url: 'http://localhost:3000',
      config,
      fakeWechatUrl: 'http://127.0.0.1:41000',
      generatedPayKeys: true,
    });

    expect(banner).toContain('LensLoop is running: open http://localhost:3000/');
    expect(banner).toMatch(/Version: {13}\d+\.\d+\.\d+\n/);
    expect(banner).toContain('Database:            embedded SQLite at /srv/lensloop/demo.sqlite');
    expect(banner).toContain(
      'WeChat login:        fake at http://127.0.0.1:41000 (log in with any code dev-<name>)',
    );
    expect(banner).toContain('WeChat Pay:          fake, merchant 1900000109 with keys generated at start');
    expect(banner).toContain('Demo staff password:');
    expect(banner).not.toContain(devPay.merchant.apiV3Key);
  });

  it('should name the real appid, merchant, platform key serials and database host, and no secret', () => {
    const directory = mkdtempSync(join(tmpdir(), 'lensloop-banner-'));
    const file = (name: string, pem: string) => {
      writeFileSync(join(directory, name), pem);
      return join(directory, name);
    };
    const { merchant, platform } = createDevPayCredentials('wx5a1b2c3d4e5f6a7b');
    const certificate = createDevPlatformCertificate();
    const secrets = {
      JWT_SECRET: 'jwt-secret-'.repeat(4),
      COUPON_CODE_SECRET: 'coupon-code-secret-'.repeat(3),
      MEMBER_CODE_SECRET: 'member-code-secret-'.repeat(3),
      WECHAT_SECRET: 'app-secret-0123456789',
      WECHATPAY_APIV3_KEY: merchant.apiV3Key,
      PRESCRIPTION_KEYS: `2026a:${Buffer.alloc(32, 7).toString('base64')}`,
    };
    const config = loadConfig({
      ...secrets,
      NODE_ENV: 'production',
      DB_TYPE: 'mariadb',
      DB_URL: 'mysql://lensloop:db-password-42@db.internal:3306/lensloop',
      WECHAT_APPID: 'wx5a1b2c3d4e5f6a7b',
      WECHATPAY_MCHID: '1230000109',
      WECHATPAY_MERCHANT_SERIAL_NO: merchant.merchantSerialNo,
      WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: file('apiclient_key.pem', merchant.merchantPrivateKey),
      WECHATPAY_PLATFORM_KEYS: [
        `${certificate.serialNo}:${file('wechatpay_cert.pem', certificate.certificate)}`,
        `${platform.platformSerialNo}:${file('pub_key.pem', merchant.platformKeys[platform.platformSerialNo])}`,
      ].join(','),
      WECHATPAY_NOTIFY_URL: 'https://shop.example.com/api/v1/payments/wechat/notify',
    });

    const banner = welcomeBanner({
      url: 'http://shop.example.com:3000',
      config,
      fakeWechatUrl: null,
      generatedPayKeys: false,
    });

    expect(banner).toContain('Database:            MariaDB at db.internal:3306/lensloop');
    expect(banner).toContain('WeChat login:        appid wx5a1b2c3d4e5f6a7b at https://api.weixin.qq.com');
    expect(banner).toContain(
      `WeChat Pay:          merchant 1230000109 (appid wx5a1b2c3d4e5f6a7b) at https://api.mch.weixin.qq.com; ` +
        `platform keys ${certificate.serialNo}, ${platform.platformSerialNo}`,
    );
    expect(banner).not.toContain('Demo staff');
    for (const secret of [...Object.values(secrets), 'db-password-42', merchant.merchantPrivateKey]) {
      expect(banner).not.toContain(secret);
    }
    expect(banner).not.toContain('generated');
  });

  it('should say when WeChat Pay is not configured', () => {
    const config = loadConfig({ WECHAT_API_BASE_URL: 'https://api.weixin.qq.com', SQLITE_PATH: ':memory:' });
    const banner = welcomeBanner({
      url: 'http://localhost:3000',
      config,
      fakeWechatUrl: null,
      generatedPayKeys: false,
    });
    expect(banner).toContain('Database:            embedded SQLite in memory');
    expect(banner).toContain('WeChat Pay:          not configured (paying answers WECHAT_UNAVAILABLE)');
  });

  it('should say when platform certificates are downloaded', () => {
    const config = loadConfig({ SQLITE_PATH: ':memory:' });
    const devPay = createDevPayCredentials(config.wechat.appId);
    config.wechatPay = {
      ...devPay.merchant,
      platformKeys: {},
      downloadCertificates: true,
      baseUrl: 'https://api.mch.weixin.qq.com',
      notifyUrl: 'https://shop.example.com/api/v1/payments/wechat/notify',
    };
    const banner = welcomeBanner({
      url: 'http://localhost:3000',
      config,
      fakeWechatUrl: null,
      generatedPayKeys: false,
    });
    expect(banner).toContain('platform keys none configured, and the certificates WeChat lists (downloaded)');
  });
});
