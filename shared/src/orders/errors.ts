/** Codes of placing and moving orders (lens options, fit, idempotent submission). */
export const OrdersErrorCode = {
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  ORDER_TRANSITION_NOT_ALLOWED: 'ORDER_TRANSITION_NOT_ALLOWED',
  LENS_CONFIGURATION_INVALID: 'LENS_CONFIGURATION_INVALID',
  LENS_DOES_NOT_FIT: 'LENS_DOES_NOT_FIT',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
} as const;
export type OrdersErrorCode = (typeof OrdersErrorCode)[keyof typeof OrdersErrorCode];
