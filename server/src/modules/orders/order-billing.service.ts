import { Injectable } from '@nestjs/common';
import { ErrorCode, REFUNDABLE_STATUSES, type Order, type OrderStatus } from '@lensloop/shared';
import { DataSource, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../common/transaction';
import { OrderEntity } from './entities/order.entity';
import { OrderLifecycle, SYSTEM } from './order-lifecycle';
import { orderNotFound, OrdersService } from './orders.service';

/** What the payments module sees of an order: a copy, never the entity. */
export interface BillableOrder {
  id: number;
  no: string;
  memberId: number;
  storeId: number;
  status: OrderStatus;
  payable: number;
  refunded: number;
  expiresAt: Date;
  payRequestedAt: Date | null;
}

function billable(order: OrderEntity): BillableOrder {
  const { id, no, memberId, storeId, status, payable, refunded, expiresAt, payRequestedAt } = order;
  return { id, no, memberId, storeId, status, payable, refunded, expiresAt, payRequestedAt };
}

/**
 * The orders module's contract with payments: reading an order for payment and the money
 * columns (paid, refunded) it owns. Payments never touches the orders tables itself.
 */
@Injectable()
export class OrderBillingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly lifecycle: OrderLifecycle,
    private readonly clock: BusinessClock,
    private readonly tx: TransactionRunner,
  ) {}

  async findOwned(memberId: number, orderId: number): Promise<BillableOrder> {
    return billable(await this.orders.findOwned(memberId, orderId));
  }

  async findForStaff(staff: Principal, orderId: number): Promise<BillableOrder> {
    return billable(await this.orders.findForStaff(staff, orderId));
  }

  async findById(orderId: number, manager: EntityManager = this.dataSource.manager): Promise<BillableOrder> {
    return billable(await this.findEntity(orderId, manager));
  }

  async findByNo(no: string): Promise<BillableOrder | null> {
    const order = await this.dataSource.manager.findOneBy(OrderEntity, { no });
    return order && billable(order);
  }

  /** Orders still unpaid whose WeChat prepay was made before `before`: reconciliation asks WeChat. */
  async awaitingPayment(before: Date, limit: number): Promise<BillableOrder[]> {
    const orders = await this.dataSource.manager.find(OrderEntity, {
      where: { status: 'pending_payment', payRequestedAt: LessThanOrEqual(before) },
      order: { id: 'ASC' },
      take: limit,
    });
    return orders.map(billable);
  }

  /** Whether the customer can pay now: waiting for payment and inside the payment window. */
  isPayable(order: BillableOrder): boolean {
    return order.status === 'pending_payment' && order.expiresAt.getTime() > this.clock.nowMs();
  }

  async markPayRequested(orderId: number): Promise<void> {
    await this.dataSource.manager.update(
      OrderEntity,
      { id: orderId, payRequestedAt: IsNull() },
      { payRequestedAt: this.clock.now() },
    );
  }

  /** An order with nothing to pay goes straight to paid. */
  async confirmWithoutPayment(memberId: number, orderId: number): Promise<void> {
    const order = await this.orders.findOwned(memberId, orderId);
    // Paid now: the tier's rolling spend counts orders by when they were paid.
    const paid = await this.tx.run((manager) =>
      this.lifecycle.tryTransition(manager, order, 'paid', SYSTEM, {
        note: 'nothing to pay',
        changes: { paidAt: this.clock.now() },
      }),
    );
    if (!paid) {
      throw new DomainError(
        ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
        'The order changed while it was being confirmed; reload it.',
      );
    }
  }

  /** Moves the order to paid inside the payment's transaction; false when it was no longer waiting. */
  async markPaid(manager: EntityManager, orderId: number, paidAt: Date): Promise<boolean> {
    const current = await manager.findOneByOrFail(OrderEntity, { id: orderId });
    return (
      current.status === 'pending_payment' &&
      this.lifecycle.tryTransition(manager, current, 'paid', SYSTEM, { changes: { paidAt } })
    );
  }

  /** Reserves a refund on the order, never above what was paid; false when it would be. */
  async reserveRefund(manager: EntityManager, orderId: number, amount: number): Promise<boolean> {
    const reserved = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ refunded: () => 'refunded + :amount' })
      .where('id = :id AND refunded + :amount <= payable AND :amount > 0', { id: orderId, amount })
      .execute();
    return reserved.affected === 1;
  }

  /** A refund WeChat ended without paying: the money can be refunded again. */
  async releaseRefund(manager: EntityManager, orderId: number, amount: number): Promise<void> {
    await manager.decrement(OrderEntity, { id: orderId }, 'refunded', amount);
  }

  /** Once everything paid is refunded (and no refund is still open), the order ends refunded. */
  async markRefundedWhenSettled(manager: EntityManager, orderId: number, openRefunds: number): Promise<void> {
    const order = await manager.findOneByOrFail(OrderEntity, { id: orderId });
    if (order.refunded >= order.payable && openRefunds === 0 && REFUNDABLE_STATUSES.includes(order.status)) {
      await this.lifecycle.tryTransition(manager, order, 'refunded', SYSTEM);
    }
  }

  async toOrder(orderId: number): Promise<Order> {
    return this.orders.toOrder(await this.findEntity(orderId));
  }

  private async findEntity(orderId: number, manager = this.dataSource.manager): Promise<OrderEntity> {
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    if (!order) throw orderNotFound(orderId);
    return order;
  }
}
