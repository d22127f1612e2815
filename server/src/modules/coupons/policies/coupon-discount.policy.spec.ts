import { bestCoupon, evaluateCoupon, type CouponLine, type CouponRules } from './coupon-discount.policy';

const NOW = new Date('2026-12-01T00:00:00Z');
const base: CouponRules = {
  kind: 'amount_off',
  amountOff: 2_000,
  percentOff: null,
  maxDiscount: null,
  threshold: 0,
  scope: {},
  validFrom: new Date('2026-11-01T00:00:00Z'),
  validTo: new Date('2026-12-31T00:00:00Z'),
};
const frame: CouponLine = { productId: 1, category: 'frames', unitPrice: 30_000, lineTotal: 30_000 };
const cleaning: CouponLine = { productId: 9, category: 'services', unitPrice: 3_000, lineTotal: 6_000 };

describe('evaluateCoupon', () => {
  it.each<[string, Partial<CouponRules>, CouponLine[], number, string | null]>([
    ['amount off', {}, [frame], 2_000, null],
    ['amount off never above the scoped total', { amountOff: 50_000 }, [frame], 30_000, null],
    ['满300减50 at the threshold', { amountOff: 5_000, threshold: 30_000 }, [frame], 5_000, null],
    ['满300减50 below the threshold', { amountOff: 5_000, threshold: 30_001 }, [frame], 0, 'below_threshold'],
    [
      'the threshold counting in-scope lines only',
      { threshold: 30_000, scope: { categories: ['services'] } },
      [frame, cleaning],
      0,
      'below_threshold',
    ],
    ['percent off', { kind: 'percent_off', amountOff: null, percentOff: 15 }, [frame], 4_500, null],
    [
      'percent off capped',
      { kind: 'percent_off', amountOff: null, percentOff: 15, maxDiscount: 4_000 },
      [frame],
      4_000,
      null,
    ],
    [
      'percent off rounded down',
      { kind: 'percent_off', amountOff: null, percentOff: 33 },
      [{ ...frame, lineTotal: 101, unitPrice: 101 }],
      33,
      null,
    ],
    [
      'a free service: one unit',
      { kind: 'free_service', amountOff: null, scope: { categories: ['services'] } },
      [frame, cleaning],
      3_000,
      null,
    ],
    ['a category scope', { scope: { categories: ['lenses'] } }, [frame], 0, 'out_of_scope'],
    ['a product scope', { scope: { productIds: [1] } }, [frame, cleaning], 2_000, null],
    ['before its validity', { validFrom: new Date(NOW.getTime() + 1_000) }, [frame], 0, 'not_yet_valid'],
    ['at the first second of its validity', { validFrom: NOW }, [frame], 2_000, null],
    ['at the end of its validity', { validTo: NOW }, [frame], 0, 'expired'],
    ['a second before its end', { validTo: new Date(NOW.getTime() + 1_000) }, [frame], 2_000, null],
  ])('should evaluate %s', (_label, overrides, lines, discount, reason) => {
    expect(evaluateCoupon({ ...base, ...overrides }, lines, NOW)).toEqual({ discount, reason });
  });
});

describe('bestCoupon', () => {
  it.each<[string, { couponId: number; discount: number; reason: string | null }[], number | null]>([
    ['none', [], null],
    [
      'the largest discount',
      [
        { couponId: 1, discount: 100, reason: null },
        { couponId: 2, discount: 300, reason: null },
      ],
      2,
    ],
    [
      'the lower id on a tie',
      [
        { couponId: 5, discount: 300, reason: null },
        { couponId: 2, discount: 300, reason: null },
      ],
      2,
    ],
    ['never one that does not apply', [{ couponId: 1, discount: 0, reason: 'expired' }], null],
  ])('should pick %s', (_label, options, expected) => {
    expect(bestCoupon(options)).toBe(expected);
  });
});
