import { lineTotal, quoteTotals, type PricedLineInput, type Reductions } from './order-pricing';

describe('lineTotal', () => {
  const cases: [string, PricedLineInput, number][] = [
    ['a contact-lens box', { unitPrice: 12_900, lensPrice: 0, optionPrices: [], quantity: 2 }, 25_800],
    ['a frame alone', { unitPrice: 29_900, lensPrice: 0, optionPrices: [], quantity: 1 }, 29_900],
    [
      'a frame with lenses and two options',
      { unitPrice: 29_900, lensPrice: 19_900, optionPrices: [8_000, 15_000], quantity: 1 },
      72_800,
    ],
    [
      'two identical configured frames',
      { unitPrice: 29_900, lensPrice: 19_900, optionPrices: [8_000], quantity: 2 },
      115_600,
    ],
    ['a free service', { unitPrice: 0, lensPrice: 0, optionPrices: [], quantity: 1 }, 0],
  ];

  it.each(cases)('should price %s', (_label, line, expected) => {
    expect(lineTotal(line)).toBe(expected);
  });
});

describe('quoteTotals', () => {
  const none = { memberDiscount: 0, discount: 0, pointsDiscount: 0, balancePaid: 0 };
  const cases: [
    string,
    number[],
    Reductions | undefined,
    [number, number, number, number, number, number],
  ][] = [
    ['no reductions', [10_000, 2_500], undefined, [12_500, 0, 0, 0, 0, 12_500]],
    ['an empty order', [], undefined, [0, 0, 0, 0, 0, 0]],
    ['a coupon', [10_000], { ...none, discount: 3_000 }, [10_000, 0, 3_000, 0, 0, 7_000]],
    [
      'coupon, points and balance in that order',
      [10_000],
      { ...none, discount: 3_000, pointsDiscount: 1_000, balancePaid: 2_000 },
      [10_000, 0, 3_000, 1_000, 2_000, 4_000],
    ],
    [
      'member discount first, then coupon, points and balance',
      [10_000],
      { memberDiscount: 500, discount: 3_000, pointsDiscount: 1_000, balancePaid: 9_000 },
      [10_000, 500, 3_000, 1_000, 5_500, 0],
    ],
    [
      'reductions larger than the order',
      [5_000],
      { ...none, discount: 4_000, pointsDiscount: 3_000, balancePaid: 9_000 },
      [5_000, 0, 4_000, 1_000, 0, 0],
    ],
    [
      'a coupon capped by what the member discount left',
      [5_000],
      { ...none, memberDiscount: 1_000, discount: 4_500 },
      [5_000, 1_000, 4_000, 0, 0, 0],
    ],
    ['a negative reduction ignored', [5_000], { ...none, discount: -100 }, [5_000, 0, 0, 0, 0, 5_000]],
  ];

  it.each(cases)(
    'should total %s',
    (_label, lines, reductions, [subtotal, member, discount, points, balance, payable]) => {
      expect(quoteTotals(lines, reductions)).toEqual({
        subtotal,
        memberDiscount: member,
        discount,
        pointsDiscount: points,
        balancePaid: balance,
        payable,
      });
    },
  );
});
