import {
  MEMBER_TIERS,
  type ErrorDetail,
  type Fen,
  type Membership,
  type MemberTier,
  type TierRule,
} from '@lensloop/shared';

/**
 * The tiers until an admin sets them: 普通 from ¥0, 银卡 from ¥1,000, 金卡 from ¥3,000 and 钻石
 * from ¥8,000 of rolling 12-month paid spend; 0 / 2 / 5 / 8 % off frames and lenses; 1×, 1.2×,
 * 1.5× and 2× the points.
 */
export const DEFAULT_TIER_RULES: readonly TierRule[] = [
  { tier: 'regular', minSpend: 0, discountPercent: 0, pointsMultiplier: 100 },
  { tier: 'silver', minSpend: 100_000, discountPercent: 2, pointsMultiplier: 120 },
  { tier: 'gold', minSpend: 300_000, discountPercent: 5, pointsMultiplier: 150 },
  { tier: 'diamond', minSpend: 800_000, discountPercent: 8, pointsMultiplier: 200 },
];

export const MAX_TIER_DISCOUNT_PERCENT = 30;
export const MIN_POINTS_MULTIPLIER = 100;
export const MAX_POINTS_MULTIPLIER = 1_000;

/**
 * Problems of an admin's tier table: every tier of `MEMBER_TIERS` once, in that order, the first
 * from 0 and each threshold above the one before; discounts and multipliers not falling as tiers rise.
 */
export function tierRuleProblems(rules: readonly TierRule[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (rules.length !== MEMBER_TIERS.length) {
    problems.push({ field: 'tiers', message: `list every tier once: ${MEMBER_TIERS.join(', ')}` });
    return problems;
  }
  rules.forEach((rule, index) => {
    if (rule.tier !== MEMBER_TIERS[index]) {
      problems.push({
        field: `tiers.${index}.tier`,
        message: `must be ${MEMBER_TIERS[index]} (lowest first)`,
      });
    }
    if (index === 0 && rule.minSpend !== 0) {
      problems.push({ field: 'tiers.0.minSpend', message: 'the first tier starts at 0' });
    }
    const previous = rules[index - 1];
    if (previous && rule.minSpend <= previous.minSpend) {
      problems.push({ field: `tiers.${index}.minSpend`, message: 'must be above the tier below' });
    }
    if (previous && rule.discountPercent < previous.discountPercent) {
      problems.push({ field: `tiers.${index}.discountPercent`, message: 'must not be below the tier below' });
    }
    if (previous && rule.pointsMultiplier < previous.pointsMultiplier) {
      problems.push({
        field: `tiers.${index}.pointsMultiplier`,
        message: 'must not be below the tier below',
      });
    }
  });
  return problems;
}

/** The highest tier whose threshold the spend reaches. */
export function tierRuleFor(rules: readonly TierRule[], spend: Fen): TierRule {
  let reached = rules[0];
  for (const rule of rules) if (spend >= rule.minSpend) reached = rule;
  return reached;
}

export function ruleOf(rules: readonly TierRule[], tier: MemberTier): TierRule {
  return rules.find((rule) => rule.tier === tier) ?? rules[0];
}

/** The tier above `tier` and how much spend it still takes. */
export function nextTierOf(rules: readonly TierRule[], tier: MemberTier, spend: Fen): Membership['nextTier'] {
  const index = rules.findIndex((rule) => rule.tier === tier);
  const next = rules[index + 1];
  if (!next) return null;
  return { tier: next.tier, minSpend: next.minSpend, missing: Math.max(0, next.minSpend - spend) };
}

/** The start of the rolling 12-month window ending at `now`. */
export function windowStart(now: Date): Date {
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  return start;
}

/** When spend paid at `paidAt` leaves the rolling window. */
export function agesOutAt(paidAt: Date): Date {
  const out = new Date(paidAt);
  out.setUTCFullYear(out.getUTCFullYear() + 1);
  return out;
}

/** The tier discount: `percent` off the frame and lens lines (lenses fitted to a frame are in its line). */
export function memberDiscountOf(
  lines: readonly { category: string; lineTotal: Fen }[],
  percent: number,
): Fen {
  const base = lines
    .filter((line) => line.category === 'frames' || line.category === 'lenses')
    .reduce((sum, line) => sum + line.lineTotal, 0);
  return Math.floor((base * percent) / 100);
}
