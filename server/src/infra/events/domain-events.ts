/** What every order event carries: enough for a handler to act without reading the order. */
export interface OrderEventPayload {
  orderId: number;
  orderNo: string;
  memberId: number;
  storeId: number;
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
    scene: string | null;
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
