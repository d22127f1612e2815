import fc from 'fast-check';
import { addMonths, formatCalendarDate, requireCalendarDate } from './calendar-date';
import {
  isFastAxialGrowth,
  isFastProgression,
  MINIMUM_TREND_DAYS,
  progressionPerYear,
  type ExamValue,
} from './myopia-progression';

const at = (examDate: string, value: number): ExamValue => ({ examDate, value });

/** The date `days` after `start` (both `YYYY-MM-DD`). */
function plusDays(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('progressionPerYear', () => {
  it.each<[string, ExamValue[], number]>([
    // The literature cases of the issue: −0.50 D over one calendar year is −0.50 D/year, leap or not.
    [
      '−0.50 D from 2025-03-01 to 2026-03-01 (365 days)',
      [at('2025-03-01', -200), at('2026-03-01', -250)],
      -50,
    ],
    [
      '−0.50 D from 2027-03-01 to 2028-03-01 (366 days)',
      [at('2027-03-01', -200), at('2028-03-01', -250)],
      -50,
    ],
    [
      '−1.00, −1.75, −2.50 D at 8, 8.5 and 9 years',
      [at('2024-03-01', -100), at('2024-09-01', -175), at('2025-03-01', -250)],
      -150,
    ],
    ['a stable eye', [at('2024-01-01', -300), at('2025-01-01', -300), at('2026-01-01', -300)], 0],
    ['exams out of order', [at('2026-01-01', -300), at('2024-01-01', -100), at('2025-01-01', -200)], -100],
    ['hyperopia wearing off', [at('2024-01-01', 150), at('2026-01-01', 50)], -50],
    // Exams older than 24 months before the newest are left out.
    [
      'an old exam outside the window',
      [at('2020-01-01', 0), at('2025-01-01', -200), at('2026-01-01', -225)],
      -25,
    ],
  ])('should give the rounded least-squares slope for %s', (_, points, expected) => {
    expect(progressionPerYear(points)).toBe(expected);
  });

  it.each<[string, ExamValue[]]>([
    ['no exams', []],
    ['one exam', [at('2026-01-01', -100)]],
    ['two exams one month apart', [at('2026-01-01', -100), at('2026-02-01', -125)]],
    ['two exams 179 days apart', [at('2026-01-01', -100), at('2026-06-29', -150)]],
    [
      'recent exams close together after an old one',
      [at('2022-01-01', 0), at('2026-01-01', -100), at('2026-03-01', -150)],
    ],
  ])('should return null when given %s', (_, points) => {
    expect(progressionPerYear(points)).toBeNull();
  });

  it('should throw when an exam date is malformed', () => {
    expect(() => progressionPerYear([at('2026-01-01', -100), at('2026-02-30', -125)])).toThrow(RangeError);
  });

  const examDate = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));

  it('should give a whole number of hundredths, the same a flag is judged on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(examDate, fc.integer({ min: -2000, max: 800 })), { minLength: 2, maxLength: 8 }),
        (exams) => {
          const rate = progressionPerYear(exams.map(([date, value]) => at(date, value)));
          if (rate === null) return;
          expect(Number.isInteger(rate)).toBe(true);
          expect(isFastProgression(rate)).toBe(rate <= -50);
        },
      ),
    );
  });

  it('should give exactly the change over one calendar year, leap day or not', () => {
    fc.assert(
      fc.property(
        examDate,
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: -1000, max: 0 }),
        (start, change, se) => {
          const end = formatCalendarDate(addMonths(requireCalendarDate(start, 'start'), 12));
          expect(progressionPerYear([at(start, se), at(end, se + change)])).toBe(change);
        },
      ),
    );
  });

  it('should give no rate below 180 days and a rate from 180 days on', () => {
    fc.assert(
      fc.property(
        examDate,
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: -300, max: 300 }),
        (start, days, change) => {
          const rate = progressionPerYear([at(start, -100), at(plusDays(start, days), -100 + change)]);
          expect(rate === null).toBe(days < MINIMUM_TREND_DAYS);
        },
      ),
    );
  });
});

describe('isFastProgression', () => {
  it.each<{ perYear: number | null; isFast: boolean }>([
    { perYear: -150, isFast: true },
    { perYear: -50, isFast: true },
    { perYear: -49, isFast: false },
    { perYear: 0, isFast: false },
    { perYear: 40, isFast: false },
    { perYear: null, isFast: false },
  ])('should say fast is $isFast when the progression is $perYear per year', ({ perYear, isFast }) => {
    expect(isFastProgression(perYear)).toBe(isFast);
  });
});

describe('isFastAxialGrowth', () => {
  it.each<{ perYear: number | null; isFast: boolean }>([
    { perYear: 31, isFast: true },
    { perYear: 30, isFast: false },
    { perYear: 10, isFast: false },
    { perYear: null, isFast: false },
  ])(
    'should say fast is $isFast when the eye grows $perYear hundredths of a mm per year',
    ({ perYear, isFast }) => {
      expect(isFastAxialGrowth(perYear)).toBe(isFast);
    },
  );
});
