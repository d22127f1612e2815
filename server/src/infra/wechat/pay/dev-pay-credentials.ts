import { generateKeyPairSync, randomBytes } from 'node:crypto';
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
      platformSerialNo,
      platformPublicKey: platformKeys.publicKey,
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
