import { randomInt } from 'node:crypto';
import { REFERRAL_CODE_ALPHABET, REFERRAL_CODE_LENGTH } from '@lensloop/shared';

/** 8 characters of a 31-letter alphabet without look-alikes: 31^8 ≈ 8.5 × 10^11 codes. */
export function newReferralCode(): string {
  return Array.from(
    { length: REFERRAL_CODE_LENGTH },
    () => REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)],
  ).join('');
}

/** A code as typed or scanned: trimmed and upper-cased (the alphabet has no lower case). */
export function normaliseReferralCode(code: string): string {
  return code.trim().toUpperCase();
}

/** `张三丰` → `张*丰`, `李四` → `李*`, no nickname → `**`: a friend recognises it, a stranger learns little. */
export function maskNickname(nickname: string | null): string {
  const characters = [...(nickname ?? '').trim()];
  if (characters.length === 0) return '**';
  if (characters.length === 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(Math.min(characters.length - 2, 4))}${characters[characters.length - 1]}`;
}
