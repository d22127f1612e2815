import { couponValidityAt, isIssuable } from './coupon-validity.policy';

const ISSUED = new Date('2026-12-01T08:00:00Z');

describe('couponValidityAt', () => {
  it.each([
    ['N days from issue', { days: 7 }, { from: ISSUED, to: new Date('2026-12-08T08:00:00Z') }],
    [
      'fixed dates',
      { from: '2026-11-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') },
    ],
  ])('should take %s', (_label, validity, expected) => {
    expect(couponValidityAt(validity, ISSUED)).toEqual(expected);
  });
});

describe('isIssuable', () => {
  it.each([
    ['a days validity', { days: 1 }, true],
    ['fixed dates not over', { from: '2026-01-01T00:00:00Z', to: '2026-12-01T08:00:01Z' }, true],
    ['fixed dates over', { from: '2026-01-01T00:00:00Z', to: '2026-12-01T08:00:00Z' }, false],
  ])('should answer for %s', (_label, validity, expected) => {
    expect(isIssuable(validity, ISSUED)).toBe(expected);
  });
});
