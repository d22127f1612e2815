import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevPayCredentials, createDevPlatformCertificate } from '../wechat/pay/dev-pay-credentials';
import { ConfigError, loadConfig } from './app-config';

const payDirectory = mkdtempSync(join(tmpdir(), 'lensloop-pay-'));

/** Writes a key file for the Pay settings and returns its path. */
function keyFile(name: string, pem: string): string {
  writeFileSync(join(payDirectory, name), pem);
  return join(payDirectory, name);
}

/** A complete Pay configuration with one platform key in the variables of earlier releases. */
function payEnvironment(): NodeJS.ProcessEnv {
  const { merchant, platform } = createDevPayCredentials('wx1234567890abcdef');
  return {
    WECHATPAY_MCHID: merchant.mchId,
    WECHATPAY_MERCHANT_SERIAL_NO: merchant.merchantSerialNo,
    WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: keyFile('apiclient_key.pem', merchant.merchantPrivateKey),
    WECHATPAY_PLATFORM_SERIAL_NO: platform.platformSerialNo,
    WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: keyFile(
      'pub_key.pem',
      merchant.platformKeys[platform.platformSerialNo],
    ),
    WECHATPAY_APIV3_KEY: merchant.apiV3Key,
    WECHATPAY_NOTIFY_URL: 'https://shop.example.com/api/v1/payments/wechat/notify',
  };
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

describe('loadConfig', () => {
  it('should reject prescription keys of the wrong size and an unknown active key id', () => {
    expect(problemsOf({ PRESCRIPTION_KEYS: `a:${KEY_A},b:c2hvcnQ=`, PRESCRIPTION_KEY_ID: 'z' })).toEqual([
      'PRESCRIPTION_KEYS entries must be <id>:<32 bytes in base64> (bad entry for "b")',
      'PRESCRIPTION_KEY_ID "z" is not one of PRESCRIPTION_KEYS',
    ]);
  });

  it('should use a fixed development prescription key outside production', () => {
    const { prescriptionKeys } = loadConfig({});
    expect(prescriptionKeys.activeKeyId).toBe('dev');
    expect(prescriptionKeys.keys.dev).toHaveLength(32);
  });

  it('should default to the embedded demo database with demo data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      database: { type: 'sqlite', migrateOnStart: false },
      seedDemoData: true,
    });
    expect(config.jwt.secret).toHaveLength(64);
    expect(config.wechat.apiBaseUrl).toBeUndefined();
  });

  it('should list every problem at once', () => {
    expect(
      problemsOf({ PORT: '70000', DB_TYPE: 'mariadb', LOG_LEVEL: 'loud', SEED_DEMO_DATA: 'yes' }),
    ).toEqual([
      'DB_URL is required when DB_TYPE is mariadb',
      'PORT must be an integer from 0 to 65535 (got "70000")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'SEED_DEMO_DATA must be true or false (got "yes")',
    ]);
  });

  it('should demand real secrets and a real database in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toContain('JWT_SECRET must be set to at least 32 characters');
    expect(problems).toContain('COUPON_CODE_SECRET must be set to at least 32 characters');
    expect(problems).toContain('MEMBER_CODE_SECRET must be set to at least 32 characters');
    expect(problems).toContain('WECHAT_APPID and WECHAT_SECRET are required');
    expect(problems).toContain('PRESCRIPTION_KEYS is required in production');
    expect(problems).toContain(
      'DB_TYPE=sqlite is the embedded demo database; production needs mariadb or mysql',
    );
  });

  it('should accept a complete production configuration and talk to the real WeChat', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DB_TYPE: 'mariadb',
      DB_URL: 'mysql://lensloop:secret@db:3306/lensloop',
      JWT_SECRET: 'x'.repeat(32),
      COUPON_CODE_SECRET: 'c'.repeat(32),
      MEMBER_CODE_SECRET: 'm'.repeat(32),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret',
      PRESCRIPTION_KEYS: `2026a:${KEY_A},2026b:${KEY_B}`,
      ...payEnvironment(),
    });
    expect(config.wechat.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(config.prescriptionKeys.activeKeyId).toBe('2026b');
    expect(Object.keys(config.prescriptionKeys.keys)).toEqual(['2026a', '2026b']);
    expect(config.wechatPay).toMatchObject({
      mchId: '1900000109',
      appId: 'wx1234567890abcdef',
      baseUrl: 'https://api.mch.weixin.qq.com',
    });
    expect(config.seedDemoData).toBe(false);
    expect(config.metrics).toEqual({ port: null, host: '127.0.0.1', token: null });
    expect(config.prescriptionRekey).toEqual({ batchSize: 500, batchesPerRun: 20 });
  });

  it('should reject a malformed database URL', () => {
    expect(problemsOf({ DB_TYPE: 'mysql', DB_URL: 'postgres://x' })).toEqual([
      'DB_URL must look like mysql://user:password@host:3306/database',
    ]);
  });

  describe('WeChat Pay', () => {
    it('should leave Pay unconfigured outside production when nothing is given', () => {
      expect(loadConfig({}).wechatPay).toBeNull();
    });

    it('should require every Pay setting in production', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toContainEqual(
        expect.stringMatching(/^WeChat Pay needs WECHATPAY_MCHID, /),
      );
    });

    it('should trust every listed platform key: certificates and public key ids side by side', () => {
      const certificate = createDevPlatformCertificate();
      const publicKeyId = 'PUB_KEY_ID_0114232520742026112500000000000001';
      const { merchant } = createDevPayCredentials('wx1');
      const environment = payEnvironment();
      const config = loadConfig({
        ...environment,
        WECHATPAY_PLATFORM_KEYS: [
          `${certificate.serialNo}:${keyFile('wechatpay_cert.pem', certificate.certificate)}`,
          `${publicKeyId}:${keyFile('pub_key_2.pem', Object.values(merchant.platformKeys)[0])}`,
        ].join(','),
      });
      expect(Object.keys(config.wechatPay?.platformKeys ?? {})).toEqual([
        certificate.serialNo,
        publicKeyId,
        environment.WECHATPAY_PLATFORM_SERIAL_NO,
      ]);
      expect(config.wechatPay?.platformKeys[certificate.serialNo]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    });

    it('should refuse a certificate listed under another serial, a bad entry and a lone serial', () => {
      const certificate = createDevPlatformCertificate();
      const problems = problemsOf({
        ...payEnvironment(),
        WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '',
        WECHATPAY_PLATFORM_KEYS: `ABC123:${keyFile('wechatpay_cert_2.pem', certificate.certificate)}, PUB_KEY_ID_1`,
      });
      expect(problems).toEqual([
        'WECHATPAY_PLATFORM_SERIAL_NO and WECHATPAY_PLATFORM_PUBLIC_KEY_FILE go together',
        `platform key ABC123 must name a readable PEM public key or certificate (the certificate's serial is ${certificate.serialNo})`,
        'WECHATPAY_PLATFORM_KEYS entries must be <serial>:<key or certificate file> (bad entry "PUB_KEY_ID_1")',
      ]);
    });

    it('should require at least one platform key', () => {
      expect(
        problemsOf({
          ...payEnvironment(),
          WECHATPAY_PLATFORM_SERIAL_NO: '',
          WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '',
        }),
      ).toEqual([
        'WeChat Pay needs a platform key: WECHATPAY_PLATFORM_KEYS (or WECHATPAY_DOWNLOAD_CERTIFICATES)',
      ]);
    });

    it('should need no configured platform key when the certificates are downloaded', () => {
      const config = loadConfig({
        ...payEnvironment(),
        WECHATPAY_PLATFORM_SERIAL_NO: '',
        WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '',
        WECHATPAY_DOWNLOAD_CERTIFICATES: 'true',
      });
      expect(config.wechatPay).toMatchObject({ platformKeys: {}, downloadCertificates: true });
    });

    it('should reject a partial Pay configuration, bad keys, a short APIv3 key and a plain-http notify URL', () => {
      expect(problemsOf({ WECHATPAY_MCHID: '1900000109' })).toEqual([
        expect.stringMatching(/^WeChat Pay needs /),
      ]);
      const problems = problemsOf({
        ...payEnvironment(),
        NODE_ENV: 'production',
        DB_TYPE: 'mariadb',
        DB_URL: 'mysql://u:p@db:3306/x',
        JWT_SECRET: 'x'.repeat(32),
        COUPON_CODE_SECRET: 'c'.repeat(32),
        MEMBER_CODE_SECRET: 'm'.repeat(32),
        WECHAT_APPID: 'wx1',
        WECHAT_SECRET: 's',
        PRESCRIPTION_KEYS: `a:${KEY_A}`,
        WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: '/nonexistent.pem',
        WECHATPAY_APIV3_KEY: 'short',
        WECHATPAY_NOTIFY_URL: 'http://shop.example.com/notify',
      });
      expect(problems).toEqual([
        expect.stringMatching(/^WECHATPAY_MERCHANT_PRIVATE_KEY_FILE must name a readable PEM key file/),
        'WECHATPAY_APIV3_KEY must be 32 bytes',
        'WECHATPAY_NOTIFY_URL must be an https URL without a query',
      ]);
    });
  });

  it('should refuse an open metrics listener off loopback in production, and bad re-key batch sizes', () => {
    const production = {
      NODE_ENV: 'production',
      DB_TYPE: 'mariadb',
      DB_URL: 'mysql://lensloop:secret@db:3306/lensloop',
      JWT_SECRET: 'x'.repeat(32),
      COUPON_CODE_SECRET: 'c'.repeat(32),
      MEMBER_CODE_SECRET: 'm'.repeat(32),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret',
      PRESCRIPTION_KEYS: `2026a:${KEY_A}`,
      ...payEnvironment(),
    };
    expect(() => loadConfig({ ...production, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' })).toThrow(
      'METRICS_TOKEN is required in production',
    );
    const config = loadConfig({
      ...production,
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.5',
      METRICS_TOKEN: 'scrape',
      PRESCRIPTION_REKEY_BATCH_SIZE: '100',
    });
    expect(config.metrics).toEqual({ port: 9464, host: '10.0.0.5', token: 'scrape' });
    expect(config.prescriptionRekey.batchSize).toBe(100);
    expect(loadConfig({ ...production, METRICS_PORT: '9464' }).metrics.host).toBe('127.0.0.1');
    expect(() => loadConfig({ PRESCRIPTION_REKEY_BATCH_SIZE: '0' })).toThrow('PRESCRIPTION_REKEY_BATCH_SIZE');
  });
});
