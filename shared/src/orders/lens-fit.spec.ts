import type { EyePrescription } from '../prescriptions/prescription.types';
import { lensFitProblems, lensIndexOf, lensOptionProblems, minimumIndexFor } from './lens-fit';
import type { LensDesign, LensOptionKind } from './order.types';

const eye = (sphere: number, cylinder = 0, add: number | null = null): EyePrescription => ({
  sphere,
  cylinder,
  add,
});

describe('minimumIndexFor', () => {
  const cases: [string, EyePrescription, EyePrescription, number][] = [
    ['plano', eye(0), eye(0), 150],
    ['−4.00 exactly', eye(-400), eye(-300), 150],
    ['−4.25', eye(-425), eye(-100), 160],
    ['+4.25 in the left eye', eye(100), eye(425), 160],
    ['−3.00 −1.50 cyl (−4.50 meridian)', eye(-300, -150), eye(-100), 160],
    ['−6.00 exactly', eye(-600), eye(-600), 160],
    ['−6.25', eye(-625), eye(-200), 167],
    ['−8.00 exactly', eye(-800), eye(-800), 167],
    ['−8.25', eye(-825), eye(-800), 174],
    ['−12.00', eye(-1200), eye(-1100), 174],
  ];

  it.each(cases)('should ask for index ≥ %s → %d', (_label, od, os, expected) => {
    expect(minimumIndexFor({ od, os })).toBe(expected);
  });
});

describe('lensFitProblems', () => {
  const cases: [string, LensDesign, string, EyePrescription, EyePrescription, string[]][] = [
    ['low power single vision 1.50', 'single-vision', '1.50', eye(-200), eye(-175), []],
    ['high myopia on 1.56', 'single-vision', '1.56', eye(-650), eye(-600), ['INDEX_TOO_LOW']],
    ['high myopia on 1.67', 'single-vision', '1.67', eye(-650), eye(-600), []],
    ['progressive with ADD', 'progressive', '1.60', eye(-100, 0, 200), eye(-100, 0, 200), []],
    ['progressive without ADD', 'progressive', '1.60', eye(-100), eye(-100), ['ADD_REQUIRED']],
    [
      'progressive, no ADD, too strong',
      'progressive',
      '1.50',
      eye(-500),
      eye(-500),
      ['INDEX_TOO_LOW', 'ADD_REQUIRED'],
    ],
    ['myopia control for a myope', 'myopia-control', '1.56', eye(-225), eye(-200), []],
    ['myopia control for a hyperope', 'myopia-control', '1.56', eye(150), eye(100), ['MYOPIA_REQUIRED']],
  ];

  it.each(cases)('should report %s: %j', (_label, design, index, od, os, expected) => {
    const problems = lensFitProblems({ design, index: lensIndexOf(index) }, { od, os });
    expect(problems.map((problem) => problem.code)).toEqual(expected);
  });

  it('should name the minimum index when the index is too low', () => {
    expect(lensFitProblems({ design: 'single-vision', index: 150 }, { od: eye(-900), os: eye(0) })).toEqual([
      { code: 'INDEX_TOO_LOW', minimumIndex: 174 },
    ]);
  });
});

describe('lensOptionProblems', () => {
  const cases: [LensOptionKind[], number][] = [
    [[], 0],
    [['coating', 'blue_cut'], 0],
    [['coating', 'photochromic'], 0],
    [['coating', 'tint'], 0],
    [['coating', 'coating'], 1],
    [['photochromic', 'tint'], 1],
    [['tint', 'tint', 'photochromic'], 2],
  ];

  it.each(cases)('should find in %j %d problem(s)', (kinds, count) => {
    expect(lensOptionProblems(kinds)).toHaveLength(count);
  });
});
