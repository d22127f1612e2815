import { sealCallback, toXml, WecomCrypto, WecomCryptoError, xmlField, xmlFields } from './wecom-crypto';

const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('WecomCrypto', () => {
  const crypto = new WecomCrypto('QDG6eK', KEY, 'wx5823bf96d3bd56c7');

  it('should decrypt what it encrypted, padded to 32 bytes', () => {
    const message = toXml({
      Event: 'change_external_contact',
      ChangeType: 'add_external_contact',
      CreateTime: 1,
    });
    const encrypted = crypto.encrypt(message);
    expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
    expect(crypto.decrypt(encrypted)).toBe(message);
  });

  it('should sign the sorted token, timestamp, nonce and ciphertext with SHA-1', () => {
    // The example of WeCom's documentation for URL verification.
    const verifying = new WecomCrypto('QDG6eK', KEY, 'wx5823bf96d3bd56c7');
    const echostr =
      'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    expect(verifying.signature('1409659589', '263014780', echostr)).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    );
    expect(verifying.decrypt(echostr)).toBe('1616140317555161061');
  });

  it('should refuse a ciphertext of another corp or a broken one', () => {
    const other = new WecomCrypto('QDG6eK', KEY, 'ww-other-corp');
    expect(() => crypto.decrypt(other.encrypt('<xml/>'))).toThrow(WecomCryptoError);
    expect(() => crypto.decrypt('not base64!')).toThrow(WecomCryptoError);
    expect(() => crypto.decrypt(Buffer.alloc(17).toString('base64'))).toThrow(WecomCryptoError);
  });

  it('should verify a sealed callback and read its fields', () => {
    const sealed = sealCallback(
      crypto,
      toXml({ UserID: 'zhangsan', State: 's:1' }),
      'wx5823bf96d3bd56c7',
      '100',
      'n1',
    );
    const encrypted = xmlField(sealed.body, 'Encrypt') as string;
    expect(crypto.verify(sealed.query.msg_signature, '100', 'n1', encrypted)).toBe(true);
    expect(crypto.verify(sealed.query.msg_signature, '101', 'n1', encrypted)).toBe(false);
    expect(xmlFields(crypto.decrypt(encrypted))).toEqual({ UserID: 'zhangsan', State: 's:1' });
  });
});
