import type { Appointment } from './appointments/appointments.types';
import type { Coupon } from './coupons/coupon.types';
import type { CustomersExport } from './customers/customer.types';
import type { MembershipExport } from './membership/membership.types';
import type { Fen } from './money';
import type { LensPowerRange, LensSelection, Order, OrderStatus } from './orders/order.types';
import type { PrescriptionInput, PrescriptionKind } from './prescriptions/prescription.types';
import type { CustomerReferrals, ReferralExport } from './referrals/referral.types';
import type { GroupBuyExport } from './group-buys/group-buy.types';
import type { CustomerTagging, TagsExport } from './tags/tags.types';
import type { ReminderExport } from './reminders/reminder.types';
import type { StaffTaskExport } from './staff-tasks/staff-task.types';
import type { TradeIn } from './trade-ins/trade-in.types';
import type { WalletExport } from './wallet/wallet.types';

export const STAFF_ROLES = ['clerk', 'optometrist', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'customer' | StaffRole;

export const PRODUCT_CATEGORIES = ['frames', 'lenses', 'contacts', 'care', 'services'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** A page of a list: `?page=1&pageSize=20`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

/** Lowest first: 普通 / 银卡 / 金卡 / 钻石, reached by rolling 12-month paid spend. */
export const MEMBER_TIERS = ['regular', 'silver', 'gold', 'diamond'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];

export interface Member {
  id: number;
  nickname: string | null;
  phoneMasked: string | null;
  memberCode: string;
  tier: MemberTier;
  points: number;
  balance: Fen;
  ownerStaff: { id: number; name: string } | null;
  homeStoreId: number | null;
}

export interface WechatLoginRequest {
  code: string;
  referralCode?: string;
  storeId?: number;
  /** The wxacode scene the mini-program was opened with (`ref:<code>` a friend's invitation). */
  scene?: string;
  /** When the referral code was first scanned or opened (ISO instant), kept by the mini-program. */
  scannedAt?: string;
}

export interface WechatLoginResponse {
  token: string;
  member: Member;
  isNew: boolean;
}

export interface WechatPhoneRequest {
  code: string;
}

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface StaffProfile {
  id: number;
  name: string;
  role: StaffRole;
  storeId: number | null;
}

export interface StaffLoginResponse {
  token: string;
  staff: StaffProfile;
}

export interface Store {
  id: number;
  /** Simplified Chinese, as customers read it. */
  name: string;
  /** English translation of `name`. */
  nameEn: string | null;
  city: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
  /** Opening hours in local time, e.g. `10:00-21:30`. */
  hours: string;
  /** Present when the request gave `lat` and `lng`. */
  distanceMeters?: number;
}

export interface StoreQuery extends PageQuery {
  lat?: number;
  lng?: number;
}

export interface ProductSummary {
  id: number;
  /** Simplified Chinese, as customers read it. */
  name: string;
  /** English translation of `name`. */
  nameEn: string | null;
  category: ProductCategory;
  brand: string;
  priceFrom: Fen;
  imageUrl: string;
  featured: boolean;
}

export interface ProductQuery extends PageQuery {
  category?: ProductCategory;
  q?: string;
  featured?: boolean;
}

export interface Sku {
  id: number;
  code: string;
  /** Display attributes, e.g. `{ colour: 'Black', size: '52□18-140' }`. */
  attributes: Record<string, string>;
  price: Fen;
  /** Units in stock: at `storeId` when the request named one, else across all stores. */
  stock: number;
  /** Spectacle lenses: the powers this SKU can be made in; null for other products. */
  powerRange: LensPowerRange | null;
}

export interface ProductDetail extends ProductSummary {
  description: string;
  skus: Sku[];
  /** Lenses that can be ordered with a frame; empty for other categories. */
  lensOptions: ProductSummary[];
}

export interface Health {
  status: 'ok';
  database: 'up';
}

/** `GET /api/health/live`: the process answers (no database call). */
export interface Liveness {
  status: 'ok';
}

export const PROFILE_RELATIONS = ['self', 'child', 'spouse', 'parent', 'other'] as const;
/** How a family profile relates to the member; each member has exactly one `self`. */
export type ProfileRelation = (typeof PROFILE_RELATIONS)[number];

/** A person whose eyes the member keeps records for: themself or a family member. */
export interface FamilyProfile {
  id: number;
  name: string;
  relation: ProfileRelation;
  /** `YYYY-MM-DD`; always set for a child; null when unknown (then the person counts as an adult). */
  birthDate: string | null;
}

/** A child profile needs a birth date (expiry and the progression flag depend on the age). */
export interface CreateProfileRequest {
  name: string;
  relation: Exclude<ProfileRelation, 'self'>;
  birthDate?: string | null;
}

/** `PATCH /me/profiles/:id`: e.g. the member's own birth date. A child's cannot be removed. */
export interface UpdateProfileRequest {
  name?: string;
  birthDate?: string | null;
}

export const CONSENT_KINDS = ['prescription_storage'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface ConsentRequest {
  kind: ConsentKind;
  granted: boolean;
  /** Version of the privacy policy text the member saw, e.g. `2026-11`. */
  policyVersion: string;
}

export interface Consent extends ConsentRequest {
  recordedAt: string;
}

export const PRESCRIPTION_SOURCES = ['in_store', 'external'] as const;
/** An exam in one of the chain's stores, or a prescription copied from elsewhere. */
export type PrescriptionSource = (typeof PRESCRIPTION_SOURCES)[number];

/** Staff body of `POST /staff/customers/:memberId/prescriptions`; without `profileId` the member's own. */
export interface RecordPrescriptionRequest extends PrescriptionInput {
  profileId?: number;
  source?: PrescriptionSource;
}

/** A stored prescription (minus-cylinder form) as the member and staff read it. */
export interface Prescription extends PrescriptionInput {
  id: number;
  profileId: number;
  source: PrescriptionSource;
  /** `YYYY-MM-DD`: valid before it, due for renewal on it. */
  expiresAt: string;
  expired: boolean;
  storeId: number | null;
  storeName: string | null;
  examinerName: string | null;
  createdAt: string;
}

/** An order line bought with a prescription (lenses cut to it, say). */
export interface PrescriptionOrderItem {
  orderId: number;
  orderNo: string;
  orderStatus: OrderStatus;
  name: string;
  quantity: number;
  orderedAt: string;
}

/** One prescription as its detail page shows it, with what was bought with it. */
export interface PrescriptionDetail extends Prescription {
  orderItems: PrescriptionOrderItem[];
}

export interface PrescriptionQuery extends PageQuery {
  profileId?: number;
}

export interface MyopiaTrend {
  /** Distance, progressive and myopia-control exams, oldest first (SE in hundredths of a diopter). */
  points: { examDate: string; odSE: number; osSE: number }[];
  /**
   * Least-squares change of SE in hundredths of a diopter per year over the last 24 months, rounded
   * to a hundredth; null when those exams span fewer than 180 days.
   */
  progressionPerYear: { od: number | null; os: number | null };
  /** A child (under 18 at the last exam) progressing 0.50 D/year or more in either eye. */
  fastProgression: boolean;
  isChild: boolean;
  /** Exams with a measured axial length (hundredths of a mm), oldest first; null for an eye not measured. */
  axialLength: { examDate: string; od: number | null; os: number | null }[];
  /** Growth in hundredths of a mm per year, computed like `progressionPerYear`. */
  axialGrowthPerYear: { od: number | null; os: number | null };
  /** A child whose eye grows more than 0.30 mm/year. */
  fastAxialGrowth: boolean;
}

/** One audit-log row as the member (access log) or an admin sees it. */
export interface AuditEntry {
  id: number;
  action: AuditAction;
  staff: { id: number; name: string; role: StaffRole } | null;
  memberId: number;
  profileId: number | null;
  prescriptionId: number | null;
  reason: string;
  requestId: string;
  at: string;
}

/** Reasons the server records when the caller gives none; clients show them localized. */
export const STANDARD_AUDIT_REASONS = { deskLookup: 'desk_lookup', examRecorded: 'exam_recorded' } as const;

export const AUDIT_ACTIONS = ['prescription.read', 'prescription.create'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditQuery extends PageQuery {
  memberId?: number;
}

/** A customer in the staff search: enough to recognise, not to contact. */
export interface CustomerSummary {
  id: number;
  nickname: string | null;
  phoneMasked: string | null;
  memberCode: string;
}

export interface CustomerSearchQuery extends PageQuery {
  q: string;
}

/** Metadata of a profile's last prescription; the values are read through the audited lookup. */
export interface PrescriptionHeader {
  id: number;
  kind: PrescriptionKind;
  examDate: string;
  expiresAt: string;
  expired: boolean;
  storeName: string | null;
}

export interface CustomerCard extends CustomerSummary, CustomerTagging {
  tier: MemberTier;
  ownerStaff: { id: number; name: string } | null;
  /** Whether the member currently allows their prescriptions to be stored and read by staff. */
  prescriptionConsent: boolean;
  profiles: (FamilyProfile & { lastPrescription: PrescriptionHeader | null })[];
  /** Who referred the customer (masked), null when nobody did. */
  referredBy: CustomerReferrals['referredBy'];
  /** Whom the customer referred. */
  referred: CustomerReferrals['referred'];
}

export interface LatestPrescriptionQuery {
  profileId?: number;
  /** Why the prescription is being read, for the audit log (e.g. `lens order`). */
  reason?: string;
}

/**
 * The parts of `GET /me/export` other than the member row: one key per server module that stores
 * personal data (the `section` of its personal-data contributor).
 */
export interface MemberExportSections {
  profiles: FamilyProfile[];
  consents: Consent[];
  prescriptions: Prescription[];
  accessLog: AuditEntry[];
  cart: { skuId: number; quantity: number; lens: LensSelection | null; addedAt: string }[];
  /** Orders stay after erasure for accounting, without the address. */
  orders: Order[];
  appointments: Appointment[];
  /** Deleted on erasure; orders keep the discount they got. */
  coupons: Coupon[];
  /** The member's referral code and who referred them; erasure deletes both (referrers keep a count). */
  referrals: ReferralExport;
  /** Kept on erasure for the credit's accounting, without photos (files deleted) and notes. */
  tradeIns: TradeIn[];
  /** Kept on erasure (money records for the accounts), holding the member id only. */
  wallet: WalletExport;
  /** Tier standing and the points ledger; deleted on erasure. */
  membership: MembershipExport;
  /** Group-buy seats and service vouchers; erasure deletes vouchers and unlinks seats (orders stay). */
  groupBuys: GroupBuyExport;
  /** Tags and group memberships; deleted on erasure. */
  tags: TagsExport;
  /** How the member was added, their owner history and counter arrivals; deleted on erasure. */
  customers: CustomersExport;
  /** Settings, subscribe-message grants, inbox and reminder occurrences; deleted on erasure. */
  reminders: ReminderExport;
  /** Staff tasks about the member; deleted on erasure. */
  staffTasks: StaffTaskExport;
}

/** `GET /me/export`: everything stored about the member. */
export type MemberExport = {
  exportedAt: string;
  member: Omit<Member, 'phoneMasked' | 'ownerStaff'> & { phone: string | null; createdAt: string };
} & MemberExportSections;
