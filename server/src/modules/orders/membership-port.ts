import { Injectable } from '@nestjs/common';
import type { Fen, ProductCategory, QuoteMembership } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';

/** An order line as membership sees it: the tier discount applies to frame and lens lines. */
export interface MembershipPricingLine {
  category: ProductCategory;
  lineTotal: Fen;
}

export interface MembershipPricing {
  /** The tier's percent off the frame and lens lines; taken before the coupon. */
  memberDiscount: Fen;
  /** What `pointsToUse` pays, taken after the coupon; 0 without points. */
  pointsDiscount: Fen;
  /** Points spent (as asked), the most allowed and what the order will earn. */
  membership: QuoteMembership;
}

/**
 * What orders need of membership (tiers and points). Orders define it; the membership module
 * implements it and registers with the port below, so orders never import membership.
 */
export interface MembershipPricer {
  /**
   * The member's tier discount on these lines and the value of `pointsToUse` against what is left
   * after it and the coupon's `couponDiscount`; throws a domain error when the member holds fewer
   * points (`POINTS_INSUFFICIENT`) or the order may not take that many (`POINTS_OVER_LIMIT`).
   */
  price(
    memberId: number,
    lines: readonly MembershipPricingLine[],
    couponDiscount: Fen,
    pointsToUse?: number,
  ): Promise<MembershipPricing>;
  /**
   * The tier discount alone, for an order that spends no points: what `price` answers as
   * `memberDiscount` without reading the points balance and rule (checkout's common case).
   */
  memberDiscount(memberId: number, lines: readonly MembershipPricingLine[]): Promise<Fen>;
  /**
   * Debits the points for the order inside the order's transaction (a conditional update: the
   * balance never goes negative); throws `POINTS_INSUFFICIENT` when they were spent meanwhile.
   */
  consume(manager: EntityManager, memberId: number, orderId: number, points: number): Promise<void>;
}

/** The orders module's port for membership (same shape as `CouponPort`). */
@Injectable()
export class MembershipPort implements MembershipPricer {
  private pricer: MembershipPricer | null = null;

  register(pricer: MembershipPricer): void {
    if (this.pricer) throw new Error('a membership pricer is registered twice');
    this.pricer = pricer;
  }

  price(
    memberId: number,
    lines: readonly MembershipPricingLine[],
    couponDiscount: Fen,
    pointsToUse?: number,
  ): Promise<MembershipPricing> {
    return this.registered().price(memberId, lines, couponDiscount, pointsToUse);
  }

  memberDiscount(memberId: number, lines: readonly MembershipPricingLine[]): Promise<Fen> {
    return this.registered().memberDiscount(memberId, lines);
  }

  consume(manager: EntityManager, memberId: number, orderId: number, points: number): Promise<void> {
    return this.registered().consume(manager, memberId, orderId, points);
  }

  private registered(): MembershipPricer {
    if (!this.pricer) throw new Error('no membership pricer is registered');
    return this.pricer;
  }
}
