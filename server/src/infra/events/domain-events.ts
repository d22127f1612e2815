/** What every order event carries: enough for a handler to act without reading the order. */
export interface OrderEventPayload {
  orderId: number;
  orderNo: string;
  memberId: number;
  storeId: number;
  /** What the customer pays through WeChat Pay, in fen. */
  payable: number;
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
  OrderRefunded: OrderEventPayload & { refunded: number };
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
