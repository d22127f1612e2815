import type { ProductCategory } from '../api-types';
import type { Fen } from '../money';

export const COUPON_KINDS = ['amount_off', 'percent_off', 'free_service'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

export const COUPON_CHANNELS = ['claim', 'welcome', 'push', 'reward'] as const;
/** How coupons of a template reach members: claim centre, new-member welcome, admin push, rewards. */
export type CouponChannel = (typeof COUPON_CHANNELS)[number];

export const COUPON_STATUSES = ['available', 'used', 'expired'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

/** Empty (or absent) lists mean "everything". */
export interface CouponScope {
  categories?: ProductCategory[];
  productIds?: number[];
}

/** Fixed dates (ISO instants), or a number of days counted from the moment of issue. */
export type CouponValidity = { from: string; to: string } | { days: number };

export interface CouponTemplateInput {
  name: string;
  kind: CouponKind;
  /** `amount_off`: fen taken off. */
  amountOff?: Fen;
  /** `percent_off`: percent taken off, 1–99 (20 → pay 80%, 八折). */
  percentOff?: number;
  /** `percent_off`: the most it takes off, fen. */
  maxDiscount?: Fen;
  /** 满减: the in-scope subtotal must reach this, fen (0 = none). */
  threshold?: Fen;
  scope: CouponScope;
  /** Omit for unlimited. */
  totalQuantity?: number;
  perMemberLimit: number;
  validity: CouponValidity;
  channel: CouponChannel;
  /** Recorded for the later stacking rules; an order takes one coupon today. */
  stackable: boolean;
}

/** What `PATCH /admin/coupon-templates/:id` may change: never the discount of coupons already issued. */
export interface CouponTemplatePatch {
  name?: string;
  totalQuantity?: number | null;
  perMemberLimit?: number;
  validity?: CouponValidity;
  stackable?: boolean;
  active?: boolean;
}

/** What a coupon offers, as a customer sees it (from its template). */
export interface CouponOffer {
  name: string;
  kind: CouponKind;
  amountOff: Fen | null;
  percentOff: number | null;
  maxDiscount: Fen | null;
  threshold: Fen;
  scope: CouponScope;
}

export interface CouponTemplate extends CouponOffer {
  id: number;
  totalQuantity: number | null;
  issued: number;
  perMemberLimit: number;
  validity: CouponValidity;
  channel: CouponChannel;
  stackable: boolean;
  active: boolean;
}

/** A claim-centre entry: the template and whether this member may still claim it. */
export interface ClaimableCoupon extends CouponOffer {
  templateId: number;
  /** Left to claim; null when the template is unlimited. */
  remaining: number | null;
  /** How many more this member may claim. */
  claimableByMe: number;
  validity: CouponValidity;
}

export interface Coupon extends CouponOffer {
  id: number;
  templateId: number;
  validFrom: string;
  validTo: string;
  status: CouponStatus;
  usedAt: string | null;
  orderId: number | null;
}

export interface MyCouponsQuery {
  status?: CouponStatus;
}

/** `GET /me/coupons/:id/code`: shown as a QR code; a new one every 30 s. */
export interface CouponRedemptionCode {
  code: string;
  expiresAt: string;
}

export interface RedeemCouponRequest {
  code: string;
}

export interface RedeemedCoupon extends Coupon {
  memberId: number;
  redeemedByStaffId: number;
  redeemedStoreId: number | null;
}

export interface IssueCouponsRequest {
  memberIds?: number[];
  /** A saved segment instead of a member list (its members when each batch runs). */
  segmentId?: number;
}

export interface IssueJobStarted {
  jobId: number;
}

export const ISSUE_JOB_STATUSES = ['pending', 'running', 'done'] as const;
export type IssueJobStatus = (typeof ISSUE_JOB_STATUSES)[number];

/** `GET /admin/jobs/:jobId`. `issued` ≤ `done`: members at their limit are skipped. */
export interface IssueJobProgress {
  id: number;
  templateId: number;
  status: IssueJobStatus;
  done: number;
  total: number;
  issued: number;
}

/** Why a coupon does not apply to an order. */
export const COUPON_INELIGIBILITIES = [
  'not_yet_valid',
  'expired',
  'out_of_scope',
  'below_threshold',
] as const;
export type CouponIneligibility = (typeof COUPON_INELIGIBILITIES)[number];

/** One of the member's available coupons as the quote sees it. */
export interface QuoteCouponOption {
  couponId: number;
  name: string;
  /** What it would take off this order; 0 when it does not apply. */
  discount: Fen;
  reason: CouponIneligibility | null;
}

/** The coupon part of a quote. */
export interface QuoteCoupons {
  /** The coupon applied (the request's `couponId`), null when none was asked for. */
  appliedCouponId: number | null;
  /** The applicable coupon taking the most off, for the checkout to suggest. */
  bestCouponId: number | null;
  options: QuoteCouponOption[];
}
