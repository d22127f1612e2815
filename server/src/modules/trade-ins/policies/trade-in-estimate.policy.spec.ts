import type { TradeInRules } from '@lensloop/shared';
import { DEFAULT_TRADE_IN_RULES, estimate, rulesProblems } from './trade-in-estimate.policy';
import { imageTypeOf } from './image-type.policy';

describe('trade-in estimate', () => {
  it('should value a like-new luxury titanium optical frame under a year at ¥200–600', () => {
    expect(
      estimate(DEFAULT_TRADE_IN_RULES, {
        category: 'optical',
        material: 'titanium',
        brandTier: 'luxury',
        ageYears: 0,
        condition: 'like_new',
      }),
    ).toEqual({ estimateMin: 20_000, estimateMax: 60_000 });
  });

  it('should apply material, condition and the first age band that covers the age, rounded to whole yuan', () => {
    // 8 000 × 0.85 × 0.8 × 0.65 = 3 536 → ¥35; 25 000 × … = 11 050 → ¥111 (half up)
    expect(
      estimate(DEFAULT_TRADE_IN_RULES, {
        category: 'optical',
        material: 'acetate',
        brandTier: 'premium',
        ageYears: 4,
        condition: 'good',
      }),
    ).toEqual({ estimateMin: 3_500, estimateMax: 11_100 });
  });

  it('should accept the defaults', () => {
    expect(rulesProblems(DEFAULT_TRADE_IN_RULES)).toEqual([]);
  });

  it.each<[string, (rules: TradeInRules) => void, string]>([
    ['min above max', (rules) => (rules.base[0] = { ...rules.base[0], min: 70_000 }), 'base.0.min'],
    ['a fractional amount', (rules) => (rules.base[1] = { ...rules.base[1], max: 100.5 }), 'base.1.max'],
    ['a missing combination', (rules) => rules.base.pop(), 'base'],
    ['a percent above 200', (rules) => (rules.materialPercent.metal = 201), 'materialPercent.metal'],
    ['a negative percent', (rules) => (rules.conditionPercent.poor = -1), 'conditionPercent.poor'],
    [
      'ages not ascending',
      (rules) => (rules.agePercent[2] = { maxAgeYears: 2, percent: 60 }),
      'agePercent.2.maxAgeYears',
    ],
    ['ages stopping short of 30', (rules) => rules.agePercent.pop(), 'agePercent'],
  ])('should refuse %s', (_label, change, field) => {
    const rules = structuredClone(DEFAULT_TRADE_IN_RULES);
    change(rules);
    expect(rulesProblems(rules).map((problem) => problem.field)).toContain(field);
  });
});

describe('image type by magic bytes', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['GIF', Buffer.from('GIF89a......'), null],
    ['text', Buffer.from('hello, not an image'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('should read %s as %p', (_label, bytes, expected) => {
    expect(imageTypeOf(bytes)).toBe(expected);
  });
});
