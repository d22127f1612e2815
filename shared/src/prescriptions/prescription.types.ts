/**
 * Prescription contract shared by the server and the mini-program.
 *
 * Units (all integers unless noted): powers in hundredths of a diopter (−125 = −1.25 D), prism in
 * hundredths of a prism diopter, base curve / diameter / axial length in hundredths of a millimetre
 * (860 = 8.60 mm), PD in tenths of a millimetre (630 = 63.0 mm), visual acuity as a decimal (1.0).
 */

export const PRESCRIPTION_KINDS = [
  'distance',
  'near',
  'progressive',
  'contact_lens',
  'myopia_control',
] as const;
/** What the prescription is for. */
export type PrescriptionKind = (typeof PRESCRIPTION_KINDS)[number];

export const PRISM_BASES = ['in', 'out', 'up', 'down'] as const;
/** Direction of a prism's base. */
export type PrismBase = (typeof PRISM_BASES)[number];

/** One eye (OD right, OS left) of a prescription. */
export interface EyePrescription {
  /** SPH in hundredths of a diopter. */
  sphere: number;
  /** CYL in hundredths of a diopter; 0 for none. Stored in minus-cylinder form. */
  cylinder: number;
  /** Cylinder axis in whole degrees 1…180; absent when the cylinder is 0. */
  axis?: number | null;
  /** Near addition in hundredths of a diopter (near / progressive only). */
  add?: number | null;
  /** Prism in hundredths of a prism diopter. */
  prism?: number | null;
  /** Required when `prism` is greater than 0. */
  prismBase?: PrismBase | null;
  /** Corrected visual acuity, decimal scale 0.1…2.0. */
  va?: number | null;
  /** Contact-lens base curve in hundredths of a millimetre (contact_lens only). */
  baseCurve?: number | null;
  /** Contact-lens diameter in hundredths of a millimetre (contact_lens only). */
  diameter?: number | null;
  /** Axial length in hundredths of a millimetre (myopia management). */
  axialLength?: number | null;
}

/** Pupillary distance in tenths of a millimetre: one binocular value or one per eye. */
export type PupillaryDistance = { binocular: number } | { od: number; os: number };

/** The body of a prescription as recorded after an exam or copied from an external one. */
export interface PrescriptionInput {
  kind: PrescriptionKind;
  /** `YYYY-MM-DD`, not in the future. */
  examDate: string;
  od: EyePrescription;
  os: EyePrescription;
  pd: PupillaryDistance;
  notes?: string;
}

/**
 * Allowed ranges and steps in stored units, for validation and for building pickers
 * (e.g. the SPH wheel runs from `sphere.min` to `sphere.max` by `sphere.step`).
 */
export const PRESCRIPTION_LIMITS = {
  sphere: { min: -3000, max: 2500, step: 25 },
  cylinder: { min: -1000, max: 1000, step: 25 },
  axis: { min: 1, max: 180, step: 1 },
  add: { min: 75, max: 400, step: 25 },
  prism: { min: 0, max: 1000, step: 25 },
  binocularPd: { min: 450, max: 800, step: 5 },
  monocularPd: { min: 200, max: 400, step: 5 },
  va: { min: 0.1, max: 2.0 },
  baseCurve: { min: 800, max: 960, step: 10 },
  diameter: { min: 1300, max: 1500, step: 10 },
  axialLength: { min: 1800, max: 3200, step: 1 },
} as const;
