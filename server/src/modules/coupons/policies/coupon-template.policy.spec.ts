import { templateRuleProblems, validityProblems } from './coupon-template.policy';

describe('templateRuleProblems', () => {
  it.each([
    ['amount off with its amount', { kind: 'amount_off', amountOff: 100 }, []],
    ['amount off without an amount', { kind: 'amount_off' }, ['amountOff']],
    ['amount off with a percent', { kind: 'amount_off', amountOff: 100, percentOff: 10 }, ['percentOff']],
    ['percent off with a cap', { kind: 'percent_off', percentOff: 10, maxDiscount: 500 }, []],
    ['percent off without a percent', { kind: 'percent_off' }, ['percentOff']],
    ['a free service with a cap', { kind: 'free_service', maxDiscount: 1 }, ['maxDiscount']],
    ['a free service', { kind: 'free_service' }, []],
  ] as const)('should check %s', (_label, input, fields) => {
    expect(templateRuleProblems(input).map((problem) => problem.field)).toEqual(fields);
  });
});

describe('validityProblems', () => {
  it.each([
    ['days', { days: 30 }, []],
    ['fixed dates', { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }, []],
    [
      'dates in the wrong order',
      { from: '2026-12-31T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      ['validity.to'],
    ],
    ['only from', { from: '2026-12-01T00:00:00Z' }, ['validity']],
    ['nothing', {}, ['validity']],
    ['days and dates', { days: 3, from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }, ['validity']],
  ])('should check %s', (_label, validity, fields) => {
    expect(validityProblems(validity).map((problem) => problem.field)).toEqual(fields);
  });
});
