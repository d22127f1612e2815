import type { Fen } from '../money';
import type { MemberTier } from '../api-types';

/** `GET /me/member-code`: drawn as a QR code and a barcode; a new one every 30 s. */
export interface MemberCode {
  code: string;
  expiresAt: string;
}

/** One tier of `PUT /admin/membership/tiers` (ordered by `minSpend`; the first is 0). */
export interface TierRule {
  tier: MemberTier;
  /** Paid spend over the rolling 12 months that reaches the tier, fen. */
  minSpend: Fen;
  /** Percent off the frame and lens lines in the quote (5 → 95折), 0–30. */
  discountPercent: number;
  /** Points per ¥1, in hundredths (150 → 1.5 points per yuan). */
  pointsMultiplier: number;
}

/** The member's standing on the member centre. */
export interface Membership {
  tier: MemberTier;
  /** Paid spend of the rolling 12 months, fen. */
  spend12m: Fen;
  nextTier: { tier: MemberTier; minSpend: Fen; missing: Fen } | null;
  discountPercent: number;
  points: number;
  /** Points that expire at the next year end, with that date. */
  pointsExpiring: { points: number; at: string } | null;
}

/** `PUT /admin/points-rule`. */
export interface PointsRule {
  /** Points earned per ¥1 paid before the tier multiplier (1 by default). */
  pointsPerYuan: number;
  /** Points that make ¥1 at checkout (100 by default). */
  pointsPerYuanSpent: number;
  /** The most of an order's amount points may pay, percent (50 by default). */
  maxOrderPercent: number;
}

export const POINTS_ENTRY_KINDS = [
  'earn',
  'spend',
  'refund_spent',
  'reverse_earned',
  'expire',
  'adjust',
] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

/** `GET /me/points/ledger` rows (append-only; the sum is the balance). */
export interface PointsLedgerEntry {
  id: number;
  /** Signed points. */
  points: number;
  balanceAfter: number;
  kind: PointsEntryKind;
  orderId: number | null;
  createdAt: string;
}

/** The points and tier part of a quote. */
export interface QuoteMembership {
  tier: MemberTier;
  discountPercent: number;
  pointsBalance: number;
  /** The most points this order can take (balance, per-order cap, what is left to pay). */
  maxPoints: number;
  pointsUsed: number;
  /** Points this order earns when it completes (at the member's tier today). */
  pointsToEarn: number;
}

/** `GET /me/points/ledger` query. */
export interface PointsLedgerQuery {
  page?: number;
  pageSize?: number;
}

/** The `membership` section of `GET /me/export`. */
export interface MembershipExport {
  standing: Membership;
  ledger: PointsLedgerEntry[];
}
