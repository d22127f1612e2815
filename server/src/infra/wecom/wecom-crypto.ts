import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback message crypto (WXBizMsgCrypt): msg_signature = SHA-1 over the sorted token,
 * timestamp, nonce and ciphertext; AES-256-CBC with the EncodingAESKey (43 base64 characters + '='
 * make the 32-byte key, the IV is its first 16 bytes), PKCS#7 padding to 32 bytes; the plaintext is
 * 16 random bytes, the message length (4 bytes, network order), the message and the corp id.
 */
export class WecomCrypto {
  private readonly key: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly corpId: string,
  ) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
      throw new Error('the WeCom EncodingAESKey must be 43 base64 characters');
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('the WeCom EncodingAESKey does not make a 32-byte key');
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return createHash('sha1').update([this.token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
  }

  /** Constant-time check of a msg_signature. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.corpId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }

  /** The message inside `encrypted`; throws `WecomCryptoError` when it is not a valid one for this corp. */
  decrypt(encrypted: string): string {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new WecomCryptoError(-40010, 'DecodeBase64_Error');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new WecomCryptoError(-40007, 'DecryptAES_Error');
    let padded: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      padded = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new WecomCryptoError(-40007, 'DecryptAES_Error');
    }
    const pad = padded[padded.length - 1];
    if (pad < 1 || pad > 32 || pad > padded.length) throw new WecomCryptoError(-40008, 'IllegalBuffer');
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) throw new WecomCryptoError(-40008, 'IllegalBuffer');
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new WecomCryptoError(-40008, 'IllegalBuffer');
    const message = plain.subarray(20, 20 + length).toString('utf8');
    const receiveId = plain.subarray(20 + length).toString('utf8');
    if (receiveId !== this.corpId) throw new WecomCryptoError(-40005, 'ValidateCorpid_Error');
    return message;
  }
}

/** A WXBizMsgCrypt error code (-40001 … -40011) and its name. */
export class WecomCryptoError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

/** The text of the `<Name>` element of a flat WeCom XML message (CDATA or plain), or null. */
export function xmlField(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  if (!match) return null;
  return match[1] ?? match[2] ?? '';
}

/** Every top-level element of the `<xml>` message, by name (nested lists kept as their inner XML). */
export function xmlFields(xml: string): Record<string, string> | null {
  const body = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!body) return null;
  const fields: Record<string, string> = {};
  const element = /<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))<\/\1>/g;
  for (let match = element.exec(body[1]); match; match = element.exec(body[1])) {
    fields[match[1]] = match[2] ?? match[3] ?? '';
  }
  return fields;
}

function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** A flat `<xml>` message of these fields, as WeCom sends them. */
export function toXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}>${cdata(value)}</${name}>`,
    )
    .join('');
  return `<xml>${inner}</xml>`;
}

/**
 * What WeCom POSTs to a callback URL: the encrypted envelope and its query (msg_signature,
 * timestamp, nonce). The fake server and the tests send callbacks through this.
 */
export function sealCallback(
  crypto: WecomCrypto,
  message: string,
  toUserName: string,
  timestamp: string,
  nonce: string,
): { query: { msg_signature: string; timestamp: string; nonce: string }; body: string } {
  const encrypted = crypto.encrypt(message);
  return {
    query: { msg_signature: crypto.signature(timestamp, nonce, encrypted), timestamp, nonce },
    body: `<xml><ToUserName>${cdata(toUserName)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata('')}</AgentID></xml>`,
  };
}
