import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  lensFitProblems,
  recommendedIndexFor,
  shanghaiDayRange,
  type ErrorDetail,
  type Fen,
  type Fulfilment,
  type Order,
  type OrderStatus,
  type OrderSummary,
  type Page,
  type PrescriptionOrderItem,
  type Quote,
} from '@lensloop/shared';
import { Between, In, Repository, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { CatalogService } from '../catalog/catalog.service';
import { pageWindow, toPage } from '../../common/pagination';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { StoresService } from '../stores/stores.service';
import type { OrderQueryDto, StaffOrderQueryDto } from './dto/order-query.dto';
import type { OrderRequestDto } from './dto/order-request.dto';
import { OrderEventEntity } from './entities/order-event.entity';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderEntity } from './entities/order.entity';
import { IdempotencyService, KeyTaken, requestHash, requestInProgress } from './idempotency.service';
import { OrderLifecycle, SYSTEM, type Actor } from './order-lifecycle';
import { OrderPricingService, type ResolvedItem } from './order-pricing.service';
import { CouponPort } from './coupon-port';
import { OrderHoldPort } from './order-hold-port';
import { MembershipPort } from './membership-port';
import { quoteTotals } from './policies/order-pricing';
import { PrescriptionReferencePort } from './prescription-reference';
import { WalletPort } from './wallet-port';

/**
 * `LL` + UTC yymmddHHMMss + 18 random digits (32 characters, WeChat's longest out_trade_no): sortable
 * and, without any coordination between replicas, unique — six random digits collided at a few
 * hundred orders a second (a 500 on the unique index); with 10^18 per second they never meet.
 */
export function orderNumber(now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(2, 14);
  const random = randomBytes(8).readBigUInt64BE() % 1_000_000_000_000_000_000n;
  return `LL${stamp}${random.toString().padStart(18, '0')}`;
}

/** What an order and its summary share. */
function headerOf(
  order: OrderEntity,
): Pick<OrderSummary, 'id' | 'no' | 'kind' | 'status' | 'storeId' | 'fulfilment' | 'payable'> {
  const { id, no, kind, status, storeId, fulfilment, payable } = order;
  return { id, no, kind, status, storeId, fulfilment, payable };
}

/** One SKU at a price another module set (a group-buy seat): no coupon, points or stored value. */
export interface FixedPriceOrderRequest {
  storeId: number;
  fulfilment: Fulfilment;
  skuId: number;
  unitPrice: Fen;
  /** Minutes the customer has to pay before the order is cancelled (the usual window by default). */
  paymentWindowMinutes?: number;
  /** Shown on the order, e.g. "拼团 · 2人团". */
  description: string;
}

/** A completed goods order as set-based readers need it (the reminders' backfill). */
export interface CompletedPurchase {
  orderId: number;
  memberId: number;
  fulfilment: Fulfilment;
  /** When the order was completed (picked up or received). */
  completedAt: Date;
  items: { skuId: number; quantity: number }[];
}

type OrderLine = Pick<
  OrderItemEntity,
  | 'skuId'
  | 'productId'
  | 'name'
  | 'attributes'
  | 'imageUrl'
  | 'quantity'
  | 'unitPrice'
  | 'lens'
  | 'prescriptionId'
  | 'lineTotal'
>;
type OrderStep = Pick<
  OrderEventEntity,
  'fromStatus' | 'toStatus' | 'actor' | 'actorId' | 'note' | 'createdAt'
>;

/** The order as the API shows it, from its row, its lines and its timeline (oldest first). */
function orderOf(order: OrderEntity, items: OrderLine[], events: OrderStep[]): Order {
  return {
    ...headerOf(order),
    description: order.description,
    address: order.address,
    items: items.map((item) => ({
      skuId: item.skuId,
      productId: item.productId,
      name: item.name,
      attributes: item.attributes,
      imageUrl: item.imageUrl,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      lens: item.lens,
      prescriptionId: item.prescriptionId,
      lineTotal: item.lineTotal,
    })),
    subtotal: order.subtotal,
    memberDiscount: order.memberDiscount,
    discount: order.discount,
    pointsDiscount: order.pointsDiscount,
    balancePaid: order.balancePaid,
    refunded: order.refunded + order.balanceRefunded,
    balanceRefunded: order.balanceRefunded,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    timeline: events.map((event) => ({
      from: event.fromStatus,
      to: event.toStatus,
      actor: event.actor,
      actorId: event.actorId,
      note: event.note,
      at: event.createdAt.toISOString(),
    })),
  };
}

/** What an order takes from its pricing: the lines, the totals and the points it spends. */
type OrderPricing = Pick<
  Quote,
  'items' | 'subtotal' | 'memberDiscount' | 'discount' | 'pointsDiscount' | 'balancePaid' | 'payable'
> & { pointsUsed: number };

/** A stored-value top-up as an order: one line, no items or stock; paid like any order. */
export interface TopUpOrderRequest {
  storeId: number;
  /** The line shown for it, e.g. "储值充值 ¥1,000". */
  description: string;
  amount: Fen;
}

export function walletInsufficient(balance: Fen): DomainError {
  return new DomainError(ErrorCode.WALLET_INSUFFICIENT, 'The stored-value balance is not enough.', [
    { field: 'useBalance', message: `the balance is ${balance} fen` },
  ]);
}

export function orderNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.ORDER_NOT_FOUND, `Order ${id} does not exist.`);
}

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(OrderItemEntity) private readonly items: Repository<OrderItemEntity>,
    @InjectRepository(OrderEventEntity) private readonly events: Repository<OrderEventEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stores: StoresService,
    private readonly prescriptions: PrescriptionReferencePort,
    private readonly coupons: CouponPort,
    private readonly wallet: WalletPort,
    private readonly membership: MembershipPort,
    private readonly pricing: OrderPricingService,
    private readonly catalog: CatalogService,
    private readonly lifecycle: OrderLifecycle,
    private readonly holds: OrderHoldPort,
    private readonly idempotency: IdempotencyService,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async quote(memberId: number, request: OrderRequestDto): Promise<Quote> {
    const resolved = await this.checkRequest(memberId, request);
    const lines = resolved.map(({ priced, category }) => ({
      productId: priced.productId,
      category,
      unitPrice: priced.unitPrice,
      lineTotal: priced.lineTotal,
    }));
    const [{ discount, coupons }, balance] = await Promise.all([
      this.coupons.price(memberId, lines, request.couponId),
      this.wallet.balanceOf(memberId),
    ]);
    if (request.useBalance && balance === 0) throw walletInsufficient(0);
    // Reductions in order: member (tier) discount, coupon, points, then stored value.
    const { memberDiscount, pointsDiscount, membership } = await this.membership.price(
      memberId,
      lines,
      discount,
      request.pointsToUse,
    );
    const items = resolved.map((item) => item.priced);
    const totals = quoteTotals(
      items.map((item) => item.lineTotal),
      { memberDiscount, discount, pointsDiscount, balancePaid: request.useBalance ? balance : 0 },
    );
    // What the balance leaves to pay (with or without `useBalance`): the top-up that would cover it.
    const leftAfterBalance = totals.payable + totals.balancePaid - balance;
    const suggestedPlan = leftAfterBalance > 0 ? await this.wallet.planCovering(leftAfterBalance) : null;
    return { items, ...totals, coupons, membership, wallet: { balance, suggestedPlan } };
  }

  /**
   * Creates the order, reserving its stock; with an idempotency key a retry returns the first
   * result. The key is inserted with the answer in the order's own transaction (one commit per
   * order); the pricing reads run before it, so a retry whose pricing now fails (a SKU taken off
   * sale since) still answers the stored order.
   */
  async createOrder(memberId: number, request: OrderRequestDto, idempotencyKey?: string): Promise<Order> {
    if (idempotencyKey === undefined) {
      const pricing = await this.priceOrder(memberId, request);
      return this.tx.run((manager) => this.insertOrder(manager, memberId, request, pricing));
    }
    const hash = requestHash(request);
    let pricing: OrderPricing;
    try {
      pricing = await this.priceOrder(memberId, request);
    } catch (error) {
      const earlier = await this.idempotency.earlier<Order>(memberId, idempotencyKey, hash);
      if (earlier) return earlier;
      throw error;
    }
    // A second pass only when the key had expired and was deleted by `earlier`.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await this.tx.run((manager) =>
          this.insertOrder(manager, memberId, request, pricing, { key: idempotencyKey, hash }),
        );
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
      }
      const earlier = await this.idempotency.earlier<Order>(memberId, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    throw requestInProgress();
  }

  /**
   * What an order takes from its quote. A request with no coupon, points or stored value skips the
   * quote's offers (the member's coupons, points balance and rule, wallet balance and top-up plan):
   * its only reduction is the tier discount, one statement.
   */
  private async priceOrder(memberId: number, request: OrderRequestDto): Promise<OrderPricing> {
    if (request.couponId !== undefined || request.pointsToUse || request.useBalance) {
      const { items, subtotal, memberDiscount, discount, pointsDiscount, balancePaid, payable, membership } =
        await this.quote(memberId, request);
      return {
        items,
        subtotal,
        memberDiscount,
        discount,
        pointsDiscount,
        balancePaid,
        payable,
        pointsUsed: membership.pointsUsed,
      };
    }
    const resolved = await this.checkRequest(memberId, request);
    const memberDiscount = await this.membership.memberDiscount(
      memberId,
      resolved.map(({ priced, category }) => ({ category, lineTotal: priced.lineTotal })),
    );
    const items = resolved.map((item) => item.priced);
    const totals = quoteTotals(
      items.map((item) => item.lineTotal),
      { memberDiscount, discount: 0, pointsDiscount: 0, balancePaid: 0 },
    );
    return { items, ...totals, pointsUsed: 0 };
  }

  /** A member's orders: shopping orders unless `kind` asks for top-ups (those show in the wallet). */
  async listOrders(memberId: number, query: OrderQueryDto): Promise<Page<OrderSummary>> {
    return this.listWhere(
      { memberId, kind: query.kind ?? 'goods', ...(query.status ? { status: query.status } : {}) },
      query,
    );
  }

  /**
   * A stored-value top-up as an order waiting for payment (the wallet module's top-up): paid
   * through `POST /orders/:id/pay` like any order, never fulfilled, cancelled when unpaid in time.
   */
  async createTopUpOrder(
    manager: EntityManager,
    memberId: number,
    request: TopUpOrderRequest,
  ): Promise<Order> {
    const order = await manager.save(
      manager.create(OrderEntity, {
        no: orderNumber(this.clock.now()),
        memberId,
        kind: 'top_up',
        description: request.description,
        storeId: request.storeId,
        status: 'pending_payment',
        fulfilment: 'pickup',
        address: null,
        subtotal: request.amount,
        discount: 0,
        pointsDiscount: 0,
        balancePaid: 0,
        payable: request.amount,
        expiresAt: new Date(this.clock.nowMs() + this.config.orders.paymentWindowMinutes * 60_000),
        payRequestedAt: null,
        paidAt: null,
      }),
    );
    await this.recordCreated(manager, order.id, memberId);
    return this.toOrder(order, manager);
  }

  /**
   * One SKU at a fixed unit price, in the caller's transaction (a group-buy seat): stock reserved,
   * no coupon, points or stored value. An order with nothing to pay is confirmed (paid) at once.
   */
  async createFixedPriceOrder(
    manager: EntityManager,
    memberId: number,
    request: FixedPriceOrderRequest,
  ): Promise<Order> {
    if (!(await this.stores.exists(request.storeId))) {
      throw new DomainError(ErrorCode.STORE_NOT_FOUND, `Store ${request.storeId} does not exist.`);
    }
    const [resolved] = await this.pricing.resolve([{ skuId: request.skuId, quantity: 1 }]);
    if (!resolved.onSale) {
      throw new DomainError(ErrorCode.SKU_OFF_SALE, `${resolved.priced.name} is no longer on sale.`);
    }
    const line = { skuId: request.skuId, quantity: 1 };
    await this.catalog.reserveStock(manager, request.storeId, [line]);
    const windowMinutes = request.paymentWindowMinutes ?? this.config.orders.paymentWindowMinutes;
    const order = await manager.save(
      manager.create(OrderEntity, {
        no: orderNumber(this.clock.now()),
        memberId,
        description: request.description,
        storeId: request.storeId,
        status: 'pending_payment',
        fulfilment: request.fulfilment,
        address: null,
        subtotal: request.unitPrice,
        memberDiscount: 0,
        discount: 0,
        pointsDiscount: 0,
        balancePaid: 0,
        payable: request.unitPrice,
        expiresAt: new Date(this.clock.nowMs() + windowMinutes * 60_000),
        payRequestedAt: null,
        paidAt: null,
      }),
    );
    await manager.insert(OrderItemEntity, {
      ...resolved.priced,
      unitPrice: request.unitPrice,
      lineTotal: request.unitPrice,
      orderId: order.id,
    });
    await this.recordCreated(manager, order.id, memberId);
    if (request.unitPrice === 0) {
      await this.lifecycle.tryTransition(manager, order, 'paid', SYSTEM, {
        note: 'nothing to pay',
        changes: { paidAt: this.clock.now() },
      });
    }
    return this.toOrder(order, manager);
  }

  /** Cancels an order still waiting for payment (stock released); false when it was not waiting. */
  async cancelUnpaid(manager: EntityManager, orderId: number, note: string): Promise<boolean> {
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    if (order?.status !== 'pending_payment') return false;
    return this.lifecycle.tryTransition(manager, order, 'cancelled', SYSTEM, { note });
  }

  /** Puts an order's items back into its store's stock (a refunded order whose goods never left). */
  async releaseStockOf(manager: EntityManager, orderId: number): Promise<void> {
    const order = await manager.findOneByOrFail(OrderEntity, { id: orderId });
    const items = await manager.find(OrderItemEntity, { where: { orderId } });
    await this.catalog.releaseStock(manager, order.storeId, items);
  }

  /** Orders of the caller's store (every store for an admin) created or updated on a day. */
  async listStoreOrders(staff: Principal, query: StaffOrderQueryDto): Promise<Page<OrderSummary>> {
    const day = !query.date || query.date === 'today' ? this.clock.today() : query.date;
    const [start, end] = shanghaiDayRange(day);
    const scope: FindOptionsWhere<OrderEntity> = {
      ...(staff.role === 'admin' ? {} : { storeId: staff.storeId ?? -1 }),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    };
    return this.listWhere(
      [
        { ...scope, createdAt: Between(start, end) },
        { ...scope, updatedAt: Between(start, end) },
      ],
      query,
    );
  }

  async getOrder(memberId: number, orderId: number): Promise<Order> {
    return this.toOrder(await this.findOwned(memberId, orderId));
  }

  async findOwned(memberId: number, orderId: number): Promise<OrderEntity> {
    const order = await this.orders.findOneBy({ id: orderId, memberId });
    if (!order) throw orderNotFound(orderId);
    return order;
  }

  async cancelOrder(memberId: number, orderId: number): Promise<Order> {
    const order = await this.findOwned(memberId, orderId);
    await this.tx.run((manager) =>
      this.lifecycle.transition(manager, order, 'cancelled', { kind: 'customer', id: memberId }),
    );
    return this.toOrder(order);
  }

  async requestRefund(memberId: number, orderId: number, note?: string): Promise<Order> {
    const order = await this.findOwned(memberId, orderId);
    await this.tx.run((manager) =>
      this.lifecycle.transition(manager, order, 'refund_requested', { kind: 'customer', id: memberId }, note),
    );
    return this.toOrder(order);
  }

  /** A staff member moves an order of their store on (an admin, any order). */
  async staffTransition(staff: Principal, orderId: number, to: OrderStatus, note?: string): Promise<Order> {
    const order = await this.findForStaff(staff, orderId);
    const actor: Actor = { kind: 'staff', id: staff.id };
    await this.tx.run(async (manager) => {
      const hold = to === 'cancelled' ? null : await this.holds.holdOf(manager, order.id);
      if (hold) throw new DomainError(ErrorCode.ORDER_ON_HOLD, `Order ${order.id} is on hold: ${hold}.`);
      await this.lifecycle.transition(manager, order, to, actor, note);
    });
    return this.toOrder(order);
  }

  async findForStaff(staff: Principal, orderId: number): Promise<OrderEntity> {
    const order = await this.orders.findOneBy({ id: orderId });
    if (!order || (staff.role !== 'admin' && order.storeId !== staff.storeId)) throw orderNotFound(orderId);
    return order;
  }

  /**
   * What the member paid (WeChat Pay and stored value, less refunds) for goods orders (not wallet
   * top-ups) paid since `since`, and when the oldest of them was paid: the tier's rolling spend and
   * the moment it next ages out.
   */
  async paidSpendSince(
    manager: EntityManager,
    memberId: number,
    since: Date,
  ): Promise<{ spend: number; oldestPaidAt: Date | null }> {
    const row = await manager
      .createQueryBuilder(OrderEntity, 'o')
      .select('COALESCE(SUM(o.payable + o.balancePaid - o.refunded - o.balanceRefunded), 0)', 'spend')
      .addSelect('MIN(o.paidAt)', 'oldest')
      .where("o.memberId = :memberId AND o.paidAt >= :since AND o.kind = 'goods'", { memberId, since })
      .getRawOne<{ spend: string | number; oldest: Date | string | null }>();
    const oldest = row?.oldest ?? null;
    return {
      spend: Math.max(0, Number(row?.spend ?? 0)),
      oldestPaidAt: oldest === null ? null : new Date(oldest),
    };
  }

  /** The member an order belongs to, or null when there is no such order. */
  async memberOfOrder(manager: EntityManager, orderId: number): Promise<number | null> {
    const order = await manager.findOne(OrderEntity, { select: { memberId: true }, where: { id: orderId } });
    return order?.memberId ?? null;
  }

  /** The newest order's id (0 when there is none): where a set-based pass over orders stops. */
  async lastOrderId(): Promise<number> {
    const row = await this.orders
      .createQueryBuilder('o')
      .select('MAX(o.id)', 'id')
      .getRawOne<{ id: number | string | null }>();
    return Number(row?.id ?? 0);
  }

  /**
   * Completed goods orders with `afterId < id <= upToId`, oldest first, at most `limit`, with their
   * lines and completion time: three statements per page, each an index range.
   */
  async completedPurchases(afterId: number, upToId: number, limit: number): Promise<CompletedPurchase[]> {
    const orders = await this.orders
      .createQueryBuilder('o')
      .select(['o.id', 'o.memberId', 'o.fulfilment', 'o.updatedAt'])
      .where("o.id > :afterId AND o.id <= :upToId AND o.status = 'completed' AND o.kind = 'goods'", {
        afterId,
        upToId,
      })
      .orderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    if (orders.length === 0) return [];
    const ids = orders.map((order) => order.id);
    const [items, completions] = await Promise.all([
      this.items.find({
        select: { orderId: true, skuId: true, quantity: true },
        where: { orderId: In(ids) },
      }),
      this.events
        .createQueryBuilder('e')
        .select('e.orderId', 'orderId')
        .addSelect('MAX(e.createdAt)', 'completedAt')
        .where("e.orderId IN (:...ids) AND e.toStatus = 'completed'", { ids })
        .groupBy('e.orderId')
        .getRawMany<{ orderId: number | string; completedAt: Date | string }>(),
    ]);
    const completedAt = new Map(completions.map((row) => [Number(row.orderId), new Date(row.completedAt)]));
    const itemsOf = new Map<number, CompletedPurchase['items']>();
    for (const item of items) {
      const lines = itemsOf.get(item.orderId) ?? [];
      lines.push({ skuId: item.skuId, quantity: item.quantity });
      itemsOf.set(item.orderId, lines);
    }
    return orders.map((order) => ({
      orderId: order.id,
      memberId: order.memberId,
      fulfilment: order.fulfilment,
      // Orders imported without their timeline: the last change is the completion.
      completedAt: completedAt.get(order.id) ?? order.updatedAt,
      items: itemsOf.get(order.id) ?? [],
    }));
  }

  /** The member's order lines bought with this prescription, oldest first. */
  async linesForPrescription(memberId: number, prescriptionId: number): Promise<PrescriptionOrderItem[]> {
    const items = await this.items.find({ where: { prescriptionId }, order: { id: 'ASC' } });
    if (items.length === 0) return [];
    const orders = await this.orders.findBy({ id: In(items.map((item) => item.orderId)), memberId });
    const orderById = new Map(orders.map((order) => [order.id, order]));
    return items.flatMap((item) => {
      const order = orderById.get(item.orderId);
      if (!order) return [];
      return [
        {
          orderId: order.id,
          orderNo: order.no,
          orderStatus: order.status,
          name: item.name,
          quantity: item.quantity,
          orderedAt: order.createdAt.toISOString(),
        },
      ];
    });
  }

  /** The order as the API shows it; pass the transaction's manager to read uncommitted rows. */
  async toOrder(order: OrderEntity, manager: EntityManager = this.orders.manager): Promise<Order> {
    const [items, events] = await Promise.all([
      manager.find(OrderItemEntity, { where: { orderId: order.id }, order: { id: 'ASC' } }),
      manager.find(OrderEventEntity, { where: { orderId: order.id }, order: { id: 'ASC' } }),
    ]);
    return orderOf(order, items, events);
  }

  /**
   * Inside the order's transaction only `manager` may be used: a pooled repository call here
   * would wait for a second connection while holding the first, and starve the pool under load.
   */
  private async insertOrder(
    manager: EntityManager,
    memberId: number,
    request: OrderRequestDto,
    pricing: OrderPricing,
    idempotency?: { key: string; hash: string },
  ): Promise<Order> {
    const row = {
      no: orderNumber(this.clock.now()),
      memberId,
      kind: 'goods' as const,
      description: null,
      storeId: request.storeId,
      status: 'pending_payment' as const,
      fulfilment: request.fulfilment,
      address: request.address ? { ...request.address } : null,
      subtotal: pricing.subtotal,
      memberDiscount: pricing.memberDiscount,
      discount: pricing.discount,
      pointsDiscount: pricing.pointsDiscount,
      balancePaid: pricing.balancePaid,
      payable: pricing.payable,
      refunded: 0,
      balanceRefunded: 0,
      expiresAt: new Date(this.clock.nowMs() + this.config.orders.paymentWindowMinutes * 60_000),
      payRequestedAt: null,
      paidAt: null,
    };
    // insert(), not save(): one INSERT (… RETURNING the id and timestamps on MariaDB), without
    // save()'s change detection; the values it reads back are merged into `row`.
    await manager.insert(OrderEntity, row);
    const order = row as typeof row & Pick<OrderEntity, 'id' | 'createdAt'>;
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrderItemEntity)
      .values(pricing.items.map((item) => ({ ...item, orderId: order.id })))
      .updateEntity(false)
      .execute();
    const created = await this.recordCreated(manager, order.id, memberId);
    // The answer is built from what was written, without reading the lines and timeline back.
    const answer = orderOf(order as OrderEntity, pricing.items, [created]);
    // The key with its answer in one insert, before anything the first request with the key may
    // have used up (coupon, points, balance, stock): a retry meets the key (KeyTaken, all of this
    // rolled back, the stored answer given) rather than an error about those.
    if (idempotency) {
      await this.idempotency.record(manager, memberId, idempotency.key, idempotency.hash, answer);
    }
    if (request.couponId !== undefined) {
      await this.coupons.consume(manager, memberId, request.couponId, order.id);
    }
    if (pricing.pointsUsed > 0) {
      await this.membership.consume(manager, memberId, order.id, pricing.pointsUsed);
    }
    if (pricing.balancePaid > 0) {
      await this.wallet.debit(manager, memberId, order.id, pricing.balancePaid);
    }
    // Stock last: its rows are the ones every buyer of the SKU contends for, so their locks are held
    // only from the decrement to the commit, not while the order, lines and event are written.
    await this.catalog.reserveStock(manager, request.storeId, request.items);
    return answer;
  }

  /** The first step of an order's timeline: the customer created it, waiting for payment. */
  private async recordCreated(manager: EntityManager, orderId: number, memberId: number): Promise<OrderStep> {
    const step = {
      orderId,
      fromStatus: null,
      toStatus: 'pending_payment' as const,
      actor: 'customer' as const,
      actorId: memberId,
      note: null,
    };
    const result = await manager.insert(OrderEventEntity, step);
    return { ...step, createdAt: (result.generatedMaps[0] as { createdAt: Date }).createdAt };
  }

  /** Store, catalog, lens configuration, availability and prescriptions: all before any write. */
  private async checkRequest(memberId: number, request: OrderRequestDto): Promise<ResolvedItem[]> {
    const [storeExists, pricing] = await Promise.all([
      this.stores.exists(request.storeId),
      // Settled here so that a missing store is answered first, as when they ran one after the other.
      this.pricing.resolve(request.items).then(
        (items) => ({ items }),
        (error: unknown) => ({ error }),
      ),
    ]);
    if (!storeExists) {
      throw new DomainError(ErrorCode.STORE_NOT_FOUND, `Store ${request.storeId} does not exist.`);
    }
    if ('error' in pricing) throw pricing.error;
    const resolved = pricing.items;
    const offSale: ErrorDetail[] = resolved.flatMap((item, index) =>
      item.onSale ? [] : [{ field: `items.${index}`, message: `${item.priced.name} is no longer on sale` }],
    );
    if (offSale.length)
      throw new DomainError(ErrorCode.SKU_OFF_SALE, 'An item is no longer on sale.', offSale);
    const today = this.clock.today();
    await Promise.all(
      request.items.map(async (item, index) => {
        if (item.prescriptionId === undefined) return;
        const prescription = await this.prescriptions.findForMember(memberId, item.prescriptionId);
        if (!prescription) {
          throw new DomainError(
            ErrorCode.PRESCRIPTION_NOT_FOUND,
            `Prescription ${item.prescriptionId} does not exist.`,
            [
              {
                field: `items.${index}.prescriptionId`,
                message: 'not a prescription of yours or your family',
              },
            ],
          );
        }
        const lens = resolved[index].lensSpec;
        if (!lens) return;
        const problems = lensFitProblems(lens, { ...prescription, expired: prescription.expiresAt <= today });
        if (problems.length) {
          // The first kind of problem decides the answer; its details list every instance.
          const code = problems[0].code;
          throw new DomainError(
            code,
            'The chosen lens cannot be made for this prescription.',
            problems
              .filter((problem) => problem.code === code)
              .map((problem) => ({ field: `items.${index}.${problem.field}`, message: problem.message })),
          );
        }
        const recommendedIndex = recommendedIndexFor(prescription);
        if (lens.index < recommendedIndex) resolved[index].priced.lensAdvice = { recommendedIndex };
      }),
    );
    return resolved;
  }

  private async listWhere(
    where: FindOptionsWhere<OrderEntity> | FindOptionsWhere<OrderEntity>[],
    query: OrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    const window = pageWindow(query);
    const [orders, total] = await this.orders.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    const items = orders.length
      ? await this.items.find({
          where: { orderId: In(orders.map((order) => order.id)) },
          // (order_id, id) is the index's order: no filesort, and each order's lines stay in id order.
          order: { orderId: 'ASC', id: 'ASC' },
        })
      : [];
    return toPage(
      orders.map((order) => {
        const lines = items.filter((item) => item.orderId === order.id);
        return {
          ...headerOf(order),
          itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
          firstItemName: lines[0]?.name ?? order.description ?? '',
          imageUrl: lines[0]?.imageUrl ?? '',
          createdAt: order.createdAt.toISOString(),
        };
      }),
      total,
      window,
    );
  }
}
