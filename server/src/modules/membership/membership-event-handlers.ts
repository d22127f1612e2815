import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import type { OrderEventPayload } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { OrdersService } from '../orders/orders.service';
import { MembershipService } from './membership.service';
import { pointsEarned, pointsExpireAt } from './policies/points.policy';
import { PointsService } from './points.service';

/** Whether an order event concerns membership: goods, not wallet top-ups (money moved, not spent). */
function countsForMembership(payload: OrderEventPayload): boolean {
  return payload.kind === 'goods';
}

/**
 * What membership does on order events; database work only, so `transactional` (exactly once,
 * in one transaction with the handled mark): the tier follows payments and refunds, points are
 * earned on completion, given back on cancel, and reversed on a full refund; a referral reward's
 * points are credited.
 */
@Injectable()
export class MembershipEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly membership: MembershipService,
    private readonly points: PointsService,
    private readonly orders: OrdersService,
    private readonly clock: BusinessClock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'membership.tier-on-paid',
      type: 'OrderPaid',
      mode: 'transactional',
      handle: async (event, manager) => {
        if (!countsForMembership(event.payload)) return;
        await this.membership.recompute(manager as EntityManager, event.payload.memberId);
      },
    });
    this.events.subscribe({
      name: 'membership.tier-on-refund-created',
      type: 'RefundCreated',
      mode: 'transactional',
      handle: async (event, manager) => {
        const memberId = await this.orders.memberOfOrder(manager as EntityManager, event.payload.orderId);
        if (memberId !== null) await this.membership.recompute(manager as EntityManager, memberId);
      },
    });
    this.events.subscribe({
      name: 'membership.points-on-completed',
      type: 'OrderCompleted',
      mode: 'transactional',
      handle: async (event, manager) => {
        if (!countsForMembership(event.payload)) return;
        await this.earnFor(manager as EntityManager, event.payload);
      },
    });
    this.events.subscribe({
      name: 'membership.points-on-cancelled',
      type: 'OrderCancelled',
      mode: 'transactional',
      handle: async (event, manager) => {
        if (!countsForMembership(event.payload)) return;
        await this.points.returnSpent(manager as EntityManager, event.payload.orderId);
      },
    });
    this.events.subscribe({
      name: 'membership.on-refunded',
      type: 'OrderRefunded',
      mode: 'transactional',
      handle: async (event, manager) => {
        if (!countsForMembership(event.payload)) return;
        const tx = manager as EntityManager;
        // Spent points come back first, so taking back the earned ones can use them.
        await this.points.returnSpent(tx, event.payload.orderId);
        await this.points.reverseEarned(tx, event.payload.orderId);
        await this.membership.recompute(tx, event.payload.memberId);
      },
    });
    this.events.subscribe({
      name: 'membership.points-on-referral-reward',
      type: 'ReferralRewarded',
      mode: 'transactional',
      handle: (event, manager) =>
        this.points.earn(
          manager as EntityManager,
          event.payload.referrerId,
          null,
          event.payload.points,
          pointsExpireAt(this.clock.now()),
        ),
    });
  }

  /** floor(paid yuan × points per yuan × the member's tier multiplier / 100), paid = WeChat Pay + stored value. */
  private async earnFor(manager: EntityManager, payload: OrderEventPayload): Promise<void> {
    const [{ rule }, pointsRule] = await Promise.all([
      this.membership.tierOf(payload.memberId, manager),
      this.membership.pointsRule(manager),
    ]);
    const paid = payload.payable + (payload.balancePaid ?? 0);
    const points = pointsEarned(paid, pointsRule, rule.pointsMultiplier);
    await this.points.earn(
      manager,
      payload.memberId,
      payload.orderId,
      points,
      pointsExpireAt(this.clock.now()),
    );
  }
}
