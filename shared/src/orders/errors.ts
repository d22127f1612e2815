/** Codes of placing and moving orders (lens options, fit, idempotent submission). */
export const OrdersErrorCode = {
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  ORDER_TRANSITION_NOT_ALLOWED: 'ORDER_TRANSITION_NOT_ALLOWED',
  LENS_CONFIGURATION_INVALID: 'LENS_CONFIGURATION_INVALID',
  LENS_DOES_NOT_FIT: 'LENS_DOES_NOT_FIT',
  /** Glasses are never made from an expired prescription. */
  PRESCRIPTION_EXPIRED: 'PRESCRIPTION_EXPIRED',
  /** A contact-lens prescription is measured at the cornea: glasses made from it under-correct. */
  CONTACT_LENS_PRESCRIPTION_FOR_GLASSES: 'CONTACT_LENS_PRESCRIPTION_FOR_GLASSES',
  NEAR_PRESCRIPTION_FOR_DISTANCE_LENS: 'NEAR_PRESCRIPTION_FOR_DISTANCE_LENS',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  /** Held by another module (a group-buy seat whose group is not complete yet): not to be fulfilled. */
  ORDER_ON_HOLD: 'ORDER_ON_HOLD',
} as const;
export type OrdersErrorCode = (typeof OrdersErrorCode)[keyof typeof OrdersErrorCode];
