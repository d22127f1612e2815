import type { CouponValidity } from '@lensloop/shared';

const DAY_MS = 24 * 3600 * 1000;

/** A coupon's `[from, to)` when issued at `issuedAt`: the template's fixed dates or N days from issue. */
export function couponValidityAt(validity: CouponValidity, issuedAt: Date): { from: Date; to: Date } {
  if ('days' in validity)
    return { from: issuedAt, to: new Date(issuedAt.getTime() + validity.days * DAY_MS) };
  return { from: new Date(validity.from), to: new Date(validity.to) };
}

/** Whether a template can still hand out a usable coupon at `now` (fixed dates not yet over). */
export function isIssuable(validity: CouponValidity, now: Date): boolean {
  return 'days' in validity || new Date(validity.to) > now;
}
