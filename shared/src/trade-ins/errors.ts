/** Codes of trade-in estimates, photos, submission and inspection. */
export const TradeInsErrorCode = {
  /** Unknown, or another member's trade-in (never told apart). */
  TRADE_IN_NOT_FOUND: 'TRADE_IN_NOT_FOUND',
  /** Unknown, or another member's photo (never told apart). */
  TRADE_IN_PHOTO_NOT_FOUND: 'TRADE_IN_PHOTO_NOT_FOUND',
  /** Not a JPEG, PNG or WebP image by its bytes (whatever the client's content type says), or no file. */
  TRADE_IN_PHOTO_INVALID: 'TRADE_IN_PHOTO_INVALID',
  /** Larger than 5 MB. */
  TRADE_IN_PHOTO_TOO_LARGE: 'TRADE_IN_PHOTO_TOO_LARGE',
  /** The photo belongs to another trade-in already. */
  TRADE_IN_PHOTO_USED: 'TRADE_IN_PHOTO_USED',
  /** The inspected amount lies outside the estimate range stored at submission. */
  TRADE_IN_AMOUNT_OUT_OF_RANGE: 'TRADE_IN_AMOUNT_OUT_OF_RANGE',
  /** The trade-in is not in a state that allows this (e.g. inspecting a cancelled one). */
  TRADE_IN_NOT_CHANGEABLE: 'TRADE_IN_NOT_CHANGEABLE',
} as const;
export type TradeInsErrorCode = (typeof TradeInsErrorCode)[keyof typeof TradeInsErrorCode];
