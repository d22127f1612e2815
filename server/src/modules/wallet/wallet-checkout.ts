import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Fen, WalletPlan } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { WalletPort, type WalletAccess } from '../orders/wallet-port';
import { WalletService } from './wallet.service';

/** The wallet at checkout and in refunds: implements the orders module's `WalletAccess` and registers with its port. */
@Injectable()
export class WalletCheckout implements WalletAccess, OnModuleInit {
  constructor(
    private readonly port: WalletPort,
    private readonly wallet: WalletService,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async balanceOf(memberId: number): Promise<Fen> {
    return (await this.wallet.balanceOf(memberId)).balance;
  }

  planCovering(amount: Fen): Promise<WalletPlan | null> {
    return this.wallet.planCovering(amount);
  }

  debit(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void> {
    return this.wallet.debitForOrder(manager, memberId, orderId, amount);
  }

  refund(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void> {
    return this.wallet.refundToWallet(manager, memberId, orderId, amount);
  }

  topUpRefundable(orderId: number): Promise<Fen> {
    return this.wallet.refundableOfTopUp(orderId);
  }

  withdrawTopUp(manager: EntityManager, orderId: number, amount: Fen): Promise<void> {
    return this.wallet.withdrawTopUp(manager, orderId, amount);
  }
}
