import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../infra/events/event-bus';
import { OrderHoldPort } from '../orders/order-hold-port';
import { GroupBuysService } from './group-buys.service';

/**
 * What group-buy does on orders' events — database work only, so `transactional` (exactly once) —
 * and the hold it puts on seats' orders until their group completes.
 */
@Injectable()
export class GroupBuyEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly holds: OrderHoldPort,
    private readonly groupBuys: GroupBuysService,
  ) {}

  onModuleInit(): void {
    this.holds.register({ holdOf: (manager, orderId) => this.groupBuys.holdOf(manager, orderId) });
    this.events.subscribe({
      name: 'group-buys.seat-paid',
      type: 'OrderPaid',
      mode: 'transactional',
      handle: (event, manager) => this.groupBuys.onOrderPaid(manager as EntityManager, event.payload.orderId),
    });
    this.events.subscribe({
      name: 'group-buys.seat-released',
      type: 'OrderCancelled',
      mode: 'transactional',
      handle: (event, manager) =>
        this.groupBuys.onOrderCancelled(manager as EntityManager, event.payload.orderId),
    });
    this.events.subscribe({
      name: 'group-buys.seat-refunded',
      type: 'OrderRefunded',
      mode: 'transactional',
      handle: (event, manager) =>
        this.groupBuys.onOrderRefunded(manager as EntityManager, event.payload.orderId),
    });
  }
}
