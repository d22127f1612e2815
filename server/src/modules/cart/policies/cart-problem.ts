import type { CartItemProblem } from '@lensloop/shared';

/** Why a cart line cannot be ordered as it stands at the chosen store, or null. */
export function cartProblem(onSale: boolean, stock: number, quantity: number): CartItemProblem | null {
  if (!onSale) return 'OFF_SALE';
  if (stock <= 0) return 'OUT_OF_STOCK';
  return stock < quantity ? 'INSUFFICIENT_STOCK' : null;
}
