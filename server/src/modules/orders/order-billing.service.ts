import { Injectable } from '@nestjs/common';
import { REFUNDABLE_STATUSES, type Order, type OrderKind, type OrderStatus } from '@lensloop/shared';
import { DataSource, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import { OrderEntity } from './entities/order.entity';
import { OrderLifecycle, SYSTEM } from './order-lifecycle';
import { orderNotFound, OrdersService } from './orders.service';
import { WalletPort } from './wallet-port';

/** What the payments module sees of an order: a copy, never the entity. */
export interface BillableOrder {
  id: number;
  no: string;
  memberId: number;
  storeId: number;
  kind: OrderKind;
  status: OrderStatus;
  /** The WeChat Pay part, and what of it was refunded. */
  payable: number;
  refunded: number;
  /** The wallet part, and what of it went back to the wallet. */
  balancePaid: number;
  balanceRefunded: number;
  expiresAt: Date;
  payRequestedAt: Date | null;
}

function billable(order: OrderEntity): BillableOrder {
  const { id, no, memberId, storeId, kind, status, payable, refunded, expiresAt, payRequestedAt } = order;
  const { balancePaid, balanceRefunded } = order;
  return {
    id,
    no,
    memberId,
    storeId,
    kind,
    status,
    payable,
    refunded,
    balancePaid,
    balanceRefunded,
    expiresAt,
    payRequestedAt,
  };
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
    private readonly wallet: WalletPort,
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
    await this.tx.run((manager) =>
      this.lifecycle.transition(manager, order, 'paid', SYSTEM, 'nothing to pay'),
    );
  }

  /**
   * Moves the order to paid inside the payment's transaction; false when it was no longer waiting.
   * A top-up order goes on to completed at once: the wallet credits it on `OrderPaid`.
   */
  async markPaid(manager: EntityManager, orderId: number, paidAt: Date): Promise<boolean> {
    const current = await manager.findOneByOrFail(OrderEntity, { id: orderId });
    if (current.status !== 'pending_payment') return false;
    if (!(await this.lifecycle.tryTransition(manager, current, 'paid', SYSTEM, { changes: { paidAt } })))
      return false;
    if (current.kind === 'top_up') {
      await this.lifecycle.tryTransition(manager, current, 'completed', SYSTEM, { note: 'top-up credited' });
    }
    return true;
  }

  /**
   * Returns `amount` of the order's wallet payment to the wallet, in the refund's transaction:
   * reserved on the order first (never above `balancePaid`); false when it would be.
   */
  async refundToWallet(manager: EntityManager, order: BillableOrder, amount: number): Promise<boolean> {
    const reserved = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ balanceRefunded: () => 'balance_refunded + :amount' })
      .where('id = :id AND balance_refunded + :amount <= balance_paid AND :amount > 0', {
        id: order.id,
        amount,
      })
      .execute();
    if (reserved.affected !== 1) return false;
    await this.wallet.refund(manager, order.memberId, order.id, amount);
    return true;
  }

  /** What a refund of a top-up order may return: its principal still unspent in the wallet. */
  topUpRefundable(orderId: number): Promise<number> {
    return this.wallet.topUpRefundable(orderId);
  }

  /** Takes a top-up's unspent principal (and its bonus share) out of the wallet before refunding it. */
  withdrawTopUp(manager: EntityManager, orderId: number, amount: number): Promise<void> {
    return this.wallet.withdrawTopUp(manager, orderId, amount);
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

  /**
   * Once everything paid is refunded — the WeChat part (no refund still open) and the wallet
   * part — the order ends refunded.
   */
  async markRefundedWhenSettled(manager: EntityManager, orderId: number, openRefunds: number): Promise<void> {
    const order = await manager.findOneByOrFail(OrderEntity, { id: orderId });
    if (
      order.refunded >= order.payable &&
      order.balanceRefunded >= order.balancePaid &&
      openRefunds === 0 &&
      REFUNDABLE_STATUSES.includes(order.status)
    ) {
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
