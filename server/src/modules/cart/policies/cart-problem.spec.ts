import { cartProblem } from './cart-problem';

describe('cartProblem', () => {
  const cases: [boolean, number, number, string | null][] = [
    [true, 10, 2, null],
    [true, 2, 2, null],
    [true, 1, 2, 'INSUFFICIENT_STOCK'],
    [true, 0, 1, 'OUT_OF_STOCK'],
    [false, 10, 1, 'OFF_SALE'],
    [false, 0, 1, 'OFF_SALE'],
  ];

  it.each(cases)(
    'should flag on sale %s, stock %d, quantity %d as %s',
    (onSale, stock, quantity, expected) => {
      expect(cartProblem(onSale, stock, quantity)).toBe(expected);
    },
  );
});
