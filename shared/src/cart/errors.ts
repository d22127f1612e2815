/** Codes of the member's cart. */
export const CartErrorCode = {
  CART_ITEM_NOT_FOUND: 'CART_ITEM_NOT_FOUND',
} as const;
export type CartErrorCode = (typeof CartErrorCode)[keyof typeof CartErrorCode];
