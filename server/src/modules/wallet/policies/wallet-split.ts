import type { Fen } from '@lensloop/shared';

export interface Buckets {
  principal: Fen;
  bonus: Fen;
}

/**
 * Spending takes the principal first, then the bonus. A refunded top-up returns only its
 * principal still in the wallet and takes its bonus with it, so spending principal first means
 * the bonus is only ever worth something when spent, never turned into cash.
 * Null when the buckets do not hold `amount`.
 */
export function spendSplit(account: Buckets, amount: Fen): Buckets | null {
  if (amount <= 0 || account.principal + account.bonus < amount) return null;
  const principal = Math.min(account.principal, amount);
  return { principal, bonus: amount - principal };
}

/**
 * Gives back `amount` of what an order took (`taken`, net of earlier returns): the bonus first,
 * then the principal — the exact reverse of `spendSplit`, so a full return restores both buckets.
 */
export function returnSplit(taken: Buckets, amount: Fen): Buckets {
  const bonus = Math.min(taken.bonus, amount);
  return { principal: Math.min(taken.principal, amount - bonus), bonus };
}

/** The top-up's principal a refund may still return: what it paid in, less refunds, as far as the wallet holds it. */
export function topUpRefundable(topUp: { pay: Fen; principalRefunded: Fen }, accountPrincipal: Fen): Fen {
  return Math.max(0, Math.min(topUp.pay - topUp.principalRefunded, accountPrincipal));
}

/**
 * The bonus removed by refunding `amount` more of a top-up's principal: its share of the
 * top-up's bonus (rounded so the whole bonus goes with the whole principal), as far as the
 * wallet still holds bonus.
 */
export function bonusToRemove(
  topUp: { pay: Fen; credit: Fen; principalRefunded: Fen; bonusRemoved: Fen },
  amount: Fen,
  accountBonus: Fen,
): Fen {
  const bonus = topUp.credit - topUp.pay;
  const due = Math.round((bonus * (topUp.principalRefunded + amount)) / topUp.pay) - topUp.bonusRemoved;
  return Math.max(0, Math.min(due, accountBonus));
}

/** Admin plans: each integer fen, `credit ≥ pay > 0`; returns why not, per index. */
export function planProblems(
  plans: readonly { pay: Fen; credit: Fen }[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  plans.forEach((plan, index) => {
    if (!Number.isInteger(plan.pay) || plan.pay <= 0)
      problems.push({ field: `${index}.pay`, message: 'pay must be a positive whole number of fen' });
    if (!Number.isInteger(plan.credit) || plan.credit < plan.pay)
      problems.push({ field: `${index}.credit`, message: 'credit must be whole fen, at least pay' });
  });
  const pays = plans.map((plan) => plan.pay);
  if (new Set(pays).size !== pays.length)
    problems.push({ field: 'plans', message: 'two plans have the same pay' });
  return problems;
}
