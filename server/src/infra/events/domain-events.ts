import type { OrderKind } from '@lensloop/shared';

/** What every order event carries: enough for a handler to act without reading the order. */
export interface OrderEventPayload {
  orderId: number;
  orderNo: string;
  memberId: number;
  storeId: number;
  /** Goods or a stored-value top-up: points, tiers and coupons ignore top-ups. */
  kind: OrderKind;
  /** What the customer pays through WeChat Pay, in fen. */
  payable: number;
  /** What the customer pays from stored value, in fen (paid in all = payable + balancePaid). */
  balancePaid: number;
}

/**
 * The domain events modules publish through the outbox, by type. A payload is plain JSON and
 * holds ids and the facts a handler needs; handlers read anything else through public services.
 */
export interface DomainEvents {
  /** A new member was created by a first WeChat login. */
  MemberRegistered: {
    memberId: number;
    storeId: number | null;
    referralCode: string | null;
    /** The raw wxacode scene of the first login (`ref:<code>`, `s:<staffId>`, …). */
    scene: string | null;
    /** When the referral code was scanned, as the mini-program recorded it (ISO), else null. */
    scannedAt: string | null;
  };
  /** Staff recorded an exam result (prescriptions module). */
  PrescriptionRecorded: {
    prescriptionId: number;
    memberId: number;
    profileId: number;
    kind: string;
    examDate: string;
  };
  OrderPaid: OrderEventPayload;
  OrderReadyForPickup: OrderEventPayload;
  OrderCompleted: OrderEventPayload;
  OrderCancelled: OrderEventPayload;
  /** `refunded`: the WeChat Pay part plus `balanceRefunded`, the wallet part. */
  OrderRefunded: OrderEventPayload & { refunded: number; balanceRefunded: number };
  /** A refund row was written; the payments module asks WeChat for it. */
  RefundCreated: { refundId: number; orderId: number };
  /**
   * A referrer's reward fell due (referrals module): `points` for the membership module to credit
   * (0 when the rule gives a coupon only), `couponId` when a coupon was issued with it.
   */
  ReferralRewarded: {
    attributionId: number;
    referrerId: number;
    refereeId: number;
    points: number;
    couponId: number | null;
  };
  /** Staff inspected a trade-in and its credit coupon was issued (trade-ins module). */
  TradeInCredited: {
    tradeInId: number;
    memberId: number;
    storeId: number;
    couponId: number;
    /** The credit, fen. */
    amount: number;
    /** When the credit coupon stops being valid (ISO), for the expiry reminder. */
    validTo: string;
  };
  /** An erasure deleted the member's trade-in photo rows; their files go once it committed. */
  TradeInPhotosErased: { memberId: number; fileKeys: string[] };
}

export type DomainEventType = keyof DomainEvents;

/** An event as a handler receives it. */
export interface DeliveredEvent<K extends DomainEventType = DomainEventType> {
  id: number;
  type: K;
  aggregateId: string;
  payload: DomainEvents[K];
  /** 1 on the first delivery. */
  attempt: number;
  createdAt: Date;
}
