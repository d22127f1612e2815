import type { Fen } from '../money';

export const TRADE_IN_CATEGORIES = ['optical', 'sunglasses'] as const;
/** What is traded in: prescription glasses (frame with or without lenses) or sunglasses. */
export type TradeInCategory = (typeof TRADE_IN_CATEGORIES)[number];

export const TRADE_IN_MATERIALS = ['titanium', 'metal', 'acetate', 'plastic'] as const;
export type TradeInMaterial = (typeof TRADE_IN_MATERIALS)[number];

export const TRADE_IN_BRAND_TIERS = ['luxury', 'premium', 'standard'] as const;
export type TradeInBrandTier = (typeof TRADE_IN_BRAND_TIERS)[number];

export const TRADE_IN_CONDITIONS = ['like_new', 'good', 'fair', 'poor'] as const;
export type TradeInCondition = (typeof TRADE_IN_CONDITIONS)[number];

export const TRADE_IN_STATUSES = ['submitted', 'inspected', 'credited', 'rejected', 'cancelled'] as const;
/** `submitted → inspected → credited | rejected | cancelled` (an inspection credits at once). */
export type TradeInStatus = (typeof TRADE_IN_STATUSES)[number];

/** `POST /trade-ins/quote`: what the customer tells about the old glasses. */
export interface TradeInQuoteRequest {
  category: TradeInCategory;
  material: TradeInMaterial;
  brandTier: TradeInBrandTier;
  /** Whole years since purchase, 0–30. */
  ageYears: number;
  condition: TradeInCondition;
}

export interface TradeInQuote {
  estimateMin: Fen;
  estimateMax: Fen;
}

/** `POST /trade-ins/photos` (multipart, field `file`, JPEG/PNG/WebP ≤ 5 MB) answers this. */
export interface TradeInPhoto {
  id: number;
  url: string;
}

/** `POST /trade-ins`: the described glasses, the store they are brought to, 1–6 uploaded photos. */
export interface TradeInRequest extends TradeInQuoteRequest {
  storeId: number;
  photoIds: number[];
}

export interface TradeIn extends TradeInQuoteRequest, TradeInQuote {
  id: number;
  storeId: number;
  status: TradeInStatus;
  photos: TradeInPhoto[];
  /** Set by the inspection, inside [estimateMin, estimateMax]. */
  finalAmount: Fen | null;
  inspectionNote: string | null;
  rejectReason: string | null;
  /** The credit coupon issued (scoped to frames and lenses, valid 90 days). */
  couponId: number | null;
  createdAt: string;
  inspectedAt: string | null;
}

/** `POST /staff/trade-ins/:id/inspect`. */
export interface InspectTradeInRequest {
  finalAmount: Fen;
  note?: string;
}

/** `POST /staff/trade-ins/:id/reject`. */
export interface RejectTradeInRequest {
  reason: string;
}

/** One row of the estimate table (`PUT /admin/trade-in/rules`): a base range and multipliers. */
export interface TradeInRules {
  /** Base range per category and brand tier, fen. */
  base: { category: TradeInCategory; brandTier: TradeInBrandTier; min: Fen; max: Fen }[];
  /** Percent applied per material, condition and age band (100 = unchanged). */
  materialPercent: Record<TradeInMaterial, number>;
  conditionPercent: Record<TradeInCondition, number>;
  /** Ordered by `maxAgeYears`; the first band whose limit is ≥ the age applies. */
  agePercent: { maxAgeYears: number; percent: number }[];
}

/** A trade-in as the store sees it (`GET /staff/trade-ins`): who brought it and who inspected it. */
export interface StaffTradeIn extends TradeIn {
  memberId: number;
  inspectedByStaffId: number | null;
}
