/** Codes of paying and refunding orders. */
export const PaymentsErrorCode = {
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  REFUND_AMOUNT_INVALID: 'REFUND_AMOUNT_INVALID',
  /** WeChat closed the order's transaction: it can no longer be paid. */
  PAYMENT_CLOSED: 'PAYMENT_CLOSED',
  /** WeChat Pay refused the request (its code is in `details`). */
  PAYMENT_REJECTED: 'PAYMENT_REJECTED',
  PAYMENT_RATE_LIMITED: 'PAYMENT_RATE_LIMITED',
} as const;
export type PaymentsErrorCode = (typeof PaymentsErrorCode)[keyof typeof PaymentsErrorCode];
