import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../infra/events/event-bus';
import { WalletService } from './wallet.service';

/** What the wallet does on order events: database work only, so `transactional` (exactly once). */
@Injectable()
export class WalletEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly wallet: WalletService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'wallet.credit-top-up',
      type: 'OrderPaid',
      mode: 'transactional',
      handle: async (event, manager) => {
        if (event.payload.kind !== 'top_up') return;
        await this.wallet.creditTopUp(manager as EntityManager, event.payload.orderId);
      },
    });
    this.events.subscribe({
      name: 'wallet.return-on-cancel',
      type: 'OrderCancelled',
      mode: 'transactional',
      handle: async (event, manager) => {
        const { orderId, memberId, kind } = event.payload;
        if (kind === 'top_up') await this.wallet.cancelTopUp(manager as EntityManager, orderId);
        else await this.wallet.returnForCancelledOrder(manager as EntityManager, memberId, orderId);
      },
    });
  }
}
