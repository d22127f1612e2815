import type { EyePrescription, PrescriptionKind } from '../prescriptions/prescription.types';
import { lensFitProblems, lensIndexOf, lensOptionProblems, recommendedIndexFor } from './lens-fit';
import type { LensDesign, LensOptionKind, LensPowerRange } from './order.types';

const eye = (sphere: number, cylinder = 0, add: number | null = null): EyePrescription => ({
  sphere,
  cylinder,
  axis: cylinder ? 180 : null,
  add,
});

describe('recommendedIndexFor', () => {
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

  it.each(cases)('should recommend for %s index %d', (_label, od, os, expected) => {
    expect(recommendedIndexFor({ od, os })).toBe(expected);
  });

  it('should read a lens index from its text', () => {
    expect(lensIndexOf('1.67')).toBe(167);
  });
});

describe('lensFitProblems', () => {
  const singleVision156: LensPowerRange = { sphereMin: -800, sphereMax: 600, cylinderMax: 400 };
  const defocus: LensPowerRange = { sphereMin: -1000, sphereMax: 500, cylinderMax: 400 };
  const progressive: LensPowerRange = {
    sphereMin: -800,
    sphereMax: 600,
    cylinderMax: 400,
    addMin: 75,
    addMax: 350,
  };

  const cases: [
    string,
    LensDesign,
    LensPowerRange | null,
    PrescriptionKind,
    EyePrescription,
    EyePrescription,
    string[],
  ][] = [
    ['low power single vision', 'single-vision', singleVision156, 'distance', eye(-200), eye(-175), []],
    // The index table is advice: −7.00 on a 1.56 lens that is made to −8.00 is allowed.
    ['−7.00 on a lens made to −8.00', 'single-vision', singleVision156, 'distance', eye(-700), eye(-650), []],
    [
      '−9.00 on a lens made to −8.00',
      'single-vision',
      singleVision156,
      'distance',
      eye(-900),
      eye(-650),
      ['LENS_DOES_NOT_FIT'],
    ],
    [
      'a 4.50 D cylinder on a lens made to 4.00',
      'single-vision',
      singleVision156,
      'distance',
      eye(-100, -450),
      eye(-100),
      ['LENS_DOES_NOT_FIT'],
    ],
    [
      '−7.00 for a child on a defocus lens made to −10.00',
      'myopia-control',
      defocus,
      'myopia_control',
      eye(-700),
      eye(-675),
      [],
    ],
    [
      '−10.50 on a defocus lens made to −10.00',
      'myopia-control',
      defocus,
      'distance',
      eye(-1050),
      eye(-675),
      ['LENS_DOES_NOT_FIT'],
    ],
    [
      'myopia control with a near add',
      'myopia-control',
      defocus,
      'myopia_control',
      eye(-300, 0, 150),
      eye(-300, 0, 150),
      [],
    ],
    [
      'myopia control for −0.25 (not myopic)',
      'myopia-control',
      defocus,
      'distance',
      eye(-25),
      eye(-25),
      ['LENS_DOES_NOT_FIT'],
    ],
    ['myopia control for −0.50 (myopic)', 'myopia-control', defocus, 'distance', eye(-50), eye(0), []],
    [
      'myopia control for a hyperope',
      'myopia-control',
      defocus,
      'distance',
      eye(150),
      eye(100),
      ['LENS_DOES_NOT_FIT'],
    ],
    [
      'progressive with ADD',
      'progressive',
      progressive,
      'progressive',
      eye(-100, 0, 200),
      eye(-100, 0, 200),
      [],
    ],
    [
      'progressive ADD +3.75 beyond +3.50',
      'progressive',
      progressive,
      'progressive',
      eye(-100, 0, 375),
      eye(-100, 0, 375),
      ['LENS_DOES_NOT_FIT', 'LENS_DOES_NOT_FIT'],
    ],
    [
      'progressive without ADD',
      'progressive',
      progressive,
      'distance',
      eye(-100),
      eye(-100),
      ['LENS_DOES_NOT_FIT'],
    ],
    ['a lens without a declared range', 'single-vision', null, 'distance', eye(-1500), eye(-1500), []],
    [
      'glasses from a contact-lens prescription',
      'single-vision',
      singleVision156,
      'contact_lens',
      eye(-725),
      eye(-725),
      ['CONTACT_LENS_PRESCRIPTION_FOR_GLASSES'],
    ],
    [
      'reading glasses from a near prescription',
      'single-vision',
      singleVision156,
      'near',
      eye(150),
      eye(150),
      [],
    ],
    [
      'a progressive from a near prescription',
      'progressive',
      progressive,
      'near',
      eye(150, 0, 200),
      eye(150, 0, 200),
      ['NEAR_PRESCRIPTION_FOR_DISTANCE_LENS'],
    ],
    [
      'myopia control from a near prescription',
      'myopia-control',
      defocus,
      'near',
      eye(-300),
      eye(-300),
      ['NEAR_PRESCRIPTION_FOR_DISTANCE_LENS'],
    ],
  ];

  it.each(cases)('should report for %s: %j', (_label, design, powerRange, kind, od, os, expected) => {
    const problems = lensFitProblems({ design, powerRange }, { kind, expired: false, od, os });
    expect(problems.map((problem) => problem.code)).toEqual(expected);
  });

  it('should refuse an expired prescription before looking at powers', () => {
    const problems = lensFitProblems(
      { design: 'single-vision', powerRange: singleVision156 },
      { kind: 'distance', expired: true, od: eye(-900), os: eye(-900) },
    );
    expect(problems).toEqual([
      { code: 'PRESCRIPTION_EXPIRED', field: 'prescriptionId', message: 'the prescription has expired' },
    ]);
  });

  it('should name the eye and the range when a sphere is out of range', () => {
    const [problem] = lensFitProblems(
      { design: 'single-vision', powerRange: singleVision156 },
      { kind: 'distance', expired: false, od: eye(-200), os: eye(-900) },
    );
    expect(problem).toEqual({
      code: 'LENS_DOES_NOT_FIT',
      field: 'lens',
      message: "os sphere -900 is outside this lens's range -800…600",
    });
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
