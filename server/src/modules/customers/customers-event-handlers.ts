import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDuplicateKey } from '../../common/transaction';
import type { OrderEventPayload } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { MembersService } from '../members/members.service';
import { CustomersService } from './customers.service';
import { SaleAttributionEntity } from './entities/sale-attribution.entity';

/** What the customers module does on other modules' events: database work only, so `transactional`. */
@Injectable()
export class CustomersEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly customers: CustomersService,
    private readonly members: MembersService,
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
      name: 'customers.attribute-sale',
      type: 'OrderPaid',
      mode: 'transactional',
      handle: (event, manager) =>
        this.attributeSale(manager as EntityManager, event.payload, event.createdAt),
    });
    this.events.subscribe({
      name: 'customers.owner-on-first-purchase',
      type: 'OrderCompleted',
      mode: 'transactional',
      handle: (event, manager) => this.ownerOnFirstPurchase(manager as EntityManager, event.payload),
    });
  }

  /**
   * Freezes who a paid order counts for: the member's owner when it was paid. A later transfer
   * moves the customer, never this row, so past sales stay attributed to whoever made them.
   */
  private async attributeSale(manager: EntityManager, order: OrderEventPayload, paidAt: Date): Promise<void> {
    if (order.kind !== 'goods') return;
    const member = await this.members.getMember(order.memberId, manager).catch(() => null);
    try {
      await manager.insert(SaleAttributionEntity, {
        orderId: order.orderId,
        memberId: order.memberId,
        staffId: member?.ownerStaffId ?? null,
        storeId: order.storeId,
        amount: order.payable + order.balancePaid,
        paidAt,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
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
