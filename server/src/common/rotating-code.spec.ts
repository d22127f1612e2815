import {
  CODE_STEP_SECONDS,
  COUPON_CODE,
  MEMBER_CODE,
  looksLikeRotatingCode,
  rotatingCode,
  verifyRotatingCode,
} from './rotating-code';

const SECRET = 'test-secret-of-at-least-thirty-two-chars';
const STEP_MS = CODE_STEP_SECONDS * 1000;
const START = 1_800_000_000_000 - (1_800_000_000_000 % STEP_MS);

describe('rotating codes', () => {
  const { code, expiresAt } = rotatingCode(COUPON_CODE, SECRET, 42, START + 1_000);

  it.each([
    ['the same step', START + STEP_MS - 1, 42],
    ['the next step (grace)', START + STEP_MS, 42],
    ['two steps later', START + 2 * STEP_MS, null],
    ['the step before it was made', START - 1, null],
  ])('should verify a code in %s as %p', (_label, now, expected) => {
    expect(verifyRotatingCode(COUPON_CODE, SECRET, code, now)).toBe(expected);
  });

  it('should expire at the end of its step', () => {
    expect(expiresAt.getTime()).toBe(START + STEP_MS);
  });

  it('should carry the prefix of its kind', () => {
    expect(code).toMatch(/^CP42-[0-9a-f]{16}$/);
    expect(rotatingCode(MEMBER_CODE, SECRET, 42, START).code).toMatch(/^MB42-[0-9a-f]{16}$/);
    expect(looksLikeRotatingCode(MEMBER_CODE, rotatingCode(MEMBER_CODE, SECRET, 7, START).code)).toBe(true);
    expect(looksLikeRotatingCode(MEMBER_CODE, code)).toBe(false);
  });

  it.each([
    ['another secret', verifyRotatingCode(COUPON_CODE, 'another-secret', code, START)],
    ['another coupon id', verifyRotatingCode(COUPON_CODE, SECRET, code.replace('CP42-', 'CP43-'), START)],
    ['garbage', verifyRotatingCode(COUPON_CODE, SECRET, 'hello', START)],
    ['a member code', verifyRotatingCode(COUPON_CODE, SECRET, 'MB42-0123456789abcdef', START)],
    // Same secret, same id, prefix swapped: the purpose in the HMAC still refuses it.
    [
      'a coupon code relabelled as a member code',
      verifyRotatingCode(MEMBER_CODE, SECRET, code.replace('CP', 'MB'), START),
    ],
  ])('should refuse a code checked with %s', (_label, result) => {
    expect(result).toBeNull();
  });
});
