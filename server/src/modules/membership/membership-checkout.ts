import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ErrorCode, type Fen } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import {
  MembershipPort,
  type MembershipPricer,
  type MembershipPricing,
  type MembershipPricingLine,
} from '../orders/membership-port';
import { MembershipService } from './membership.service';
import { maxPointsFor, orderPointsCap, pointsEarned, pointsValue } from './policies/points.policy';
import { memberDiscountOf } from './policies/tier.policy';
import { pointsInsufficient, PointsService } from './points.service';

/** Tiers and points at checkout: implements the orders module's `MembershipPricer` and registers with its port. */
@Injectable()
export class MembershipCheckout implements MembershipPricer, OnModuleInit {
  constructor(
    private readonly port: MembershipPort,
    private readonly membership: MembershipService,
    private readonly points: PointsService,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async price(
    memberId: number,
    lines: readonly MembershipPricingLine[],
    couponDiscount: Fen,
    pointsToUse = 0,
  ): Promise<MembershipPricing> {
    const [{ tier, rule }, pointsRule, balance] = await Promise.all([
      this.membership.tierOf(memberId),
      this.membership.pointsRule(),
      this.points.balanceOf(memberId),
    ]);
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
    const memberDiscount = Math.min(memberDiscountOf(lines, rule.discountPercent), subtotal);
    const left = Math.max(0, subtotal - memberDiscount - couponDiscount);
    if (pointsToUse > balance) throw pointsInsufficient(pointsToUse);
    const cap = orderPointsCap(left, pointsRule);
    if (pointsToUse > cap) {
      throw new DomainError(ErrorCode.POINTS_OVER_LIMIT, `This order takes at most ${cap} points.`, [
        {
          field: 'pointsToUse',
          message: `at most ${cap} points (${pointsRule.maxOrderPercent}% of the order)`,
        },
      ]);
    }
    const pointsDiscount = Math.min(pointsValue(pointsToUse, pointsRule), left);
    return {
      memberDiscount,
      pointsDiscount,
      membership: {
        tier,
        discountPercent: rule.discountPercent,
        pointsBalance: balance,
        maxPoints: maxPointsFor(balance, left, pointsRule),
        pointsUsed: pointsToUse,
        pointsToEarn: pointsEarned(left - pointsDiscount, pointsRule, rule.pointsMultiplier),
      },
    };
  }

  async memberDiscount(memberId: number, lines: readonly MembershipPricingLine[]): Promise<Fen> {
    const { discountPercent } = await this.membership.tierRuleOf(memberId);
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
    return Math.min(memberDiscountOf(lines, discountPercent), subtotal);
  }

  consume(manager: EntityManager, memberId: number, orderId: number, points: number): Promise<void> {
    return this.points.spend(manager, memberId, orderId, points);
  }
}
