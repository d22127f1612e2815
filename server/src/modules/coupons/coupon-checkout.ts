import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ErrorCode, type QuoteCouponOption } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import {
  CouponPort,
  type CouponApplier,
  type CouponPricing,
  type CouponPricingLine,
} from '../orders/coupon-port';
import { alreadyRedeemed, CouponsService } from './coupons.service';
import type { CouponTemplateEntity } from './entities/coupon-template.entity';
import { CouponEntity } from './entities/coupon.entity';
import { bestCoupon, evaluateCoupon } from './policies/coupon-discount.policy';

/** Coupons at checkout: implements the orders module's `CouponApplier` and registers with its port. */
@Injectable()
export class CouponCheckout implements CouponApplier, OnModuleInit {
  constructor(
    private readonly port: CouponPort,
    private readonly coupons: CouponsService,
    private readonly clock: BusinessClock,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async price(
    memberId: number,
    lines: readonly CouponPricingLine[],
    couponId?: number,
  ): Promise<CouponPricing> {
    const available = await this.coupons.availableOf(memberId);
    if (couponId !== undefined && !available.some((coupon) => coupon.id === couponId)) {
      // Not available: someone else's or unknown (404), else used already (409) — also when it was
      // given back between the two reads, rather than quoting it with no discount.
      await this.coupons.findOwned(memberId, couponId);
      throw alreadyRedeemed(couponId);
    }
    const templates = await this.coupons.templatesByIds(available.map((coupon) => coupon.templateId));
    const templateById = new Map(templates.map((template) => [template.id, template]));
    const now = this.clock.now();
    const options: QuoteCouponOption[] = available.map((coupon) => {
      const template = templateById.get(coupon.templateId) as CouponTemplateEntity;
      const evaluation = evaluateCoupon(
        {
          ...template,
          amountOff: coupon.amountOff ?? template.amountOff,
          validFrom: coupon.validFrom,
          validTo: coupon.validTo,
        },
        lines,
        now,
      );
      return { couponId: coupon.id, name: template.name, ...evaluation };
    });
    const chosen = options.find((option) => option.couponId === couponId);
    if (chosen?.reason) throw notApplicable(chosen);
    return {
      discount: chosen?.discount ?? 0,
      coupons: { appliedCouponId: chosen?.couponId ?? null, bestCouponId: bestCoupon(options), options },
    };
  }

  /** `UPDATE … WHERE status = 'available'`: of several orders racing for one coupon, one gets it. */
  async consume(manager: EntityManager, memberId: number, couponId: number, orderId: number): Promise<void> {
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(CouponEntity)
      .set({ status: 'used', usedAt: now, orderId })
      .where(
        "id = :couponId AND member_id = :memberId AND status = 'available' AND valid_from <= :now AND valid_to > :now",
      )
      .setParameters({ couponId, memberId, now })
      .execute();
    if (result.affected === 1) return;
    const coupon = await manager.findOneByOrFail(CouponEntity, { id: couponId });
    this.coupons.assertUsable(coupon, now);
    throw alreadyRedeemed(couponId);
  }

  /**
   * Gives back the coupon of a cancelled or refunded order. It comes back as the same coupon (same `seq`),
   * so it never counts twice against the per-member limit; one past its validity lists as expired.
   */
  async returnFor(manager: EntityManager, orderId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CouponEntity)
      .set({ status: 'available', usedAt: null, orderId: null })
      .where("order_id = :orderId AND status = 'used'", { orderId })
      .execute();
  }
}

function notApplicable(option: QuoteCouponOption): DomainError {
  const detail = [{ field: 'couponId', message: option.reason as string }];
  if (option.reason === 'expired') {
    return new DomainError(ErrorCode.COUPON_EXPIRED, `Coupon ${option.couponId} has expired.`, detail);
  }
  if (option.reason === 'not_yet_valid') {
    return new DomainError(
      ErrorCode.COUPON_NOT_YET_VALID,
      `Coupon ${option.couponId} is not valid yet.`,
      detail,
    );
  }
  return new DomainError(
    ErrorCode.COUPON_NOT_APPLICABLE,
    `Coupon ${option.couponId} does not apply to this order.`,
    detail,
  );
}
