import { REFERRAL_CODE_PATTERN } from '@lensloop/shared';
import { maskNickname, newReferralCode, normaliseReferralCode } from './referral-code.policy';

describe('referral code policy', () => {
  it('should make 8-character codes of the unambiguous alphabet, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newReferralCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(REFERRAL_CODE_PATTERN);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it('should read a typed code case-insensitively', () => {
    expect(normaliseReferralCode(' abcd2345 ')).toBe('ABCD2345');
  });

  it('should mask nicknames keeping the first (and last) character only', () => {
    expect(maskNickname('张三丰')).toBe('张*丰');
    expect(maskNickname('李四')).toBe('李*');
    expect(maskNickname('王')).toBe('*');
    expect(maskNickname(null)).toBe('**');
    expect(maskNickname('Alexander')).toBe('A****r');
  });
});
