import { PRESCRIPTION_LIMITS } from './prescription.types';

/** Spectacle-to-cornea distance assumed for vertex correction, in metres. */
const VERTEX_DISTANCE_M = 0.012;
/** Below this magnitude (hundredths) the vertex effect is smaller than the 0.25 D step. */
const VERTEX_CORRECTION_THRESHOLD = 400;
const CONTACT_LENS_STEP = 25;

/**
 * Contact-lens power for a spectacle sphere, both in hundredths of a diopter. Powers beyond ±4.00 D
 * are vertex-corrected for 12 mm, F / (1 − 0.012·F), then rounded to the nearest 0.25 D (half away
 * from zero): −500 → −475, −800 → −725, +600 → +650. Powers within ±4.00 D are returned unchanged.
 * Throws a RangeError outside the sphere range (−30.00…+25.00 D), where the formula is meaningless.
 */
export function contactLensPower(spectacleSphereHundredths: number): number {
  const { min, max } = PRESCRIPTION_LIMITS.sphere;
  if (
    !Number.isFinite(spectacleSphereHundredths) ||
    spectacleSphereHundredths < min ||
    spectacleSphereHundredths > max
  ) {
    throw new RangeError(
      `Spectacle sphere must be between ${min} and ${max} hundredths, got ${spectacleSphereHundredths}`,
    );
  }
  if (Math.abs(spectacleSphereHundredths) <= VERTEX_CORRECTION_THRESHOLD) return spectacleSphereHundredths;
  const spectacleDiopters = spectacleSphereHundredths / 100;
  const corneaDiopters = spectacleDiopters / (1 - VERTEX_DISTANCE_M * spectacleDiopters);
  return roundToStep(corneaDiopters * 100, CONTACT_LENS_STEP);
}

function roundToStep(hundredths: number, step: number): number {
  const steps = Math.round(Math.abs(hundredths) / step);
  return steps === 0 ? 0 : Math.sign(hundredths) * steps * step;
}
