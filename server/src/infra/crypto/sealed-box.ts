import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for sensitive values at rest. A sealed value is `<keyId>:<base64(iv ‖ tag ‖ data)>`,
 * so rows written under an older key stay readable after the active key rotates. The associated
 * data binds a value to its row's owner: a ciphertext copied to another member's row fails to open.
 */
export class SealedBox {
  constructor(private readonly keys: AppConfig['prescriptionKeys']) {}

  seal(value: unknown, associatedData: string): string {
    const keyId = this.keys.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  open<T>(sealed: string, associatedData: string): T {
    const separator = sealed.indexOf(':');
    const raw = Buffer.from(sealed.slice(separator + 1), 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key(sealed.slice(0, separator)),
      raw.subarray(0, IV_BYTES),
    );
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(text.toString('utf8')) as T;
  }

  /** The id of the key new values are sealed with. */
  get activeKeyId(): string {
    return this.keys.activeKeyId;
  }

  /** The id of the key `sealed` was sealed with. */
  keyIdOf(sealed: string): string {
    return sealed.slice(0, sealed.indexOf(':'));
  }

  /**
   * The same value sealed again under the active key (a fresh IV), for re-encrypting old rows;
   * the plaintext is carried over byte for byte, never re-shaped.
   */
  reseal(sealed: string, associatedData: string): string {
    return this.seal(this.open<unknown>(sealed, associatedData), associatedData);
  }

  private key(keyId: string): Buffer {
    const key = this.keys.keys[keyId];
    if (!key) throw new Error(`No prescription key with id "${keyId}" is configured`);
    return key;
  }
}
