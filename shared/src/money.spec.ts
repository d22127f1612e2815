import { formatFen } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [1250, '¥12.50'],
    [129900, '¥1299.00'],
    [-399, '-¥3.99'],
  ])('should format %p fen as %p', (amount, expected) => {
    expect(formatFen(amount)).toBe(expected);
  });
});
