import { createHmac, timingSafeEqual } from 'node:crypto';

/** A rotating code is good for one 30 s step, plus one step of grace for a slow scan. */
export const CODE_STEP_SECONDS = 30;

/**
 * What a code identifies. The prefix tells the desk what was scanned; the purpose goes into the
 * HMAC, so a code signed for one kind never verifies as another even under the same secret.
 */
export interface RotatingCodeKind {
  prefix: string;
  purpose: string;
}

/** In-store coupon redemption codes (`CP<coupon id>-…`). */
export const COUPON_CODE: RotatingCodeKind = { prefix: 'CP', purpose: 'coupon' };
/** The member's rotating identification code on 我的 (`MB<member id>-…`). */
export const MEMBER_CODE: RotatingCodeKind = { prefix: 'MB', purpose: 'member' };

function signature(kind: RotatingCodeKind, secret: string, id: number, step: number): string {
  return createHmac('sha256', secret).update(`${kind.purpose}:${id}:${step}`).digest('hex').slice(0, 16);
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / (CODE_STEP_SECONDS * 1000));
}

/** `<prefix><id>-<16 hex of HMAC(purpose:id:step)>`: the desk finds the id from it, nobody can forge it. */
export function rotatingCode(
  kind: RotatingCodeKind,
  secret: string,
  id: number,
  nowMs: number,
): { code: string; expiresAt: Date } {
  const step = stepAt(nowMs);
  return {
    code: `${kind.prefix}${id}-${signature(kind, secret, id, step)}`,
    expiresAt: new Date((step + 1) * CODE_STEP_SECONDS * 1000),
  };
}

/** Whether text has the shape of a code of this kind (it may still be forged or old). */
export function looksLikeRotatingCode(kind: RotatingCodeKind, text: string): boolean {
  return new RegExp(`^${kind.prefix}\\d{1,10}-[0-9a-f]{16}$`).test(text);
}

/** The id of a code of this kind signed for this step or the one before, else null. */
export function verifyRotatingCode(
  kind: RotatingCodeKind,
  secret: string,
  code: string,
  nowMs: number,
): number | null {
  const match = new RegExp(`^${kind.prefix}(\\d{1,10})-([0-9a-f]{16})$`).exec(code);
  if (!match) return null;
  const id = Number(match[1]);
  const given = Buffer.from(match[2]);
  const step = stepAt(nowMs);
  const valid = [step, step - 1].some((candidate) =>
    timingSafeEqual(given, Buffer.from(signature(kind, secret, id, candidate))),
  );
  return valid ? id : null;
}
