import fc from 'fast-check';

import { contactLensPower } from './contact-lens-power';

const sphereOnGrid = fc.integer({ min: -3000 / 25, max: 2500 / 25 }).map((steps) => steps * 25);

describe('contactLensPower', () => {
  it.each([
    [-500, -475],
    [-800, -725],
    [600, 650],
    [-425, -400],
    [425, 450],
    [-600, -550],
    [-1000, -900],
    [-3000, -2200],
    [1000, 1125],
    [2500, 3575],
  ])('should vertex-correct %p to %p when |power| is over 4.00 D', (spectacle, expected) => {
    expect(contactLensPower(spectacle)).toBe(expected);
  });

  it.each([-400, -125, 0, 250, 400])(
    'should keep %p unchanged when |power| is at most 4.00 D',
    (spectacle) => {
      expect(contactLensPower(spectacle)).toBe(spectacle);
    },
  );

  it.each([-3025, 2525, NaN])(
    'should throw when the spectacle sphere %p is outside the sphere range',
    (spectacle) => {
      expect(() => contactLensPower(spectacle)).toThrow(RangeError);
    },
  );

  it('should always give a multiple of 0.25 D when the spectacle sphere is on the grid', () => {
    fc.assert(
      fc.property(sphereOnGrid, (spectacle) => {
        expect(Number.isInteger(contactLensPower(spectacle) / 25)).toBe(true);
      }),
    );
  });

  it('should be monotonic when the spectacle sphere increases', () => {
    fc.assert(
      fc.property(sphereOnGrid, sphereOnGrid, (first, second) => {
        const [lower, higher] = first <= second ? [first, second] : [second, first];
        expect(contactLensPower(lower)).toBeLessThanOrEqual(contactLensPower(higher));
      }),
    );
  });

  it('should be monotonic when stepping through every pair of neighbours on the sphere grid', () => {
    for (let spectacle = -3000; spectacle < 2500; spectacle += 25) {
      expect(contactLensPower(spectacle)).toBeLessThanOrEqual(contactLensPower(spectacle + 25));
    }
  });

  // Moving the lens onto the cornea needs less minus and more plus, never the reverse.
  it('should never lower the power or flip its sign when correcting for the vertex', () => {
    fc.assert(
      fc.property(sphereOnGrid, (spectacle) => {
        const contact = contactLensPower(spectacle);
        expect(contact).toBeGreaterThanOrEqual(spectacle);
        expect(Math.sign(contact)).toBe(Math.sign(spectacle));
      }),
    );
  });
});
