import { isFastProgression, myopiaProgression, type MyopiaExamPoint } from './myopia-progression';

describe('myopiaProgression', () => {
  it('should give about −150 per year when SE goes −1.00, −1.75, −2.50 at ages 8, 8.5 and 9', () => {
    const points: MyopiaExamPoint[] = [
      { examDate: '2024-03-01', se: -100 },
      { examDate: '2024-09-01', se: -175 },
      { examDate: '2025-03-01', se: -250 },
    ];
    const perYear = myopiaProgression(points);
    expect(perYear).toBeCloseTo(-150, -1);
    expect(isFastProgression(perYear)).toBe(true);
  });

  it.each<[string, MyopiaExamPoint[], number]>([
    [
      'two exams a year apart',
      [
        { examDate: '2025-01-01', se: -200 },
        { examDate: '2026-01-01', se: -250 },
      ],
      -50,
    ],
    [
      'a stable eye',
      [
        { examDate: '2024-01-01', se: -300 },
        { examDate: '2025-01-01', se: -300 },
        { examDate: '2026-01-01', se: -300 },
      ],
      0,
    ],
    [
      'hyperopia wearing off',
      [
        { examDate: '2024-01-01', se: 150 },
        { examDate: '2026-01-01', se: 50 },
      ],
      -50,
    ],
    [
      'exams out of order',
      [
        { examDate: '2026-01-01', se: -300 },
        { examDate: '2024-01-01', se: -100 },
        { examDate: '2025-01-01', se: -200 },
      ],
      -100,
    ],
    [
      'one outlier among four exams',
      [
        { examDate: '2023-01-01', se: -100 },
        { examDate: '2024-01-01', se: -200 },
        { examDate: '2025-01-01', se: -100 },
        { examDate: '2026-01-01', se: -200 },
      ],
      -20,
    ],
  ])('should give the least-squares slope when given %s', (_, points, expected) => {
    expect(myopiaProgression(points)).toBeCloseTo(expected, 0);
  });

  it.each<[string, MyopiaExamPoint[]]>([
    ['no exams', []],
    ['one exam', [{ examDate: '2026-01-01', se: -100 }]],
    [
      'two exams on the same day',
      [
        { examDate: '2026-01-01', se: -100 },
        { examDate: '2026-01-01', se: -125 },
      ],
    ],
  ])('should return null when given %s', (_, points) => {
    expect(myopiaProgression(points)).toBeNull();
  });

  it('should throw when an exam date is malformed', () => {
    expect(() =>
      myopiaProgression([
        { examDate: '2026-01-01', se: -100 },
        { examDate: '2026-02-30', se: -125 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('isFastProgression', () => {
  it.each<{ perYear: number | null; isFast: boolean }>([
    { perYear: -150, isFast: true },
    { perYear: -50.5, isFast: true },
    { perYear: -50, isFast: false },
    { perYear: -25, isFast: false },
    { perYear: 0, isFast: false },
    { perYear: 40, isFast: false },
    { perYear: null, isFast: false },
  ])('should say fast is $isFast when the progression is $perYear per year', ({ perYear, isFast }) => {
    expect(isFastProgression(perYear)).toBe(isFast);
  });
});
