import type { Fen, PointsRule } from '@lensloop/shared';

/** 1 point per ¥1 paid (before the tier multiplier); 100 points pay ¥1; points pay at most half an order. */
export const DEFAULT_POINTS_RULE: PointsRule = {
  pointsPerYuan: 1,
  pointsPerYuanSpent: 100,
  maxOrderPercent: 50,
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Points an order earns: floor(paid yuan × points per yuan × tier multiplier / 100). */
export function pointsEarned(paid: Fen, rule: PointsRule, multiplier: number): number {
  if (paid <= 0) return 0;
  return Math.floor((paid * rule.pointsPerYuan * multiplier) / 10_000);
}

/** What `points` pay, in fen (rounded down). */
export function pointsValue(points: number, rule: PointsRule): Fen {
  return Math.floor((points * 100) / rule.pointsPerYuanSpent);
}

/**
 * The most points an order may take: the balance, the rule's share of what is left to pay after
 * the member discount and the coupon, and never more than pays what is left.
 */
export function maxPointsFor(balance: number, amountLeft: Fen, rule: PointsRule): number {
  const capFen = Math.floor((Math.max(0, amountLeft) * rule.maxOrderPercent) / 100);
  const capPoints = Math.floor((capFen * rule.pointsPerYuanSpent) / 100);
  return Math.max(0, Math.min(balance, capPoints));
}

/** The cap alone (without the balance): what `POINTS_OVER_LIMIT` is checked against. */
export function orderPointsCap(amountLeft: Fen, rule: PointsRule): number {
  return maxPointsFor(Number.MAX_SAFE_INTEGER, amountLeft, rule);
}

/**
 * Points expire at the end of the year after the one they were earned in, Asia/Shanghai: earned
 * on 2026-03-05 → gone after 2027-12-31 23:59:59 (+08:00). Returns that last second's instant.
 */
export function pointsExpireAt(earnedAt: Date): Date {
  const year = new Date(earnedAt.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return new Date(Date.UTC(year + 2, 0, 1) - SHANGHAI_OFFSET_MS - 1_000);
}
