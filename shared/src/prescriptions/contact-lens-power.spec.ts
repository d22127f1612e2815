import fc from 'fast-check';
import { contactLensFor, roundToContactLensGrid, vertexToCornea } from './contact-lens-power';

const onGrid = (min: number, max: number) =>
  fc.integer({ min: min / 25, max: max / 25 }).map((steps) => steps * 25);

describe('vertexToCornea', () => {
  it.each([
    [-500, -472],
    [-800, -730],
    [600, 647],
    [-1000, -893],
  ])('should move %p to about %p at the cornea', (spectacle, cornea) => {
    expect(Math.round(vertexToCornea(spectacle))).toBe(cornea);
  });

  it.each([-400, -125, 0, 250, 400])('should keep %p unchanged within ±4.00 D', (spectacle) => {
    expect(vertexToCornea(spectacle)).toBe(spectacle);
  });

  it.each([-3025, 2525, NaN])('should throw a RangeError for %p', (spectacle) => {
    expect(() => vertexToCornea(spectacle)).toThrow(RangeError);
  });

  it('should need less minus and more plus at the cornea, never changing the sign', () => {
    fc.assert(
      fc.property(onGrid(-3000, 2500), (spectacle) => {
        const cornea = vertexToCornea(spectacle);
        expect(Math.sign(cornea)).toBe(Math.sign(spectacle));
        expect(cornea).toBeGreaterThanOrEqual(spectacle);
      }),
    );
  });
});

describe('roundToContactLensGrid', () => {
  it.each([
    [-730, -750],
    [-560, -550],
    [-613, -600],
    [-625, -600],
    [-337.5, -325],
    [645, 650],
    [-2206, -2200],
  ])('should round %p to %p', (power, expected) => {
    expect(roundToContactLensGrid(power)).toBe(expected);
  });

  it('should land on the grid, at most half a step away', () => {
    fc.assert(
      fc.property(fc.double({ min: -2500, max: 3600, noNaN: true }), (power) => {
        const rounded = roundToContactLensGrid(power);
        const beyond = Math.abs(rounded) > 600;
        expect(Math.abs(rounded % (beyond ? 50 : 25))).toBe(0);
        expect(Math.abs(rounded - power)).toBeLessThanOrEqual(Math.abs(power) > 600 ? 25 : 12.5);
      }),
    );
  });
});

describe('contactLensFor', () => {
  it.each([
    [
      '−5.00 −2.00×180 (toric, per meridian)',
      { sphere: -500, cylinder: -200, axis: 180 },
      { sphere: -475, cylinder: -175, axis: 180 },
    ],
    [
      '−8.00 (0.50 D grid beyond 6.00)',
      { sphere: -800, cylinder: 0, axis: null },
      { sphere: -750, cylinder: 0, axis: null },
    ],
    [
      '−3.00 −0.75×90 (spherical on the SE)',
      { sphere: -300, cylinder: -75, axis: 90 },
      { sphere: -325, cylinder: 0, axis: null },
    ],
    [
      '−4.50 −0.50×10 (SE −4.75 vertex-corrected)',
      { sphere: -450, cylinder: -50, axis: 10 },
      { sphere: -450, cylinder: 0, axis: null },
    ],
    [
      '−2.00 −1.25×93 (toric, axis to 10°)',
      { sphere: -200, cylinder: -125, axis: 93 },
      { sphere: -200, cylinder: -125, axis: 90 },
    ],
    [
      '+5.00 −1.50×3 (only the +5.00 meridian is corrected; axis 0 is 180)',
      { sphere: 500, cylinder: -150, axis: 3 },
      { sphere: 525, cylinder: -175, axis: 180 },
    ],
  ])('should convert %s', (_, eye, expected) => {
    expect(contactLensFor(eye)).toEqual(expected);
  });

  it('should vertex-correct each principal meridian of a toric prescription separately', () => {
    fc.assert(
      fc.property(
        onGrid(-2000, 1500),
        onGrid(-600, -100),
        fc.integer({ min: 1, max: 180 }),
        (sphere, cylinder, axis) => {
          const lens = contactLensFor({ sphere, cylinder, axis });
          // Sphere meridian: exactly the grid rounding of its own vertex power.
          expect(lens.sphere).toBe(roundToContactLensGrid(vertexToCornea(sphere)));
          // Cylinder meridian: within the two roundings of its own vertex power.
          const tolerance = Math.abs(vertexToCornea(sphere)) > 600 ? 25 + 12.5 : 12.5 + 12.5;
          expect(
            Math.abs(lens.sphere + lens.cylinder - vertexToCornea(sphere + cylinder)),
          ).toBeLessThanOrEqual(tolerance);
          expect(lens.cylinder).toBeLessThanOrEqual(0);
          expect(lens.axis).toBeGreaterThanOrEqual(10);
          expect((lens.axis as number) % 10).toBe(0);
        },
      ),
    );
  });

  it('should give a spherical lens on the SE whenever the cylinder is at most 0.75 D', () => {
    fc.assert(
      fc.property(onGrid(-2000, 1500), onGrid(-75, 0), (sphere, cylinder) => {
        const lens = contactLensFor({ sphere, cylinder, axis: cylinder ? 90 : null });
        expect(lens).toEqual({
          sphere: roundToContactLensGrid(vertexToCornea(sphere + cylinder / 2)),
          cylinder: 0,
          axis: null,
        });
      }),
    );
  });
});
