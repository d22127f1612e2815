import type { EyePrescription, PrescriptionInput } from './prescription.types';

/**
 * Transposes a plus-cylinder eye to the stored minus-cylinder form: SPH + CYL, −CYL, axis ± 90
 * (kept within 1…180). The optical power is the same in every meridian. An eye with a minus or
 * zero cylinder is returned as is; other fields (add, prism, …) are never changed.
 */
export function toMinusCylinder(eye: EyePrescription): EyePrescription {
  if (!(eye.cylinder > 0)) return eye;
  return {
    ...eye,
    sphere: eye.sphere + eye.cylinder,
    cylinder: -eye.cylinder,
    axis: eye.axis === null || eye.axis === undefined ? eye.axis : rotateAxis(eye.axis),
  };
}

/** Returns the prescription with both eyes in minus-cylinder form (see `toMinusCylinder`). */
export function normalizePrescription(input: PrescriptionInput): PrescriptionInput {
  return { ...input, od: toMinusCylinder(input.od), os: toMinusCylinder(input.os) };
}

/**
 * Spherical equivalent SE = SPH + CYL/2, in hundredths of a diopter. Not rounded: with powers on
 * the 0.25 D grid it is a multiple of 12.5 (e.g. −112.5 for −1.00 / −0.25), which keeps
 * thresholds such as high myopia (SE ≤ −600) and progression slopes exact. `formatDiopters`
 * rounds it for display. Identical for the plus- and minus-cylinder forms of an eye.
 */
export function sphericalEquivalent(eye: Pick<EyePrescription, 'sphere' | 'cylinder'>): number {
  return eye.sphere + eye.cylinder / 2;
}

// Turning the cylinder by 90° keeps the axis in 1…180: 1…90 → 91…180, 91…180 → 1…90.
function rotateAxis(axis: number): number {
  return axis > 90 ? axis - 90 : axis + 90;
}

/** Myopia is an SE of −0.50 D or less; high myopia −6.00 D or less (hundredths). */
export const MYOPIA_SE = -50;
export const HIGH_MYOPIA_SE = -600;

/** Whether an eye is myopic: SE ≤ −0.50 D (a −0.25 D eye is within measurement noise of plano). */
export function isMyopic(eye: Pick<EyePrescription, 'sphere' | 'cylinder'>): boolean {
  return sphericalEquivalent(eye) <= MYOPIA_SE;
}
