import fc from 'fast-check';

import type { EyePrescription, PrescriptionInput } from './prescription.types';
import { validatePrescription } from './prescription-validation';
import { normalizePrescription, sphericalEquivalent, toMinusCylinder } from './transposition';

/** Power (hundredths) of a sphero-cylinder in the meridian at `degrees`: SPH + CYL·sin²(θ − axis). */
function meridianPower(eye: EyePrescription, degrees: number): number {
  const radians = ((degrees - (eye.axis ?? 0)) * Math.PI) / 180;
  return eye.sphere + eye.cylinder * Math.sin(radians) ** 2;
}

const onGrid = (min: number, max: number) =>
  fc.integer({ min: min / 25, max: max / 25 }).map((steps) => steps * 25);

/** Any eye whose sphere, cylinder and axis pass validation on their own (cylinder of either sign). */
const eyeArbitrary: fc.Arbitrary<EyePrescription> = fc
  .record({
    sphere: onGrid(-3000, 2500),
    cylinder: onGrid(-1000, 1000),
    axis: fc.integer({ min: 1, max: 180 }),
  })
  .map(({ sphere, cylinder, axis }) => ({ sphere, cylinder, axis: cylinder === 0 ? null : axis }));

const MERIDIANS = Array.from({ length: 180 }, (_, degrees) => degrees);

function distance(od: EyePrescription, os: EyePrescription = od): PrescriptionInput {
  return { kind: 'distance', examDate: '2026-10-01', od, os, pd: { binocular: 630 } };
}

describe('toMinusCylinder', () => {
  it.each<[string, EyePrescription, EyePrescription]>([
    [
      'plus-cyl axis 90',
      { sphere: -200, cylinder: 50, axis: 90 },
      { sphere: -150, cylinder: -50, axis: 180 },
    ],
    ['plus-cyl axis 180', { sphere: 100, cylinder: 75, axis: 180 }, { sphere: 175, cylinder: -75, axis: 90 }],
    ['plus-cyl axis 1', { sphere: 0, cylinder: 100, axis: 1 }, { sphere: 100, cylinder: -100, axis: 91 }],
    ['plus-cyl axis 91', { sphere: -300, cylinder: 25, axis: 91 }, { sphere: -275, cylinder: -25, axis: 1 }],
    [
      'plus-cyl axis 45',
      { sphere: -125, cylinder: 1000, axis: 45 },
      { sphere: 875, cylinder: -1000, axis: 135 },
    ],
  ])('should transpose when the eye is %s', (_, eye, expected) => {
    expect(toMinusCylinder(eye)).toEqual(expected);
  });

  it.each<[string, EyePrescription]>([
    ['minus-cyl', { sphere: -125, cylinder: -50, axis: 180 }],
    ['zero-cyl', { sphere: -100, cylinder: 0, axis: null }],
    ['zero-cyl without axis', { sphere: 250, cylinder: 0 }],
  ])('should return the eye unchanged when it is %s', (_, eye) => {
    expect(toMinusCylinder(eye)).toBe(eye);
  });

  it('should keep every other field when transposing', () => {
    const eye: EyePrescription = {
      sphere: 100,
      cylinder: 50,
      axis: 30,
      add: 200,
      prism: { horizontal: { amount: 100, base: 'in' } },
      fittingHeight: 180,
      va: 1.0,
      axialLength: 2350,
    };
    expect(toMinusCylinder(eye)).toEqual({ ...eye, sphere: 150, cylinder: -50, axis: 120 });
  });

  it('should keep a missing axis missing when a plus cylinder has none', () => {
    expect(toMinusCylinder({ sphere: 0, cylinder: 50, axis: null })).toEqual({
      sphere: 50,
      cylinder: -50,
      axis: null,
    });
  });

  it('should not mutate the input when transposing', () => {
    const eye: EyePrescription = { sphere: -200, cylinder: 50, axis: 90 };
    toMinusCylinder(eye);
    expect(eye).toEqual({ sphere: -200, cylinder: 50, axis: 90 });
  });

  describe('properties', () => {
    it('should keep the power in every meridian when transposing', () => {
      fc.assert(
        fc.property(eyeArbitrary, (eye) => {
          const transposed = toMinusCylinder(eye);
          for (const degrees of MERIDIANS) {
            expect(meridianPower(transposed, degrees)).toBeCloseTo(meridianPower(eye, degrees), 9);
          }
        }),
      );
    });

    it('should reach a fixed point when transposing twice', () => {
      fc.assert(
        fc.property(eyeArbitrary, (eye) => {
          const once = toMinusCylinder(eye);
          expect(toMinusCylinder(once)).toEqual(once);
          expect(once.cylinder).toBeLessThanOrEqual(0);
        }),
      );
    });

    it('should keep values on the 0.25 D grid, axis in 1…180 and a valid eye valid when transposing', () => {
      fc.assert(
        fc.property(eyeArbitrary, (eye) => {
          fc.pre(validatePrescription(distance(eye), { today: '2026-10-01' }).length === 0);
          const transposed = toMinusCylinder(eye);
          expect(Number.isInteger(transposed.sphere / 25)).toBe(true);
          expect(Number.isInteger(transposed.cylinder / 25)).toBe(true);
          if (transposed.cylinder !== 0) {
            expect(transposed.axis).toBeGreaterThanOrEqual(1);
            expect(transposed.axis).toBeLessThanOrEqual(180);
          }
          expect(validatePrescription(distance(transposed), { today: '2026-10-01' })).toEqual([]);
        }),
      );
    });

    it('should keep the spherical equivalent when transposing', () => {
      fc.assert(
        fc.property(eyeArbitrary, (eye) => {
          expect(sphericalEquivalent(toMinusCylinder(eye))).toBe(sphericalEquivalent(eye));
        }),
      );
    });
  });
});

describe('normalizePrescription', () => {
  it('should transpose both eyes when they are in plus-cylinder form', () => {
    const input = distance({ sphere: -200, cylinder: 50, axis: 90 }, { sphere: 0, cylinder: 75, axis: 10 });
    expect(normalizePrescription(input)).toEqual({
      ...input,
      od: { sphere: -150, cylinder: -50, axis: 180 },
      os: { sphere: 75, cylinder: -75, axis: 100 },
    });
  });

  it('should leave the prescription equal when it is already in minus-cylinder form', () => {
    const input = distance({ sphere: -125, cylinder: -50, axis: 180 }, { sphere: -100, cylinder: 0 });
    expect(normalizePrescription(input)).toEqual(input);
  });
});

describe('sphericalEquivalent', () => {
  it.each<[number, number, number]>([
    [-125, -50, -150],
    [-100, 0, -100],
    [-100, -25, -112.5],
    [200, -75, 162.5],
    [-575, -50, -600],
  ])('should give SE %p + %p/2 = %p when the cylinder is halved exactly', (sphere, cylinder, expected) => {
    expect(sphericalEquivalent({ sphere, cylinder })).toBe(expected);
  });
});
