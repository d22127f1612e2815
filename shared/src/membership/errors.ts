/** Codes of tiers and points. */
export const MembershipErrorCode = {
  /** More points than the member holds (also when a concurrent order spent them first). */
  POINTS_INSUFFICIENT: 'POINTS_INSUFFICIENT',
  /** More points than this order may take: the per-order cap of the points rule or what is left to pay. */
  POINTS_OVER_LIMIT: 'POINTS_OVER_LIMIT',
} as const;
export type MembershipErrorCode = (typeof MembershipErrorCode)[keyof typeof MembershipErrorCode];
