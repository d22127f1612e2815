import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WechatPayConfig } from './wechat-pay.types';

/** What the fake WeChat Pay needs to play the platform for one merchant. */
export interface FakePayOptions {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPublicKey: string;
  platformSerialNo: string;
  platformPrivateKey: string;
  apiV3Key: string;
  /** Platform certificates the fake lists at `GET /v3/certificates` (the first signs that answer). */
  platformCertificates?: DevPlatformCertificate[];
}

export interface DevPayCredentials {
  /** The merchant side, for the app's config (add `baseUrl` and `notifyUrl`). */
  merchant: Omit<WechatPayConfig, 'baseUrl' | 'notifyUrl'>;
  /** The platform side, for the fake server and for tests that forge notifications. */
  platform: FakePayOptions;
}

function rsaKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * Fresh merchant and platform key pairs and an APIv3 key for development and tests, made at
 * start and kept in memory only: no real merchant's secret is ever in the repository.
 */
export function createDevPayCredentials(appId: string): DevPayCredentials {
  const merchantKeys = rsaKeyPair();
  const platformKeys = rsaKeyPair();
  const mchId = '1900000109';
  const merchantSerialNo = randomBytes(20).toString('hex').toUpperCase();
  const platformSerialNo = `PUB_KEY_ID_${randomBytes(12).toString('hex').toUpperCase()}`;
  // 32 ASCII characters, like the key a merchant sets in the WeChat Pay console.
  const apiV3Key = randomBytes(16).toString('hex');
  return {
    merchant: {
      mchId,
      appId,
      merchantSerialNo,
      merchantPrivateKey: merchantKeys.privateKey,
      platformKeys: { [platformSerialNo]: platformKeys.publicKey },
      apiV3Key,
    },
    platform: {
      mchId,
      appId,
      merchantSerialNo,
      merchantPublicKey: merchantKeys.publicKey,
      platformSerialNo,
      platformPrivateKey: platformKeys.privateKey,
      apiV3Key,
    },
  };
}

export interface DevPlatformCertificate {
  /** The certificate's serial, 40 hex digits like WeChat's (WeChat names it in `Wechatpay-Serial`). */
  serialNo: string;
  /** PEM of the self-signed X.509 certificate, what a merchant configures. */
  certificate: string;
  /** PEM of its private key, for the side that plays WeChat and signs. */
  privateKey: string;
}

/**
 * A platform key as WeChat issued them before public key ids: an RSA key in an X.509
 * certificate (made with the `openssl` command, which Node cannot do), for tests of key rotation.
 */
export function createDevPlatformCertificate(): DevPlatformCertificate {
  // A leading 1 keeps the serial a positive 160-bit number without DER's 00 padding.
  const serialNo = `1${randomBytes(20).toString('hex').toUpperCase().slice(1)}`;
  const directory = mkdtempSync(join(tmpdir(), 'lensloop-platform-'));
  try {
    execFileSync(
      'openssl',
      [
        ...[
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-noenc',
          '-days',
          '2',
          '-subj',
          '/O=Tenpay.com/CN=Tenpay.com sign',
        ],
        ...['-set_serial', `0x${serialNo}`],
        ...['-keyout', join(directory, 'key.pem'), '-out', join(directory, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    return {
      serialNo,
      certificate: readFileSync(join(directory, 'cert.pem'), 'utf8'),
      privateKey: readFileSync(join(directory, 'key.pem'), 'utf8'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
