import {
  TRADE_IN_BRAND_TIERS,
  TRADE_IN_CATEGORIES,
  TRADE_IN_CONDITIONS,
  TRADE_IN_MATERIALS,
  type ErrorDetail,
  type TradeInQuote,
  type TradeInQuoteRequest,
  type TradeInRules,
} from '@lensloop/shared';

/** The most years a customer can give (the quote request allows 0–30). */
export const MAX_AGE_YEARS = 30;

/**
 * The table until an admin saves one: a luxury titanium optical frame, like new and under a
 * year old, is worth up to ¥600; the ranges shrink with material, condition and age.
 */
export const DEFAULT_TRADE_IN_RULES: TradeInRules = {
  base: [
    { category: 'optical', brandTier: 'luxury', min: 20_000, max: 60_000 },
    { category: 'optical', brandTier: 'premium', min: 8_000, max: 25_000 },
    { category: 'optical', brandTier: 'standard', min: 2_000, max: 8_000 },
    { category: 'sunglasses', brandTier: 'luxury', min: 15_000, max: 45_000 },
    { category: 'sunglasses', brandTier: 'premium', min: 5_000, max: 15_000 },
    { category: 'sunglasses', brandTier: 'standard', min: 1_000, max: 4_000 },
  ],
  materialPercent: { titanium: 100, metal: 80, acetate: 85, plastic: 60 },
  conditionPercent: { like_new: 100, good: 80, fair: 55, poor: 30 },
  agePercent: [
    { maxAgeYears: 1, percent: 100 },
    { maxAgeYears: 3, percent: 85 },
    { maxAgeYears: 5, percent: 65 },
    { maxAgeYears: 10, percent: 45 },
    { maxAgeYears: MAX_AGE_YEARS, percent: 25 },
  ],
};

/** `fen × p1 × p2 × p3` percent, rounded to whole yuan (half up), in integer steps so no float drift. */
function scaled(fen: number, percents: number[]): number {
  const product = percents.reduce((total, percent) => total * percent, fen);
  return Math.round(product / (100 ** percents.length * 100)) * 100;
}

/** The range for the described glasses: base × material % × condition % × age %, in whole yuan. */
export function estimate(rules: TradeInRules, request: TradeInQuoteRequest): TradeInQuote {
  const base = rules.base.find(
    (entry) => entry.category === request.category && entry.brandTier === request.brandTier,
  );
  const age = rules.agePercent.find((band) => request.ageYears <= band.maxAgeYears);
  if (!base || !age)
    throw new Error('trade-in rules do not cover the request; rulesProblems should have refused them');
  const percents = [
    rules.materialPercent[request.material],
    rules.conditionPercent[request.condition],
    age.percent,
  ];
  return { estimateMin: scaled(base.min, percents), estimateMax: scaled(base.max, percents) };
}

const isFen = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isPercent = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 200;

/** What is wrong with a table an admin sends, field by field; empty when it is usable. */
export function rulesProblems(rules: TradeInRules): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  rules.base.forEach((entry, index) => {
    const field = `base.${index}`;
    const key = `${entry.category}/${entry.brandTier}`;
    if (seen.has(key)) problems.push({ field, message: `${key} is listed twice` });
    seen.add(key);
    if (!isFen(entry.min)) problems.push({ field: `${field}.min`, message: 'must be whole fen, 0 or more' });
    if (!isFen(entry.max)) problems.push({ field: `${field}.max`, message: 'must be whole fen, 0 or more' });
    if (isFen(entry.min) && isFen(entry.max) && entry.min > entry.max) {
      problems.push({ field: `${field}.min`, message: 'must not exceed max' });
    }
  });
  for (const category of TRADE_IN_CATEGORIES) {
    for (const brandTier of TRADE_IN_BRAND_TIERS) {
      if (!seen.has(`${category}/${brandTier}`)) {
        problems.push({ field: 'base', message: `${category}/${brandTier} is missing` });
      }
    }
  }
  for (const material of TRADE_IN_MATERIALS) {
    if (!isPercent(rules.materialPercent[material])) {
      problems.push({
        field: `materialPercent.${material}`,
        message: 'must be a whole percent from 0 to 200',
      });
    }
  }
  for (const condition of TRADE_IN_CONDITIONS) {
    if (!isPercent(rules.conditionPercent[condition])) {
      problems.push({
        field: `conditionPercent.${condition}`,
        message: 'must be a whole percent from 0 to 200',
      });
    }
  }
  rules.agePercent.forEach((band, index) => {
    if (!isPercent(band.percent)) {
      problems.push({
        field: `agePercent.${index}.percent`,
        message: 'must be a whole percent from 0 to 200',
      });
    }
    const previous = rules.agePercent[index - 1];
    if (previous && !(band.maxAgeYears > previous.maxAgeYears)) {
      problems.push({ field: `agePercent.${index}.maxAgeYears`, message: 'ages must be strictly ascending' });
    }
  });
  const last = rules.agePercent.at(-1);
  if (!last || last.maxAgeYears < MAX_AGE_YEARS) {
    problems.push({ field: 'agePercent', message: `the last band must reach ${MAX_AGE_YEARS} years` });
  }
  return problems;
}
