import { CODE_STEP_SECONDS, redemptionCode, verifyRedemptionCode } from './redemption-code.policy';

const SECRET = 'test-secret-of-at-least-thirty-two-chars';
const STEP_MS = CODE_STEP_SECONDS * 1000;
const START = 1_800_000_000_000 - (1_800_000_000_000 % STEP_MS);

describe('redemption codes', () => {
  const { code, expiresAt } = redemptionCode(SECRET, 42, START + 1_000);

  it.each([
    ['the same step', START + STEP_MS - 1, 42],
    ['the next step (grace)', START + STEP_MS, 42],
    ['two steps later', START + 2 * STEP_MS, null],
    ['the step before it was made', START - 1, null],
  ])('should verify a code in %s as %p', (_label, now, expected) => {
    expect(verifyRedemptionCode(SECRET, code, now)).toBe(expected);
  });

  it('should expire at the end of its step', () => {
    expect(expiresAt.getTime()).toBe(START + STEP_MS);
  });

  it.each([
    ['another secret', verifyRedemptionCode('another-secret', code, START)],
    ['another coupon id', verifyRedemptionCode(SECRET, code.replace('CP42-', 'CP43-'), START)],
    ['garbage', verifyRedemptionCode(SECRET, 'hello', START)],
    ['a member code', verifyRedemptionCode(SECRET, 'M42-0123456789abcdef', START)],
  ])('should refuse a code checked with %s', (_label, result) => {
    expect(result).toBeNull();
  });
});
