import { campaignStatusAt, groupRefundNumber, normaliseVoucherCode, voucherCode } from './group-buy.policy';

describe('group-buy policy', () => {
  const campaign = { startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: new Date('2026-12-10T00:00:00Z') };

  it('should tell scheduled, active and ended campaigns apart, an early end included', () => {
    expect(campaignStatusAt({ ...campaign, endedAt: null }, Date.parse('2026-11-30T23:59:59Z'))).toBe(
      'scheduled',
    );
    expect(campaignStatusAt({ ...campaign, endedAt: null }, Date.parse('2026-12-05T00:00:00Z'))).toBe(
      'active',
    );
    expect(campaignStatusAt({ ...campaign, endedAt: null }, Date.parse('2026-12-10T00:00:00Z'))).toBe(
      'ended',
    );
    expect(
      campaignStatusAt(
        { ...campaign, endedAt: new Date('2026-12-02T00:00:00Z') },
        Date.parse('2026-12-05T00:00:00Z'),
      ),
    ).toBe('ended');
  });

  it('should give the same refund number for the same order every time', () => {
    expect(groupRefundNumber('LL261201120000123456')).toBe(groupRefundNumber('LL261201120000123456'));
    expect(groupRefundNumber('LL261201120000123456')).not.toBe(groupRefundNumber('LL261201120000123457'));
  });

  it('should make unambiguous voucher codes and read them back in any case', () => {
    const code = voucherCode();
    expect(code).toMatch(/^GV[2-9A-HJKMNP-Z]{10}$/);
    expect(normaliseVoucherCode(` ${code.toLowerCase()} `)).toBe(code);
  });
});
