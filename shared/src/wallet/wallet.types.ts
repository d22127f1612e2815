import type { Fen } from '../money';
import type { PayOrderResponse } from '../orders/order.types';

/** `GET /wallet/plans?orderAmount=`: pay `pay`, receive `credit` (the difference is the bonus). */
export interface WalletPlan {
  id: number;
  pay: Fen;
  credit: Fen;
  /** On the smallest plan whose credit covers `orderAmount`. */
  suggested: boolean;
}

/** `PUT /admin/wallet/plans` body items. */
export interface WalletPlanInput {
  pay: Fen;
  credit: Fen;
}

export interface WalletBalance {
  balance: Fen;
  /** What was paid in (refundable), and the bonus on top. */
  principal: Fen;
  bonus: Fen;
}

/** `POST /me/wallet/top-ups`. */
export interface TopUpRequest {
  planId: number;
  /** The store the customer is browsing (the top-up order is booked to it); default: their home store. */
  storeId?: number;
}

/** The top-up is paid like an order: `POST /orders/:orderId/pay`. */
export interface TopUpStarted {
  topUpId: number;
  orderId: number;
  payment: PayOrderResponse;
}

export const WALLET_ENTRY_KINDS = ['top_up', 'payment', 'refund', 'cancel', 'top_up_refund'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

/** `GET /me/wallet/ledger` rows (append-only; the sum is the balance). */
export interface WalletLedgerEntry {
  id: number;
  /** Signed fen. */
  amount: Fen;
  balanceAfter: Fen;
  kind: WalletEntryKind;
  orderId: number | null;
  createdAt: string;
}

/** The stored-value part of a quote. */
export interface QuoteWallet {
  balance: Fen;
  /** The smallest plan covering what is left to pay when the balance does not. */
  suggestedPlan: WalletPlan | null;
}

export const TOP_UP_STATES = ['pending', 'credited', 'cancelled'] as const;
export type TopUpState = (typeof TOP_UP_STATES)[number];

/** The wallet section of the PIPL export (kept on erasure: money records). */
export interface WalletExport extends WalletBalance {
  ledger: WalletLedgerEntry[];
  topUps: {
    id: number;
    orderId: number;
    pay: Fen;
    credit: Fen;
    state: TopUpState;
    principalRefunded: Fen;
    createdAt: string;
  }[];
}
