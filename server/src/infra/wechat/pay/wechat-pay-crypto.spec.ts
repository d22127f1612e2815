import { createSign, createVerify } from 'node:crypto';
import { createDevPayCredentials, createDevPlatformCertificate } from './dev-pay-credentials';
import {
  authorizationHeader,
  checkSignatureHeaders,
  decryptResource,
  encryptResource,
  parseAuthorization,
  rfc3339,
  rsaSign,
  rsaVerify,
  signatureHeaders,
  signatureMessage,
} from './wechat-pay-crypto';

describe('WeChat Pay v3 cryptography', () => {
  const { merchant, platform } = createDevPayCredentials('wxspec');
  const certificate = createDevPlatformCertificate();
  // A rotation under way: the old certificate and the new public key id are both trusted.
  const platformKeys = { ...merchant.platformKeys, [certificate.serialNo]: certificate.certificate };

  it("should write WeChat's time format in Beijing time", () => {
    expect(rfc3339(new Date('2026-11-25T09:30:00.123Z'))).toBe('2026-11-25T17:30:00+08:00');
    expect(rfc3339(new Date('2026-11-25T20:00:00Z'))).toBe('2026-11-26T04:00:00+08:00');
    expect(new Date(rfc3339(new Date('2026-11-25T20:00:00Z'))).toISOString()).toBe(
      '2026-11-25T20:00:00.000Z',
    );
  });

  it('should sign a merchant request the platform can verify', () => {
    const body = '{"a":1}';
    const header = authorizationHeader(
      { mchId: merchant.mchId, serialNo: merchant.merchantSerialNo, privateKey: merchant.merchantPrivateKey },
      'POST',
      '/v3/pay/transactions/jsapi',
      body,
    );
    const fields = parseAuthorization(header);
    expect(fields).toMatchObject({ mchid: merchant.mchId, serial_no: merchant.merchantSerialNo });
    const message = signatureMessage(
      'POST',
      '/v3/pay/transactions/jsapi',
      fields!.timestamp,
      fields!.nonce_str,
      body,
    );
    expect(rsaVerify(platform.merchantPublicKey, message, fields!.signature)).toBe(true);
    expect(rsaVerify(platform.merchantPublicKey, message.replace('jsapi', 'app'), fields!.signature)).toBe(
      false,
    );
  });

  it('should sign and check with each parsed key as with its PEM, across many keys', () => {
    // More keys than the parsed-key cache holds (32), each used twice: a stale or mixed-up entry shows.
    const keys = Array.from({ length: 34 }, () => createDevPlatformCertificate());
    for (const round of [1, 2]) {
      for (const [index, key] of keys.entries()) {
        const message = signatureMessage(`round ${round}`, `key ${index}`);
        const signature = rsaSign(key.privateKey, message);
        // RSASSA-PKCS1-v1_5 is deterministic: the same bytes as signing with the PEM itself.
        expect(signature).toBe(createSign('RSA-SHA256').update(message).sign(key.privateKey, 'base64'));
        expect(createVerify('RSA-SHA256').update(message).verify(key.certificate, signature, 'base64')).toBe(
          true,
        );
        expect(rsaVerify(key.certificate, message, signature)).toBe(true);
        expect(rsaVerify(keys[(index + 1) % keys.length].certificate, message, signature)).toBe(false);
      }
    }
    expect(rsaVerify('not a key', 'message', 'c2lnbmF0dXJl')).toBe(false);
  });

  it('should round-trip an AEAD_AES_256_GCM resource and refuse a tampered one', () => {
    const resource = encryptResource(
      platform.apiV3Key,
      '{"out_trade_no":"LL1"}',
      'transaction',
      'transaction',
    );
    expect(decryptResource(merchant.apiV3Key, resource)).toBe('{"out_trade_no":"LL1"}');
    expect(() => decryptResource(merchant.apiV3Key, { ...resource, associated_data: 'refund' })).toThrow();
    expect(() => decryptResource('y'.repeat(32), resource)).toThrow();
  });

  describe('checkSignatureHeaders', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    const at = (offsetSeconds: number) => String(Math.floor(now.getTime() / 1000) + offsetSeconds);
    const signed = (offsetSeconds = 0) =>
      signatureHeaders(platform.platformPrivateKey, platform.platformSerialNo, 'body', at(offsetSeconds));

    const cases: [string, () => Record<string, string>, string, string][] = [
      ['a valid signature', () => ({ ...signed() }), 'body', 'ok'],
      ['4 minutes of skew', () => ({ ...signed(-240) }), 'body', 'ok'],
      ['6 minutes old', () => ({ ...signed(-360) }), 'body', 'stale'],
      ['6 minutes ahead', () => ({ ...signed(360) }), 'body', 'stale'],
      ['another body', () => ({ ...signed() }), 'other', 'bad_signature'],
      ['a probe', () => ({ ...signed(), 'wechatpay-signature': 'WECHATPAY/SIGNTEST/xyz' }), 'body', 'probe'],
      [
        'another serial',
        () => ({ ...signed(), 'wechatpay-serial': 'PUB_KEY_ID_X' }),
        'body',
        'unknown_serial',
      ],
      [
        'a signature by the certificate key',
        () => signatureHeaders(certificate.privateKey, certificate.serialNo, 'body', at(0)),
        'body',
        'ok',
      ],
      [
        "the certificate's serial on a public key id's signature",
        () => ({ ...signed(), 'wechatpay-serial': certificate.serialNo }),
        'body',
        'bad_signature',
      ],
      [
        'an inherited property as serial',
        () => ({ ...signed(), 'wechatpay-serial': 'toString' }),
        'body',
        'unknown_serial',
      ],
      ['no nonce', () => ({ ...signed(), 'wechatpay-nonce': '' }), 'body', 'missing'],
    ];

    it.each(cases)('should find %s → %s', (_label, headers, body, expected) => {
      expect(checkSignatureHeaders(headers(), body, platformKeys, now)).toBe(expected);
    });
  });
});
