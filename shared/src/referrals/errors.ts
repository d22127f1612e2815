/** Codes of referral codes, scans and the referral rule. */
export const ReferralsErrorCode = {
  /** No member has this referral code (a scan of a code that does not exist). */
  REFERRAL_CODE_NOT_FOUND: 'REFERRAL_CODE_NOT_FOUND',
  /** The rule's reward coupon template is not a `reward` channel template. */
  REFERRAL_REWARD_TEMPLATE_INVALID: 'REFERRAL_REWARD_TEMPLATE_INVALID',
  /** The mini-program code image of a referral code is not available. */
  REFERRAL_QR_NOT_FOUND: 'REFERRAL_QR_NOT_FOUND',
} as const;
export type ReferralsErrorCode = (typeof ReferralsErrorCode)[keyof typeof ReferralsErrorCode];
