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
  /** The staff member who moved the order into this status, when staff did (e.g. in-store pickup). */
  staffId?: number | null;
}

/** Group-buy events: the members of the group (leader first) and what the deal was for. */
export interface GroupBuyEventPayload {
  groupId: number;
  campaignId: number;
  memberIds: number[];
  productName: string;
}

/** How a customer came to the chain: the source-channel tag and the owner rules read it. */
export type CustomerChannel =
  'store_qr' | 'staff_qr' | 'regional_qr' | 'wecom' | 'store_purchase' | 'referral' | 'group_buy' | 'online';

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
  /** A group-buy group filled with paid members (group-buy module). */
  GroupBuyCompleted: GroupBuyEventPayload;
  /** A group-buy group reached its deadline short of paid members; its paid orders are refunded. */
  GroupBuyFailed: GroupBuyEventPayload;
  /**
   * A customer arrived through a store, staff, regional or WeCom code, or bought in store for the
   * first time (customers module): the owner is set and the welcome flow starts.
   */
  CustomerAdded: {
    memberId: number;
    ownerStaffId: number | null;
    storeId: number | null;
    channel: CustomerChannel;
    /** Whether the customer had already registered in the mini-program (a phone bound) when added. */
    registered: boolean;
    /** The welcome coupon issued for this arrival, if any. */
    welcomeCouponId: number | null;
  };
  /** The member's owner staff changed; the customers module keeps the history. */
  OwnerChanged: {
    memberId: number;
    fromStaffId: number | null;
    toStaffId: number;
    reason: 'first_contact' | 'first_purchase' | 'transfer' | 'wecom_transfer';
  };
  /** A known customer scanned a store's counter or table code (customers module). */
  CustomerArrived: { memberId: number; storeId: number; ownerStaffId: number | null };
  /** WeCom reported a customer joining or leaving a group chat (wecom module). */
  GroupChatMembershipChanged: { chatId: string; memberId: number; change: 'join' | 'leave' };
  /**
   * A manual tag was put on or taken off a member (tags module): by staff in LensLoop, or mirrored
   * from WeCom (`source: 'wecom'`, which is not mirrored back).
   */
  ManualTagChanged: {
    memberId: number;
    name: string;
    change: 'added' | 'removed';
    source: 'staff' | 'wecom';
  };
  /** A staff member edited a linked contact's corp tags in WeCom (customers module, from the callback). */
  WecomContactTagsEdited: { memberId: number; added: string[]; removed: string[] };
  /** A verified WeCom callback was stored; the customers module handles it from the outbox. */
  WecomCallbackReceived: { callbackId: number };
  /** Staff marked a 1-to-1 service or arrival task done (staff-tasks module). */
  StaffTaskDone: { taskId: number; staffId: number; memberId: number; kind: string };
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
