import { isChildAt, prescriptionExpiry } from './expiry';

describe('isChildAt', () => {
  it.each([
    { birthDate: '2018-05-10', date: '2026-10-01', isChild: true },
    { birthDate: '2008-10-02', date: '2026-10-01', isChild: true },
    { birthDate: '2008-10-01', date: '2026-10-01', isChild: false },
    { birthDate: '1990-01-01', date: '2026-10-01', isChild: false },
    { birthDate: '2008-02-29', date: '2026-02-27', isChild: true },
    { birthDate: '2008-02-29', date: '2026-02-28', isChild: false },
  ])(
    'should say child is $isChild when born on $birthDate and checked on $date',
    ({ birthDate, date, isChild }) => {
      expect(isChildAt(birthDate, date)).toBe(isChild);
    },
  );

  it.each([
    ['2008-13-01', '2026-10-01'],
    ['2008-10-01', 'yesterday'],
  ])('should throw when given %p and %p', (birthDate, date) => {
    expect(() => isChildAt(birthDate, date)).toThrow(RangeError);
  });
});

describe('prescriptionExpiry', () => {
  it.each<{ examDate: string; birthDate: string | null; expiry: string }>([
    { examDate: '2026-10-01', birthDate: '1990-01-01', expiry: '2027-10-01' },
    { examDate: '2026-10-01', birthDate: null, expiry: '2027-10-01' },
    { examDate: '2026-10-01', birthDate: '2018-05-10', expiry: '2027-04-01' },
    { examDate: '2026-10-01', birthDate: '2008-10-02', expiry: '2027-04-01' },
    { examDate: '2026-10-01', birthDate: '2008-10-01', expiry: '2027-10-01' },
    { examDate: '2026-08-31', birthDate: '2018-05-10', expiry: '2027-02-28' },
    { examDate: '2024-02-29', birthDate: '1990-01-01', expiry: '2025-02-28' },
    { examDate: '2026-12-15', birthDate: '2015-06-01', expiry: '2027-06-15' },
  ])(
    'should expire on $expiry when examined on $examDate and born on $birthDate',
    ({ examDate, birthDate, expiry }) => {
      expect(prescriptionExpiry(examDate, birthDate)).toBe(expiry);
    },
  );

  it('should throw when the exam date is malformed', () => {
    expect(() => prescriptionExpiry('2026/10/01', null)).toThrow(RangeError);
  });
});
