import type { Fen, Quote } from '@lensloop/shared';

export interface PricedLineInput {
  unitPrice: Fen;
  /** Price of the lens pair fitted into a frame, 0 without lenses. */
  lensPrice: Fen;
  optionPrices: readonly Fen[];
  quantity: number;
}

export function lineTotal(line: PricedLineInput): Fen {
  const optionTotal = line.optionPrices.reduce((sum, price) => sum + price, 0);
  return (line.unitPrice + line.lensPrice + optionTotal) * line.quantity;
}

export interface Reductions {
  discount: Fen;
  pointsDiscount: Fen;
  balancePaid: Fen;
}

export const NO_REDUCTIONS: Reductions = { discount: 0, pointsDiscount: 0, balancePaid: 0 };

/**
 * Order totals: the subtotal of the lines, then coupon discount, points and stored value, each
 * capped at what is still left to pay so the payable never goes below zero.
 */
export function quoteTotals(
  lineTotals: readonly Fen[],
  reductions: Reductions = NO_REDUCTIONS,
): Omit<Quote, 'items' | 'coupons' | 'wallet'> {
  const subtotal = lineTotals.reduce((sum, total) => sum + total, 0);
  let remaining = subtotal;
  const take = (amount: Fen): Fen => {
    const taken = Math.min(Math.max(amount, 0), remaining);
    remaining -= taken;
    return taken;
  };
  const discount = take(reductions.discount);
  const pointsDiscount = take(reductions.pointsDiscount);
  const balancePaid = take(reductions.balancePaid);
  return { subtotal, discount, pointsDiscount, balancePaid, payable: remaining };
}
