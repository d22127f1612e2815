/** Codes of coupon templates, claiming, checkout and in-store redemption. */
export const CouponsErrorCode = {
  COUPON_TEMPLATE_NOT_FOUND: 'COUPON_TEMPLATE_NOT_FOUND',
  COUPON_NOT_FOUND: 'COUPON_NOT_FOUND',
  /** The template is not open for this (claim centre, push): wrong channel, inactive or over. */
  COUPON_NOT_CLAIMABLE: 'COUPON_NOT_CLAIMABLE',
  /** Every coupon of the template's total quantity has been issued. */
  COUPON_SOLD_OUT: 'COUPON_SOLD_OUT',
  /** The member already holds as many coupons of the template as one member may. */
  COUPON_LIMIT_REACHED: 'COUPON_LIMIT_REACHED',
  /** Used on an order or redeemed in store already: a coupon is used once. */
  COUPON_ALREADY_REDEEMED: 'COUPON_ALREADY_REDEEMED',
  COUPON_EXPIRED: 'COUPON_EXPIRED',
  COUPON_NOT_YET_VALID: 'COUPON_NOT_YET_VALID',
  /** A redemption code that is malformed, forged or older than its grace step. */
  COUPON_CODE_INVALID: 'COUPON_CODE_INVALID',
  /** The coupon does not apply to the order: details name why (threshold, scope). */
  COUPON_NOT_APPLICABLE: 'COUPON_NOT_APPLICABLE',
} as const;
export type CouponsErrorCode = (typeof CouponsErrorCode)[keyof typeof CouponsErrorCode];
