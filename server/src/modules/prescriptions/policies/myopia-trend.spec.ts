import { myopiaTrend, type TrendExam } from './myopia-trend';

const BIRTH_DATE = '2018-03-01';

function exam(examDate: string, sphere: number, kind: TrendExam['kind'] = 'distance'): TrendExam {
  return { kind, examDate, od: { sphere, cylinder: 0 }, os: { sphere, cylinder: -50 } };
}

describe('myopiaTrend', () => {
  it('should report about −1.50 D/year and flag it for a child at 8, 8.5 and 9 years', () => {
    const trend = myopiaTrend(
      [exam('2027-03-01', -250), exam('2026-03-01', -100), exam('2026-09-01', -175)],
      BIRTH_DATE,
    );
    expect(trend.points.map((point) => point.examDate)).toEqual(['2026-03-01', '2026-09-01', '2027-03-01']);
    expect(trend.points[0]).toEqual({ examDate: '2026-03-01', odSE: -100, osSE: -125 });
    expect(trend.progressionPerYear.od).toBeGreaterThanOrEqual(-151);
    expect(trend.progressionPerYear.od).toBeLessThanOrEqual(-149);
    expect(trend).toMatchObject({ fastProgression: true, isChild: true });
  });

  it.each([
    ['an adult', '1990-01-01', [exam('2026-01-01', -100), exam('2027-01-01', -200)]],
    ['a person without a birth date', null, [exam('2026-01-01', -100), exam('2027-01-01', -200)]],
    ['a child progressing slowly', BIRTH_DATE, [exam('2026-01-01', -100), exam('2027-01-01', -125)]],
  ])('should not flag fast progression for %s', (_name, birthDate, exams) => {
    expect(myopiaTrend(exams, birthDate).fastProgression).toBe(false);
  });

  it('should leave contact-lens prescriptions out of the series', () => {
    const trend = myopiaTrend(
      [exam('2026-01-01', -100), exam('2026-06-01', -500, 'contact_lens'), exam('2027-01-01', -125)],
      BIRTH_DATE,
    );
    expect(trend.points).toHaveLength(2);
  });

  it('should have no progression with a single exam', () => {
    expect(myopiaTrend([exam('2026-01-01', -100)], BIRTH_DATE)).toEqual({
      points: [{ examDate: '2026-01-01', odSE: -100, osSE: -125 }],
      progressionPerYear: { od: null, os: null },
      fastProgression: false,
      isChild: true,
    });
  });
});
