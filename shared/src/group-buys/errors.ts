/** Codes of group-buy campaigns, groups, seats and service vouchers. */
export const GroupBuysErrorCode = {
  GROUP_BUY_CAMPAIGN_NOT_FOUND: 'GROUP_BUY_CAMPAIGN_NOT_FOUND',
  /** The campaign's window is not valid (ends before it starts, or an end in the past). */
  GROUP_BUY_CAMPAIGN_INVALID: 'GROUP_BUY_CAMPAIGN_INVALID',
  /** The campaign has not started, has ended or was ended early: no group may be opened or joined. */
  GROUP_BUY_CAMPAIGN_ENDED: 'GROUP_BUY_CAMPAIGN_ENDED',
  /** Every group the campaign allows (`maxGroups`) has been opened. */
  GROUP_BUY_SOLD_OUT: 'GROUP_BUY_SOLD_OUT',
  /** The member already holds as many seats of the campaign as one member may. */
  GROUP_BUY_LIMIT_REACHED: 'GROUP_BUY_LIMIT_REACHED',
  /** A new-members-only deal and the member has bought before. */
  GROUP_BUY_NEW_MEMBERS_ONLY: 'GROUP_BUY_NEW_MEMBERS_ONLY',
  GROUP_NOT_FOUND: 'GROUP_NOT_FOUND',
  /** Every seat of the group is taken. */
  GROUP_FULL: 'GROUP_FULL',
  /** The group's deadline has passed (or it failed). */
  GROUP_EXPIRED: 'GROUP_EXPIRED',
  /** The group completed already. */
  GROUP_COMPLETE: 'GROUP_COMPLETE',
  /** The member opened this group: a leader cannot join their own group. */
  GROUP_OWN: 'GROUP_OWN',
  /** The member already holds a seat in this group. */
  GROUP_ALREADY_JOINED: 'GROUP_ALREADY_JOINED',
  VOUCHER_NOT_FOUND: 'VOUCHER_NOT_FOUND',
  /** A service voucher is redeemed once. */
  VOUCHER_ALREADY_REDEEMED: 'VOUCHER_ALREADY_REDEEMED',
  /** Past its valid-to date. */
  VOUCHER_EXPIRED: 'VOUCHER_EXPIRED',
} as const;
export type GroupBuysErrorCode = (typeof GroupBuysErrorCode)[keyof typeof GroupBuysErrorCode];
