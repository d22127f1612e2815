import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderEventPayload } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { CustomersService } from './customers.service';

/** What the customers module does on other modules' events: database work only, so `transactional`. */
@Injectable()
export class CustomersEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly customers: CustomersService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'customers.add-from-first-login',
      type: 'MemberRegistered',
      mode: 'transactional',
      handle: (event, manager) =>
        this.customers.addFromFirstLogin(
          manager as EntityManager,
          event.payload.memberId,
          event.payload.scene,
        ),
    });
    this.events.subscribe({
      name: 'customers.owner-on-first-purchase',
      type: 'OrderCompleted',
      mode: 'transactional',
      handle: (event, manager) => this.ownerOnFirstPurchase(manager as EntityManager, event.payload),
    });
  }

  /** A customer without an owner who completes an in-store purchase belongs to the staff member who served them. */
  private async ownerOnFirstPurchase(manager: EntityManager, order: OrderEventPayload): Promise<void> {
    if (order.kind !== 'goods' || !order.staffId) return;
    await this.customers.addCustomer(manager, {
      memberId: order.memberId,
      channel: 'store_purchase',
      staffId: order.staffId,
      storeId: order.storeId,
      welcome: false,
      ownerReason: 'first_purchase',
    });
  }
}
