import {
  agesOutAt,
  DEFAULT_TIER_RULES,
  memberDiscountOf,
  nextTierOf,
  tierRuleFor,
  tierRuleProblems,
  windowStart,
} from './tier.policy';

describe('tier policy', () => {
  it.each([
    [0, 'regular'],
    [99_999, 'regular'],
    [100_000, 'silver'],
    [299_999, 'silver'],
    [300_000, 'gold'],
    [800_000, 'diamond'],
    [5_000_000, 'diamond'],
  ])('should put a spend of %i fen in %s', (spend, tier) => {
    expect(tierRuleFor(DEFAULT_TIER_RULES, spend).tier).toBe(tier);
  });

  it('should say what the next tier takes, and nothing above the top', () => {
    expect(nextTierOf(DEFAULT_TIER_RULES, 'silver', 157_100)).toEqual({
      tier: 'gold',
      minSpend: 300_000,
      missing: 142_900,
    });
    expect(nextTierOf(DEFAULT_TIER_RULES, 'diamond', 900_000)).toBeNull();
    // A tier kept until the review while the spend fell: nothing negative is missing.
    expect(nextTierOf(DEFAULT_TIER_RULES, 'regular', 150_000)?.missing).toBe(0);
  });

  it('should accept the defaults and name every problem of a bad table', () => {
    expect(tierRuleProblems(DEFAULT_TIER_RULES)).toEqual([]);
    const [regular, silver, gold, diamond] = DEFAULT_TIER_RULES;
    expect(tierRuleProblems([regular, silver, gold])).toEqual([
      { field: 'tiers', message: expect.stringContaining('every tier once') },
    ]);
    expect(
      tierRuleProblems([
        { ...regular, minSpend: 5 },
        { ...silver, minSpend: 5 },
        { ...gold, discountPercent: 1 },
        { ...diamond, tier: 'gold', pointsMultiplier: 100 },
      ]).map((problem) => problem.field),
    ).toEqual([
      'tiers.0.minSpend',
      'tiers.1.minSpend',
      'tiers.2.discountPercent',
      'tiers.3.tier',
      'tiers.3.pointsMultiplier',
    ]);
  });

  it('should discount frame and lens lines only, rounding down', () => {
    const lines = [
      { category: 'frames', lineTotal: 126_700 },
      { category: 'lenses', lineTotal: 999 },
      { category: 'contacts', lineTotal: 25_800 },
    ];
    expect(memberDiscountOf(lines, 2)).toBe(Math.floor((127_699 * 2) / 100));
    expect(memberDiscountOf(lines, 0)).toBe(0);
  });

  it('should keep a paid order in the window for exactly 12 months', () => {
    const paidAt = new Date('2026-03-20T04:00:00Z');
    expect(agesOutAt(paidAt).toISOString()).toBe('2027-03-20T04:00:00.000Z');
    expect(windowStart(new Date('2027-03-20T04:00:00Z')).getTime()).toBe(paidAt.getTime());
  });
});
