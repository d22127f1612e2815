import { PRESCRIPTION_LIMITS, type EyePrescription } from './prescription.types';
import { sphericalEquivalent } from './transposition';

/** Spectacle-to-cornea distance assumed for vertex correction, in metres. */
const VERTEX_DISTANCE_M = 0.012;
/** Up to this magnitude (hundredths) the vertex effect is smaller than the 0.25 D step. */
const VERTEX_CORRECTION_THRESHOLD = 400;
/** Soft lenses come in 0.25 D steps up to ±6.00 D and 0.50 D steps beyond. */
const FINE_GRID_LIMIT = 600;
const FINE_STEP = 25;
const COARSE_STEP = 50;
/** Up to this cylinder (hundredths, magnitude) a spherical soft lens on the SE does the job. */
export const SPHERICAL_LENS_MAX_CYLINDER = 75;
/** Toric lenses are made in 10° axis steps. */
const TORIC_AXIS_STEP = 10;

/** A contact-lens power: spherical (`cylinder` 0, no axis) or toric, in hundredths of a diopter. */
export interface ContactLensPower {
  sphere: number;
  cylinder: number;
  axis: number | null;
}

/**
 * The power at the cornea of a spectacle power at 12 mm, F / (1 − 0.012·F), both in hundredths and
 * not rounded; within ±4.00 D the power is returned unchanged. Throws a RangeError outside the
 * sphere range (−30.00…+25.00 D), where the formula is meaningless.
 */
export function vertexToCornea(spectacle: number): number {
  const { min, max } = PRESCRIPTION_LIMITS.sphere;
  if (!Number.isFinite(spectacle) || spectacle < min || spectacle > max) {
    throw new RangeError(`Spectacle power must be between ${min} and ${max} hundredths, got ${spectacle}`);
  }
  if (Math.abs(spectacle) <= VERTEX_CORRECTION_THRESHOLD) return spectacle;
  const diopters = spectacle / 100;
  return (diopters / (1 - VERTEX_DISTANCE_M * diopters)) * 100;
}

/**
 * The nearest power on the soft-lens grid (0.25 D up to ±6.00 D, 0.50 D beyond), halfway cases
 * towards plus: −7.30 → −7.50, −5.60 → −5.50, −6.13 → −6.00, −3.375 → −3.25.
 */
export function roundToContactLensGrid(hundredths: number): number {
  const fine = roundToStep(hundredths, FINE_STEP);
  return Math.abs(fine) <= FINE_GRID_LIMIT ? fine : roundToStep(hundredths, COARSE_STEP);
}

/**
 * The contact lens for one eye of a spectacle prescription (minus-cylinder form). With a cylinder
 * up to 0.75 D a spherical lens on the vertex-corrected SE; above it a toric lens whose two
 * principal meridians are vertex-corrected separately (−5.00 −2.00×180 → −4.75 −1.75×180), the
 * sphere on the grid, the cylinder to 0.25 D and the axis to 10°.
 */
export function contactLensFor(eye: Pick<EyePrescription, 'sphere' | 'cylinder' | 'axis'>): ContactLensPower {
  if (Math.abs(eye.cylinder) <= SPHERICAL_LENS_MAX_CYLINDER) {
    return {
      sphere: roundToContactLensGrid(vertexToCornea(sphericalEquivalent(eye))),
      cylinder: 0,
      axis: null,
    };
  }
  const sphereMeridian = vertexToCornea(eye.sphere);
  const cylinderMeridian = vertexToCornea(eye.sphere + eye.cylinder);
  const axis = roundToStep(eye.axis ?? 180, TORIC_AXIS_STEP);
  return {
    sphere: roundToContactLensGrid(sphereMeridian),
    cylinder: roundToStep(cylinderMeridian - sphereMeridian, FINE_STEP),
    axis: axis === 0 ? 180 : axis,
  };
}

// Halfway cases go towards plus: less minus for a myope, the full plus for a hyperope.
function roundToStep(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  return rounded === 0 ? 0 : rounded;
}
