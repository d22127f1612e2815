import type { Page, PageQuery } from '../api-types';

/** Purchase-count class: A added, not bought; B one purchase; C two; D three or more. */
export const PURCHASE_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type PurchaseClass = (typeof PURCHASE_CLASSES)[number];

/**
 * Value×tenure quadrant of a buyer: long-standing high spend `core`, new mid spend `lock_in`
 * (lock in loyalty), new low spend `promote`, long-standing low spend `recall` (silent → recall).
 */
export const QUADRANTS = ['core', 'lock_in', 'promote', 'recall'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** A tag on the staff card: automatic ones say why they are there. */
export interface CustomerTag {
  id: number;
  name: string;
  auto: boolean;
  /** Why an automatic tag applies ("D类：4 次购买，最近 2026-10-02"); null for a manual tag. */
  reason: string | null;
}

/** What the staff card shows of the customer's tags. */
export interface CustomerTagging {
  tags: CustomerTag[];
  purchaseClass: PurchaseClass;
  quadrant: Quadrant | null;
}

/** `PUT /admin/tag-rules`: the thresholds of the automatic tags. */
export interface TagRules {
  /** A buyer whose first purchase is at least this many days old is long-standing. */
  longTenureDays: number;
  /** Net spend (fen) from which a long-standing buyer is `core` (below: `recall`). */
  coreSpend: number;
  /** Net spend (fen) from which a new buyer is `lock_in` (below: `promote`). */
  lockInSpend: number;
  /** Purchases from which a buyer is class C and D (B from 1). */
  classCFrom: number;
  classDFrom: number;
}

/** The segment filter DSL of `POST /admin/segments`. */
export type SegmentFilter =
  | { all: SegmentFilter[] }
  | { any: SegmentFilter[] }
  | { not: SegmentFilter }
  | { tag: string }
  | { field: SegmentField; op: SegmentOp; value: string | number | (string | number)[] };

export const SEGMENT_OPS = ['eq', 'gte', 'lte', 'in'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

/** The member fields a segment filter may test. */
export const SEGMENT_FIELDS = [
  'purchaseClass',
  'quadrant',
  'purchases',
  'spend',
  'channel',
  'homeStoreId',
  'region',
  'ownerStaffId',
  'registeredAt',
  'lastPurchaseAt',
] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

export interface SegmentInput {
  name: string;
  filter: SegmentFilter;
}

export interface Segment extends SegmentInput {
  id: number;
  createdAt: string;
}

/** `GET /staff/segments`: what staff filter their customers by. */
export interface SegmentSummary {
  id: number;
  name: string;
}

export interface SegmentCount {
  count: number;
}

/** `GET /staff/me/customers`. */
export interface MyCustomersQuery extends PageQuery {
  tag?: string;
  segmentId?: number;
}

export interface MyCustomer {
  id: number;
  nickname: string | null;
  purchaseClass: PurchaseClass;
  quadrant: Quadrant | null;
  tags: string[];
}

export type MyCustomersPage = Page<MyCustomer>;

export const COMMUNITY_KINDS = ['store', 'interest', 'koc'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** The manual tag that makes a member a KOC (key opinion customer), chosen by staff. */
export const KOC_TAG = 'KOC';

export interface CommunityInput {
  kind: CommunityKind;
  name: string;
  /** Store groups: the store. */
  storeId?: number | null;
  /** Interest groups: the tag whose members the group fits. */
  tag?: string | null;
  qrImageUrl: string;
  welcomeText: string;
  /** The WeCom group chat id, for membership reports. */
  chatId?: string | null;
}

export interface Community extends Required<CommunityInput> {
  id: number;
  members: number;
}

/** `GET /me/communities`: groups that fit the member, with whether they are in it. */
export interface MyCommunity {
  id: number;
  kind: CommunityKind;
  name: string;
  qrImageUrl: string;
  welcomeText: string;
  joined: boolean;
}

export const KPI_PERIODS = ['day', 'week', 'month'] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

export interface StaffKpis {
  staffId: number;
  name: string;
  storeId: number | null;
  membersAdded: number;
  couponsRedeemed: number;
  orders: number;
  /** Sales attributed to the staff member (fen): paid orders of their customers at payment time. */
  sales: number;
  referrals: number;
  tasksDone: number;
  rank: number;
}

/** `GET /staff/leaderboard`. */
export interface Leaderboard {
  period: 'week' | 'month';
  from: string;
  to: string;
  storeId: number | null;
  items: StaffKpis[];
}

/** `GET /admin/dashboard`. */
export interface Dashboard {
  period: KpiPeriod;
  from: string;
  to: string;
  storeId: number | null;
  membersAdded: number;
  activeMembers: number;
  /** Buyers of the period with two or more purchases to date, as a share 0…1 (2 decimals). */
  repeatPurchaseRate: number;
  couponsRedeemed: number;
  sales: number;
  byChannel: { channel: string; membersAdded: number }[];
  byStaff: StaffKpis[];
}

/** `GET /me/export` section: the member's tags and group memberships. */
export interface TagsExport {
  tags: { name: string; auto: boolean; reason: string | null }[];
  communities: { name: string; joinedAt: string; leftAt: string | null }[];
}
