import { orderNumber } from './orders.service';

describe('orderNumber', () => {
  const now = new Date('2026-12-02T03:50:17.123Z');

  it('should be LL, the UTC second and 18 digits: 32 characters, a valid WeChat out_trade_no', () => {
    expect(orderNumber(now)).toMatch(/^LL261202035017\d{18}$/);
  });

  it('should not repeat among 100,000 numbers of the same second (six random digits did)', () => {
    const numbers = new Set(Array.from({ length: 100_000 }, () => orderNumber(now)));
    expect(numbers.size).toBe(100_000);
  });
});
