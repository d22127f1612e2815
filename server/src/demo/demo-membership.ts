import type { EntityManager } from 'typeorm';
import type { PricedLens } from '@lensloop/shared';
import { ProductEntity } from '../modules/catalog/entities/product.entity';
import { SkuEntity } from '../modules/catalog/entities/sku.entity';
import { MemberTierEntity } from '../modules/membership/entities/member-tier.entity';
import { PointsAccountEntity } from '../modules/membership/entities/points-account.entity';
import { PointsLedgerEntryEntity } from '../modules/membership/entities/points-ledger-entry.entity';
import { PointsLotUseEntity } from '../modules/membership/entities/points-lot-use.entity';
import { PointsLotEntity } from '../modules/membership/entities/points-lot.entity';
import {
  DEFAULT_POINTS_RULE,
  pointsEarned,
  pointsExpireAt,
  pointsValue,
} from '../modules/membership/policies/points.policy';
import { agesOutAt, DEFAULT_TIER_RULES, tierRuleFor } from '../modules/membership/policies/tier.policy';
import { OrderEventEntity } from '../modules/orders/entities/order-event.entity';
import { OrderItemEntity } from '../modules/orders/entities/order-item.entity';
import { OrderEntity } from '../modules/orders/entities/order.entity';

const DAY_MS = 86_400_000;

interface DemoLine {
  code: string;
  quantity: number;
  /** A lens SKU fitted into the frame. */
  lensCode?: string;
}

interface DemoPastOrder {
  /** Days before the seeding the order was paid; picked up a few days later. */
  paidDaysAgo: number;
  lines: DemoLine[];
  pointsUsed: number;
}

/**
 * 王芳's purchases over the last months, so the member centre makes sense: a titanium frame with
 * lenses after her March exam (¥1,267 → 银卡), then contact lenses and solution paid partly with
 * 300 points. Her points come from those two orders at the 银卡 multiplier (×1.2).
 */
const DEMO_PAST_ORDERS: DemoPastOrder[] = [
  { paidDaysAgo: 150, lines: [{ code: 'FR02-TOR', quantity: 1, lensCode: 'LN01-156' }], pointsUsed: 0 },
  {
    paidDaysAgo: 40,
    lines: [
      { code: 'CL01-300', quantity: 2 },
      { code: 'CR01', quantity: 1 },
    ],
    pointsUsed: 300,
  },
];

async function skuWithProduct(manager: EntityManager, code: string): Promise<[SkuEntity, ProductEntity]> {
  const sku = await manager.findOneByOrFail(SkuEntity, { code });
  return [sku, await manager.findOneByOrFail(ProductEntity, { id: sku.productId })];
}

function orderNo(at: Date, sequence: number): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(2, 14);
  return `LL${stamp}${String(900_000 + sequence).padStart(6, '0')}`;
}

/** Completed past orders of the demo customer, her tier and her points (lots and ledger) to match. */
export async function seedDemoMembership(
  manager: EntityManager,
  memberId: number,
  storeId: number,
  staffId: number,
  now = new Date(),
): Promise<void> {
  let spend = 0;
  let balance = 0;
  let oldestPaidAt: Date | null = null;
  const lots: { id: number; remaining: number }[] = [];
  for (const [index, past] of DEMO_PAST_ORDERS.entries()) {
    const paidAt = new Date(now.getTime() - past.paidDaysAgo * DAY_MS);
    const createdAt = new Date(paidAt.getTime() - 5 * 60_000);
    const completedAt = new Date(paidAt.getTime() + 7 * DAY_MS);
    oldestPaidAt ??= paidAt;
    const items: Partial<OrderItemEntity>[] = [];
    for (const line of past.lines) {
      const [sku, product] = await skuWithProduct(manager, line.code);
      let lens: PricedLens | null = null;
      if (line.lensCode) {
        const [lensSku, lensProduct] = await skuWithProduct(manager, line.lensCode);
        lens = { skuId: lensSku.id, name: lensProduct.name, unitPrice: lensSku.price, options: [] };
      }
      items.push({
        skuId: sku.id,
        productId: product.id,
        name: product.name,
        attributes: sku.attributes,
        imageUrl: product.imageUrl,
        quantity: line.quantity,
        unitPrice: sku.price,
        lens,
        prescriptionId: null,
        lineTotal: (sku.price + (lens?.unitPrice ?? 0)) * line.quantity,
      });
    }
    const subtotal = items.reduce((sum, item) => sum + (item.lineTotal ?? 0), 0);
    // Paid before any tier discount applied to these lines (the first made her 银卡; the second has none).
    const pointsDiscount = pointsValue(past.pointsUsed, DEFAULT_POINTS_RULE);
    const payable = subtotal - pointsDiscount;
    const order = await manager.save(
      manager.create(OrderEntity, {
        no: orderNo(createdAt, index + 1),
        memberId,
        storeId,
        status: 'completed',
        fulfilment: 'pickup',
        address: null,
        subtotal,
        memberDiscount: 0,
        discount: 0,
        pointsDiscount,
        balancePaid: 0,
        payable,
        expiresAt: new Date(createdAt.getTime() + 30 * 60_000),
        payRequestedAt: createdAt,
        paidAt,
        createdAt,
      }),
    );
    await manager.insert(
      OrderItemEntity,
      items.map((item) => ({ ...item, orderId: order.id })),
    );
    const steps: [
      OrderEventEntity['fromStatus'],
      OrderEventEntity['toStatus'],
      'customer' | 'system' | 'staff',
      Date,
    ][] = [
      [null, 'pending_payment', 'customer', createdAt],
      ['pending_payment', 'paid', 'system', paidAt],
      ['paid', 'processing', 'staff', new Date(paidAt.getTime() + DAY_MS)],
      ['processing', 'ready_for_pickup', 'staff', new Date(paidAt.getTime() + 5 * DAY_MS)],
      ['ready_for_pickup', 'completed', 'staff', completedAt],
    ];
    await manager.insert(
      OrderEventEntity,
      steps.map(([fromStatus, toStatus, actor, at]) => ({
        orderId: order.id,
        fromStatus,
        toStatus,
        actor,
        actorId: actor === 'staff' ? staffId : actor === 'customer' ? memberId : null,
        note: null,
        createdAt: at,
      })),
    );

    if (past.pointsUsed > 0) {
      balance -= past.pointsUsed;
      let left = past.pointsUsed;
      for (const lot of lots) {
        const taken = Math.min(lot.remaining, left);
        if (taken === 0) continue;
        lot.remaining -= taken;
        left -= taken;
        await manager.update(PointsLotEntity, lot.id, { remaining: lot.remaining });
        await manager.insert(PointsLotUseEntity, { orderId: order.id, lotId: lot.id, points: taken });
      }
      await manager.insert(PointsLedgerEntryEntity, {
        memberId,
        points: -past.pointsUsed,
        balanceAfter: balance,
        kind: 'spend',
        orderId: order.id,
        createdAt,
      });
    }
    spend += payable;
    const tier = tierRuleFor(DEFAULT_TIER_RULES, spend);
    const earned = pointsEarned(payable, DEFAULT_POINTS_RULE, tier.pointsMultiplier);
    balance += earned;
    const lot = await manager.save(
      manager.create(PointsLotEntity, {
        memberId,
        orderId: order.id,
        points: earned,
        remaining: earned,
        expiresAt: pointsExpireAt(completedAt),
        createdAt: completedAt,
      }),
    );
    lots.push({ id: lot.id, remaining: earned });
    await manager.insert(PointsLedgerEntryEntity, {
      memberId,
      points: earned,
      balanceAfter: balance,
      kind: 'earn',
      orderId: order.id,
      createdAt: completedAt,
    });
  }
  await manager.insert(PointsAccountEntity, { memberId, balance });
  await manager.insert(MemberTierEntity, {
    memberId,
    tier: tierRuleFor(DEFAULT_TIER_RULES, spend).tier,
    spend12m: spend,
    computedAt: now,
    reviewAt: oldestPaidAt ? new Date(agesOutAt(oldestPaidAt).getTime() + 1) : null,
  });
}
