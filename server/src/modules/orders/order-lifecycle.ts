import { Injectable } from '@nestjs/common';
import { canTransition, ErrorCode, type OrderActor, type OrderStatus } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import type { DomainEventType } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { OrderEventEntity } from './entities/order-event.entity';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderEntity } from './entities/order.entity';
import { CatalogService } from '../catalog/catalog.service';

export interface Actor {
  kind: OrderActor;
  id: number | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

/** The statuses other modules react to, and the event each publishes. */
const EVENT_ON_ENTERING: Partial<Record<OrderStatus, DomainEventType>> = {
  paid: 'OrderPaid',
  ready_for_pickup: 'OrderReadyForPickup',
  completed: 'OrderCompleted',
  cancelled: 'OrderCancelled',
  refunded: 'OrderRefunded',
};

/**
 * Moves orders along the life cycle: the policy decides whether a step is allowed, the update
 * is conditional on the status it was read in (a concurrent step makes it fail rather than
 * both succeed), and every step is written to the timeline. Cancelling releases the stock.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly catalog: CatalogService,
    private readonly events: EventBus,
  ) {}

  /** Returns false when the order had already left `order.status` (someone else moved it). */
  async tryTransition(
    manager: EntityManager,
    order: OrderEntity,
    to: OrderStatus,
    actor: Actor,
    options: { note?: string; changes?: Partial<Pick<OrderEntity, 'paidAt'>> } = {},
  ): Promise<boolean> {
    if (!canTransition(order.status, to, actor.kind, order.fulfilment)) {
      throw new DomainError(
        ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
        `An order cannot go from ${order.status} to ${to}.`,
        [{ field: 'to', message: `${order.status} → ${to} is not allowed for ${actor.kind}` }],
      );
    }
    const result = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ status: to, ...options.changes })
      .where('id = :id AND status = :from', { id: order.id, from: order.status })
      .execute();
    if (result.affected !== 1) return false;
    await manager.insert(OrderEventEntity, {
      orderId: order.id,
      fromStatus: order.status,
      toStatus: to,
      actor: actor.kind,
      actorId: actor.id,
      note: options.note ?? null,
    });
    if (to === 'cancelled') {
      const items = await manager.find(OrderItemEntity, { where: { orderId: order.id } });
      await this.catalog.releaseStock(manager, order.storeId, items);
    }
    order.status = to;
    await this.publishEntered(manager, order, actor.kind === 'staff' ? actor.id : null);
    return true;
  }

  /** As `tryTransition`, but a concurrent change is a 409 for the caller. */
  async transition(
    manager: EntityManager,
    order: OrderEntity,
    to: OrderStatus,
    actor: Actor,
    note?: string,
  ): Promise<void> {
    const from = order.status;
    if (!(await this.tryTransition(manager, order, to, actor, { note }))) {
      throw new DomainError(
        ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
        `The order changed while it was being moved from ${from} to ${to}; reload it.`,
      );
    }
  }

  private async publishEntered(
    manager: EntityManager,
    order: OrderEntity,
    staffId: number | null,
  ): Promise<void> {
    const type = EVENT_ON_ENTERING[order.status];
    if (!type) return;
    const base = {
      orderId: order.id,
      orderNo: order.no,
      memberId: order.memberId,
      storeId: order.storeId,
      kind: order.kind,
      payable: order.payable,
      balancePaid: order.balancePaid,
      ...(staffId === null ? {} : { staffId }),
    };
    if (type === 'OrderRefunded') {
      await this.events.publish(manager, type, order.id, {
        ...base,
        refunded: order.refunded + order.balanceRefunded,
        balanceRefunded: order.balanceRefunded,
      });
    } else {
      await this.events.publish(manager, type, order.id, base);
    }
  }
}
