/** Codes of the stored-value wallet: plans, top-ups, paying and refunding from the balance. */
export const WalletErrorCode = {
  WALLET_PLAN_NOT_FOUND: 'WALLET_PLAN_NOT_FOUND',
  /** Admin plans: each `credit ≥ pay > 0`, integer fen, pays distinct. */
  WALLET_PLAN_INVALID: 'WALLET_PLAN_INVALID',
  /** `useBalance` with no balance, or the balance went down between the quote and the order. */
  WALLET_INSUFFICIENT: 'WALLET_INSUFFICIENT',
  /** A top-up refund beyond the principal of that top-up still unspent in the wallet. */
  WALLET_TOP_UP_SPENT: 'WALLET_TOP_UP_SPENT',
} as const;
export type WalletErrorCode = (typeof WalletErrorCode)[keyof typeof WalletErrorCode];
