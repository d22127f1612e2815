import type { StaffRole } from '../api-types';

/** Why a member's owner staff changed. */
export type OwnerChangeReason = 'first_contact' | 'first_purchase' | 'transfer' | 'wecom_transfer';

/** How a customer came to the chain (the same names as the `CustomerAdded` event's channel). */
export type CustomerChannelName =
  'store_qr' | 'staff_qr' | 'regional_qr' | 'wecom' | 'store_purchase' | 'referral' | 'group_buy' | 'online';

export interface StaffRef {
  id: number;
  name: string;
}

/** One change of a member's owner: who, from, to, why and when. */
export interface OwnerChange {
  id: number;
  memberId: number;
  from: StaffRef | null;
  to: StaffRef;
  reason: OwnerChangeReason;
  /** The staff member who made the change (a transfer), null when it came from the customer. */
  changedBy: StaffRef | null;
  changedAt: string;
}

export interface CustomerOwnership {
  memberId: number;
  owner: StaffRef | null;
  /** How the customer was added, when they were (channel, store, region). */
  addedVia: {
    channel: CustomerChannelName;
    storeId: number | null;
    regionCode: string | null;
    at: string;
  } | null;
  history: OwnerChange[];
}

/** A staff member as the transfer page lists them. */
export interface StaffMemberSummary {
  id: number;
  name: string;
  role: StaffRole;
  storeId: number | null;
  active: boolean;
}

export interface StaffListQuery {
  storeId?: number;
}

/** The customers module's part of `GET /me/export`. */
export interface CustomersExport {
  addedVia: CustomerOwnership['addedVia'];
  ownerHistory: OwnerChange[];
  arrivals: { storeId: number; day: string }[];
}

export interface TransferRequest {
  fromStaffId: number;
  toStaffId: number;
  /** Some of the from-staff's customers; all of them when left out. */
  memberIds?: number[];
}

export interface TransferResult {
  /** Customers whose owner this call changed (those already moved by someone else are not counted). */
  transferred: number;
}

/** The staff member's add-me code: a mini-program code opening the app with `scene`. */
export interface StaffQrCode {
  staffId: number;
  scene: string;
  page: string;
  /** `data:image/png;base64,…` */
  image: string;
}

/** What a customer scanned: `s:<staffId>`, `st:<storeId>`, `r:<regionCode>`, `c:<storeId>` (or `t:<storeId>`). */
export interface ArrivalRequest {
  scene: string;
  /** The customer's location (GCJ-02 as wx.getLocation gives it), for a regional code. */
  lat?: number;
  lng?: number;
}

export interface ArrivalResult {
  kind: 'staff' | 'store' | 'regional' | 'counter';
  storeId: number | null;
  /** True when this scan added the customer (owner / home store set, welcome coupon issued). */
  added: boolean;
  ownerStaff: StaffRef | null;
  welcomeCouponId: number | null;
  /** Counter code: true when this was the first arrival at the store today. */
  arrived: boolean;
  regionCode: string | null;
}

/** Which welcome-channel template a customer gets when added, by whether they have registered. */
export interface WelcomeRules {
  /** No phone bound yet: the coupon inviting them to register. */
  unregisteredTemplateId: number | null;
  /** Phone bound: the coupon inviting them to buy. */
  registeredTemplateId: number | null;
}

/** A WeCom contact-way ("contact me") code of a staff member or a store. */
export interface WecomContactWay {
  configId: string;
  state: string;
  qrCode: string;
  staffId: number | null;
  storeId: number | null;
  userid: string;
}

export interface WecomContactWayRequest {
  /** The WeCom userid the code adds as a contact. */
  userid: string;
  staffId?: number;
  storeId?: number;
}

/** Parses an add-me / counter scene; null when it is none of them. */
export type ParsedScene =
  | { kind: 'staff'; staffId: number }
  | { kind: 'store'; storeId: number }
  | { kind: 'regional'; regionCode: string }
  | { kind: 'counter'; storeId: number };

export function parseCustomerScene(scene: string | null | undefined): ParsedScene | null {
  if (!scene) return null;
  let decoded = scene;
  if (scene.includes('%')) {
    try {
      decoded = decodeURIComponent(scene);
    } catch {
      return null;
    }
  }
  const match = /^(s|st|r|c|t):([\w-]{1,28})$/.exec(decoded.trim());
  if (!match) return null;
  const [, prefix, value] = match;
  if (prefix === 'r') return { kind: 'regional', regionCode: value };
  if (!/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  if (prefix === 's') return { kind: 'staff', staffId: id };
  if (prefix === 'st') return { kind: 'store', storeId: id };
  return { kind: 'counter', storeId: id };
}
