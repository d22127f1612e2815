import { Injectable } from '@nestjs/common';
import type { Fen, ProductCategory, QuoteCoupons } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';

/** An order line as coupons see it. */
export interface CouponPricingLine {
  productId: number;
  category: ProductCategory;
  unitPrice: Fen;
  lineTotal: Fen;
}

export interface CouponPricing {
  /** What the chosen coupon takes off; 0 without one. */
  discount: Fen;
  coupons: QuoteCoupons;
}

/**
 * What orders need of coupons. Orders define it; the coupons module implements it and registers
 * with the port below, so orders never import coupons.
 */
export interface CouponApplier {
  /**
   * The member's available coupons against these lines, and the discount of `couponId` when one
   * is given; throws a domain error when that coupon is not theirs, not available or not applicable.
   */
  price(memberId: number, lines: readonly CouponPricingLine[], couponId?: number): Promise<CouponPricing>;
  /** Uses the coupon for the order inside the order's transaction; throws when it was used meanwhile. */
  consume(manager: EntityManager, memberId: number, couponId: number, orderId: number): Promise<void>;
}

/** The orders module's port for coupons (same shape as `PrescriptionReferencePort`). */
@Injectable()
export class CouponPort implements CouponApplier {
  private applier: CouponApplier | null = null;

  register(applier: CouponApplier): void {
    if (this.applier) throw new Error('a coupon applier is registered twice');
    this.applier = applier;
  }

  price(memberId: number, lines: readonly CouponPricingLine[], couponId?: number): Promise<CouponPricing> {
    return this.registered().price(memberId, lines, couponId);
  }

  consume(manager: EntityManager, memberId: number, couponId: number, orderId: number): Promise<void> {
    return this.registered().consume(manager, memberId, couponId, orderId);
  }

  private registered(): CouponApplier {
    if (!this.applier) throw new Error('no coupon applier is registered');
    return this.applier;
  }
}
