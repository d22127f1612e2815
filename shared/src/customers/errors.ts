/** Codes of owner staff, transfers, add-me codes, arrivals, the welcome flow and WeCom. */
export const CustomersErrorCode = {
  /** A transfer names a staff member who does not exist here, is disabled, or is outside the manager's store. */
  TRANSFER_STAFF_INVALID: 'TRANSFER_STAFF_INVALID',
  /** A transfer from a staff member to themselves. */
  TRANSFER_SAME_STAFF: 'TRANSFER_SAME_STAFF',
  /** A scanned scene that is malformed or names a store or staff member that does not exist. */
  SCENE_INVALID: 'SCENE_INVALID',
  /** A welcome rule naming a coupon template that is not a welcome-channel template. */
  WELCOME_TEMPLATE_INVALID: 'WELCOME_TEMPLATE_INVALID',
  /** The chain has no WeCom configured (every feature still works from the mini-program). */
  WECOM_NOT_CONFIGURED: 'WECOM_NOT_CONFIGURED',
  /** A WeCom callback whose msg_signature does not match (WeCom's -40001). */
  WECOM_SIGNATURE_INVALID: 'WECOM_SIGNATURE_INVALID',
  /** A WeCom callback older than five minutes or with a nonce already seen. */
  WECOM_CALLBACK_REPLAYED: 'WECOM_CALLBACK_REPLAYED',
  /** A WeCom callback that cannot be parsed or decrypted, or is for another corp. */
  WECOM_CALLBACK_MALFORMED: 'WECOM_CALLBACK_MALFORMED',
} as const;
export type CustomersErrorCode = (typeof CustomersErrorCode)[keyof typeof CustomersErrorCode];
