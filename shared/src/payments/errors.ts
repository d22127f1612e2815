/** Codes of paying and refunding orders. */
export const PaymentsErrorCode = {
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  REFUND_AMOUNT_INVALID: 'REFUND_AMOUNT_INVALID',
} as const;
export type PaymentsErrorCode = (typeof PaymentsErrorCode)[keyof typeof PaymentsErrorCode];
