import { createHmac, timingSafeEqual } from 'node:crypto';

/** A redemption code is good for one 30 s step, plus one step of grace for a slow scan. */
export const CODE_STEP_SECONDS = 30;

const CODE_PATTERN = /^CP(\d{1,10})-([0-9a-f]{16})$/;

function signature(secret: string, couponId: number, step: number): string {
  return createHmac('sha256', secret).update(`coupon:${couponId}:${step}`).digest('hex').slice(0, 16);
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / (CODE_STEP_SECONDS * 1000));
}

/** `CP<coupon id>-<HMAC of id and time step>`: staff find the coupon from it, nobody can forge it. */
export function redemptionCode(
  secret: string,
  couponId: number,
  nowMs: number,
): { code: string; expiresAt: Date } {
  const step = stepAt(nowMs);
  return {
    code: `CP${couponId}-${signature(secret, couponId, step)}`,
    expiresAt: new Date((step + 1) * CODE_STEP_SECONDS * 1000),
  };
}

/** The coupon id of a code signed for this step or the one before, else null. */
export function verifyRedemptionCode(secret: string, code: string, nowMs: number): number | null {
  const match = CODE_PATTERN.exec(code);
  if (!match) return null;
  const couponId = Number(match[1]);
  const given = Buffer.from(match[2]);
  const step = stepAt(nowMs);
  const valid = [step, step - 1].some((candidate) =>
    timingSafeEqual(given, Buffer.from(signature(secret, couponId, candidate))),
  );
  return valid ? couponId : null;
}
