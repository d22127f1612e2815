import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../infra/events/event-bus';
import { ReferralsService } from './referrals.service';

/** What referrals do on other modules' events: database work only, so `transactional` (exactly once). */
@Injectable()
export class ReferralEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly referrals: ReferralsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'referrals.attribute',
      type: 'MemberRegistered',
      mode: 'transactional',
      handle: (event, manager) => this.referrals.attribute(manager as EntityManager, event.payload),
    });
    this.events.subscribe({
      name: 'referrals.first-order-completed',
      type: 'OrderCompleted',
      mode: 'transactional',
      handle: (event, manager) => this.referrals.onOrderCompleted(manager as EntityManager, event.payload),
    });
    this.events.subscribe({
      name: 'referrals.cancel-on-refunded',
      type: 'OrderRefunded',
      mode: 'transactional',
      handle: (event, manager) => this.referrals.onRefund(manager as EntityManager, event.payload.orderId),
    });
    this.events.subscribe({
      name: 'referrals.cancel-on-refund-created',
      type: 'RefundCreated',
      mode: 'transactional',
      handle: (event, manager) => this.referrals.onRefund(manager as EntityManager, event.payload.orderId),
    });
  }
}
