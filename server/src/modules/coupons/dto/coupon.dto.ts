import { ApiProperty } from '@nestjs/swagger';
import {
  COUPON_CHANNELS,
  COUPON_INELIGIBILITIES,
  COUPON_KINDS,
  COUPON_STATUSES,
  ISSUE_JOB_STATUSES,
  type ClaimableCoupon,
  type Coupon,
  type CouponChannel,
  type CouponIneligibility,
  type CouponKind,
  type CouponOffer,
  type CouponRedemptionCode,
  type CouponStatus,
  type CouponTemplate,
  type CouponValidity,
  type IssueJobProgress,
  type IssueJobStarted,
  type IssueJobStatus,
  type QuoteCouponOption,
  type QuoteCoupons,
  type RedeemedCoupon,
} from '@lensloop/shared';
import { COUPON_VALIDITY_PROPERTY, CouponScopeDto } from './coupon-template.dto';

/** What a coupon offers (from its template). */
export class CouponOfferDto implements CouponOffer {
  @ApiProperty({ example: '满300减50' })
  name: string;

  @ApiProperty({ enum: COUPON_KINDS })
  kind: CouponKind;

  @ApiProperty({ type: Number, nullable: true, description: '`amount_off`: fen taken off; else null.' })
  amountOff: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '`percent_off`: percent taken off, 1–99 (20 → pay 80%); else null.',
  })
  percentOff: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '`percent_off`: the most it takes off, fen.' })
  maxDiscount: number | null;

  @ApiProperty({ description: 'The in-scope subtotal must reach this, fen (0 = none).', example: 30000 })
  threshold: number;

  @ApiProperty({ type: CouponScopeDto, description: 'Empty (or absent) lists mean "everything".' })
  scope: CouponScopeDto;
}

export class CouponTemplateDto extends CouponOfferDto implements CouponTemplate {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited.' })
  totalQuantity: number | null;

  @ApiProperty({ description: 'Coupons issued so far.' })
  issued: number;

  @ApiProperty()
  perMemberLimit: number;

  @ApiProperty(COUPON_VALIDITY_PROPERTY)
  validity: CouponValidity;

  @ApiProperty({ enum: COUPON_CHANNELS })
  channel: CouponChannel;

  @ApiProperty({ description: 'Recorded for later stacking rules; an order takes one coupon today.' })
  stackable: boolean;

  @ApiProperty()
  active: boolean;
}

/** A claim-centre entry. */
export class ClaimableCouponDto extends CouponOfferDto implements ClaimableCoupon {
  @ApiProperty()
  templateId: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Left to claim; null when unlimited.' })
  remaining: number | null;

  @ApiProperty({ description: 'How many more this member may claim.' })
  claimableByMe: number;

  @ApiProperty(COUPON_VALIDITY_PROPERTY)
  validity: CouponValidity;
}

export class CouponDto extends CouponOfferDto implements Coupon {
  @ApiProperty()
  id: number;

  @ApiProperty()
  templateId: number;

  @ApiProperty({ format: 'date-time' })
  validFrom: string;

  @ApiProperty({ format: 'date-time' })
  validTo: string;

  @ApiProperty({ enum: COUPON_STATUSES, description: '`expired`: unused past `validTo`.' })
  status: CouponStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  usedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The order it was used on.' })
  orderId: number | null;
}

export class RedeemedCouponDto extends CouponDto implements RedeemedCoupon {
  @ApiProperty()
  memberId: number;

  @ApiProperty()
  redeemedByStaffId: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null for staff without a store (HQ).' })
  redeemedStoreId: number | null;
}

export class CouponRedemptionCodeDto implements CouponRedemptionCode {
  @ApiProperty({ description: 'Shown as a QR code for the store to scan.' })
  code: string;

  @ApiProperty({ format: 'date-time', description: 'A new code every 30 s.' })
  expiresAt: string;
}

export class IssueJobStartedDto implements IssueJobStarted {
  @ApiProperty({ description: 'Follow it at `GET /admin/jobs/{jobId}`.' })
  jobId: number;
}

export class IssueJobProgressDto implements IssueJobProgress {
  @ApiProperty()
  id: number;

  @ApiProperty()
  templateId: number;

  @ApiProperty({ enum: ISSUE_JOB_STATUSES })
  status: IssueJobStatus;

  @ApiProperty({ description: 'Members handled so far.' })
  done: number;

  @ApiProperty({ description: 'Members in the job.' })
  total: number;

  @ApiProperty({ description: 'Coupons issued (≤ done: members at their limit are skipped).' })
  issued: number;
}

export class QuoteCouponOptionDto implements QuoteCouponOption {
  @ApiProperty()
  couponId: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'What it would take off this order, fen; 0 when it does not apply.' })
  discount: number;

  @ApiProperty({
    type: String,
    enum: COUPON_INELIGIBILITIES,
    nullable: true,
    description: 'Why it does not apply; null when it does.',
  })
  reason: CouponIneligibility | null;
}

export class QuoteCouponsDto implements QuoteCoupons {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The coupon applied (the request’s `couponId`); null when none was asked for.',
  })
  appliedCouponId: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The applicable coupon taking the most off, for the checkout to suggest.',
  })
  bestCouponId: number | null;

  @ApiProperty({ type: [QuoteCouponOptionDto], description: 'The member’s available coupons.' })
  options: QuoteCouponOptionDto[];
}
