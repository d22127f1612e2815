import { myopiaTrend, type TrendExam } from './myopia-trend';

const CHILD = { relation: 'child', birthDate: '2018-03-01' };

function exam(
  examDate: string,
  sphere: number,
  kind: TrendExam['kind'] = 'distance',
  axialLength: number | null = null,
): TrendExam {
  return {
    kind,
    examDate,
    od: { sphere, cylinder: 0, axialLength },
    os: { sphere, cylinder: -50, axialLength },
  };
}

describe('myopiaTrend', () => {
  it('should report −1.50 D/year and flag it for a child at 8, 8.5 and 9 years', () => {
    const trend = myopiaTrend(
      [exam('2027-03-01', -250), exam('2026-03-01', -100), exam('2026-09-01', -175)],
      CHILD,
    );
    expect(trend.points.map((point) => point.examDate)).toEqual(['2026-03-01', '2026-09-01', '2027-03-01']);
    expect(trend.points[0]).toEqual({ examDate: '2026-03-01', odSE: -100, osSE: -125 });
    expect(trend.progressionPerYear).toEqual({ od: -150, os: -150 });
    expect(trend).toMatchObject({ fastProgression: true, isChild: true });
  });

  it.each([
    ['2025-03-01', '2026-03-01'],
    ['2027-03-01', '2028-03-01'],
  ])('should flag −0.50 D from %s to %s, shown as −0.50 D/year', (from, to) => {
    const trend = myopiaTrend([exam(from, -200), exam(to, -250)], CHILD);
    expect(trend.progressionPerYear.od).toBe(-50);
    expect(trend.fastProgression).toBe(true);
  });

  it('should give no rate and no alarm for exams one month apart', () => {
    const trend = myopiaTrend([exam('2026-01-05', -100), exam('2026-02-05', -125)], CHILD);
    expect(trend.progressionPerYear).toEqual({ od: null, os: null });
    expect(trend.fastProgression).toBe(false);
  });

  it.each([
    ['an adult', { relation: 'self', birthDate: '1990-01-01' }],
    ['a spouse without a birth date', { relation: 'spouse', birthDate: null }],
  ])('should not flag fast progression for %s', (_name, person) => {
    expect(myopiaTrend([exam('2026-01-01', -100), exam('2027-01-01', -200)], person).fastProgression).toBe(
      false,
    );
  });

  it('should not flag a child progressing slowly', () => {
    expect(myopiaTrend([exam('2026-01-01', -100), exam('2027-01-01', -125)], CHILD).fastProgression).toBe(
      false,
    );
  });

  it('should leave contact-lens and near prescriptions out of the series', () => {
    const trend = myopiaTrend(
      [
        exam('2026-01-01', -100),
        exam('2026-04-01', 150, 'near'),
        exam('2026-06-01', -475, 'contact_lens'),
        exam('2026-07-02', -125, 'myopia_control'),
        exam('2027-01-01', -150, 'progressive'),
      ],
      CHILD,
    );
    expect(trend.points.map((point) => point.examDate)).toEqual(['2026-01-01', '2026-07-02', '2027-01-01']);
    expect(trend.progressionPerYear.od).toBe(-50);
  });

  it('should chart axial length from every exam that measured it and flag growth over 0.30 mm/year', () => {
    const trend = myopiaTrend(
      [
        exam('2025-01-01', -100, 'distance', 2350),
        exam('2025-07-01', -150, 'contact_lens', 2370),
        exam('2026-01-01', -175, 'myopia_control', 2390),
        exam('2026-03-01', -175),
      ],
      CHILD,
    );
    expect(trend.axialLength).toEqual([
      { examDate: '2025-01-01', od: 2350, os: 2350 },
      { examDate: '2025-07-01', od: 2370, os: 2370 },
      { examDate: '2026-01-01', od: 2390, os: 2390 },
    ]);
    expect(trend.axialGrowthPerYear).toEqual({ od: 40, os: 40 });
    expect(trend.fastAxialGrowth).toBe(true);
  });

  it('should not flag 0.30 mm/year of axial growth', () => {
    const trend = myopiaTrend(
      [exam('2025-01-01', -100, 'distance', 2350), exam('2026-01-01', -125, 'distance', 2380)],
      CHILD,
    );
    expect(trend.axialGrowthPerYear.od).toBe(30);
    expect(trend.fastAxialGrowth).toBe(false);
  });

  it('should count a child profile as a child before any exam', () => {
    expect(myopiaTrend([], CHILD)).toEqual({
      points: [],
      progressionPerYear: { od: null, os: null },
      fastProgression: false,
      isChild: true,
      axialLength: [],
      axialGrowthPerYear: { od: null, os: null },
      fastAxialGrowth: false,
    });
  });
});
