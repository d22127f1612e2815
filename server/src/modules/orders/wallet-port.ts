import { Injectable } from '@nestjs/common';
import type { Fen, WalletPlan } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';

/**
 * What orders (and payments, through `OrderBillingService`) need of the stored-value wallet.
 * Orders define it; the wallet module implements it and registers with the port below, so
 * orders never import the wallet (the wallet imports orders to create top-up orders).
 */
export interface WalletAccess {
  /** The member's balance now (0 without an account). */
  balanceOf(memberId: number): Promise<Fen>;
  /** The smallest active plan whose credit covers `amount`, or null (none does, or amount ≤ 0). */
  planCovering(amount: Fen): Promise<WalletPlan | null>;
  /**
   * Pays `amount` of the order from the wallet inside the order's transaction: a conditional
   * update that never takes the balance below zero; throws `WALLET_INSUFFICIENT` otherwise.
   */
  debit(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void>;
  /** Returns `amount` of the order's wallet payment to the wallet (a refund), in the refund's transaction. */
  refund(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void>;
  /** What a refund of this top-up order may return: its principal still unspent in the wallet. */
  topUpRefundable(orderId: number): Promise<Fen>;
  /**
   * Takes `amount` of the top-up's principal (and the matching share of its bonus) out of the
   * wallet before the WeChat refund; throws `WALLET_TOP_UP_SPENT` when that much is not left.
   */
  withdrawTopUp(manager: EntityManager, orderId: number, amount: Fen): Promise<void>;
}

/** The orders module's port for the wallet (same shape as `CouponPort`). */
@Injectable()
export class WalletPort implements WalletAccess {
  private access: WalletAccess | null = null;

  register(access: WalletAccess): void {
    if (this.access) throw new Error('a wallet is registered twice');
    this.access = access;
  }

  balanceOf(memberId: number): Promise<Fen> {
    return this.registered().balanceOf(memberId);
  }

  planCovering(amount: Fen): Promise<WalletPlan | null> {
    return this.registered().planCovering(amount);
  }

  debit(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void> {
    return this.registered().debit(manager, memberId, orderId, amount);
  }

  refund(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void> {
    return this.registered().refund(manager, memberId, orderId, amount);
  }

  topUpRefundable(orderId: number): Promise<Fen> {
    return this.registered().topUpRefundable(orderId);
  }

  withdrawTopUp(manager: EntityManager, orderId: number, amount: Fen): Promise<void> {
    return this.registered().withdrawTopUp(manager, orderId, amount);
  }

  private registered(): WalletAccess {
    if (!this.access) throw new Error('no wallet is registered');
    return this.access;
  }
}
