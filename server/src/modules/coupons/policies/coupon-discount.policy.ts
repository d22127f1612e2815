import type { CouponIneligibility, CouponOffer, CouponScope, Fen } from '@lensloop/shared';
import type { CouponPricingLine } from '../../orders/coupon-port';

/** The discount rules of a coupon (its template's), with the coupon's own validity. */
export type CouponRules = Omit<CouponOffer, 'name'> & { validFrom: Date; validTo: Date };

/** An order line as the coupon rules see it: the orders port's line. */
export type CouponLine = CouponPricingLine;

export type CouponEvaluation = { discount: Fen; reason: null } | { discount: 0; reason: CouponIneligibility };

function inScope(scope: CouponScope, line: CouponLine): boolean {
  const categories = scope.categories ?? [];
  const productIds = scope.productIds ?? [];
  if (categories.length === 0 && productIds.length === 0) return true;
  return categories.includes(line.category) || productIds.includes(line.productId);
}

/**
 * What a coupon takes off these lines at `now`, or why it does not apply. Validity is
 * `[validFrom, validTo)`; the threshold (满减) counts the in-scope lines only; a free service
 * takes off one unit of the dearest in-scope line.
 */
export function evaluateCoupon(
  rules: CouponRules,
  lines: readonly CouponLine[],
  now: Date,
): CouponEvaluation {
  if (now < rules.validFrom) return { discount: 0, reason: 'not_yet_valid' };
  if (now >= rules.validTo) return { discount: 0, reason: 'expired' };
  const scoped = lines.filter((line) => inScope(rules.scope, line));
  if (scoped.length === 0) return { discount: 0, reason: 'out_of_scope' };
  const scopedTotal = scoped.reduce((sum, line) => sum + line.lineTotal, 0);
  if (scopedTotal < rules.threshold) return { discount: 0, reason: 'below_threshold' };
  return { discount: Math.min(rawDiscount(rules, scoped, scopedTotal), scopedTotal), reason: null };
}

function rawDiscount(rules: CouponRules, scoped: readonly CouponLine[], scopedTotal: Fen): Fen {
  switch (rules.kind) {
    case 'amount_off':
      return rules.amountOff ?? 0;
    case 'percent_off': {
      const off = Math.floor((scopedTotal * (rules.percentOff ?? 0)) / 100);
      return rules.maxDiscount === null ? off : Math.min(off, rules.maxDiscount);
    }
    case 'free_service':
      return Math.max(...scoped.map((line) => line.unitPrice));
  }
}

/** The id of the applicable coupon taking the most off (the lower id on a tie), or null. */
export function bestCoupon(
  options: readonly { couponId: number; discount: Fen; reason: unknown }[],
): number | null {
  let best: { couponId: number; discount: Fen } | null = null;
  for (const option of options) {
    if (option.reason !== null || option.discount <= 0) continue;
    if (
      !best ||
      option.discount > best.discount ||
      (option.discount === best.discount && option.couponId < best.couponId)
    ) {
      best = option;
    }
  }
  return best?.couponId ?? null;
}
