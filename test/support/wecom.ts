import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { sealCallback, toXml, WecomCrypto } from '../../server/src/infra/wecom/wecom-crypto';
import { startFakeWecomServer, type FakeWecomServer } from '../../server/src/infra/wecom/fake-wecom-server';

/** The WeCom settings of a test deployment (the EncodingAESKey is WeCom's documentation example). */
export const TEST_WECOM = {
  corpId: 'ww-lensloop-test',
  secret: 'wecom-test-secret',
  token: 'wecomtoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

export function startTestWecom(): Promise<FakeWecomServer> {
  return startFakeWecomServer(TEST_WECOM);
}

/** What `startTestServer({ env })` needs to talk to this fake WeCom. */
export function wecomEnv(fake: FakeWecomServer): Record<string, string> {
  return {
    WECOM_CORP_ID: TEST_WECOM.corpId,
    WECOM_SECRET: TEST_WECOM.secret,
    WECOM_TOKEN: TEST_WECOM.token,
    WECOM_ENCODING_AES_KEY: TEST_WECOM.encodingAesKey,
    WECOM_API_BASE_URL: fake.baseUrl,
  };
}

export const testWecomCrypto = (corpId = TEST_WECOM.corpId) =>
  new WecomCrypto(TEST_WECOM.token, TEST_WECOM.encodingAesKey, corpId);

export interface SealedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

/** A callback signed and encrypted as WeCom sends it (`timestamp` in seconds; a fresh nonce by default). */
export function sealedCallback(
  fields: Record<string, string | number>,
  options: { timestamp?: number; nonce?: string; corpId?: string } = {},
): SealedCallback {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  return sealCallback(testWecomCrypto(options.corpId), toXml(fields), TEST_WECOM.corpId, timestamp, nonce);
}

export function postCallback(baseUrl: string, sealed: SealedCallback): request.Test {
  return request(baseUrl)
    .post(`/api/v1/wecom/callback?${new URLSearchParams(sealed.query)}`)
    .set('content-type', 'text/xml')
    .send(sealed.body);
}
