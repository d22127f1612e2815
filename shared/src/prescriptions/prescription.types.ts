/**
 * Prescription contract shared by the server and the mini-program.
 *
 * Units (all integers unless noted): powers in hundredths of a diopter (−125 = −1.25 D), prism in
 * hundredths of a prism diopter, base curve / diameter / axial length in hundredths of a millimetre
 * (860 = 8.60 mm), PD and fitting height in tenths of a millimetre (630 = 63.0 mm), visual acuity
 * as a decimal chart line (1.0).
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

export const HORIZONTAL_PRISM_BASES = ['in', 'out'] as const;
export const VERTICAL_PRISM_BASES = ['up', 'down'] as const;
/** Direction of a prism's base. */
export type PrismBase = (typeof HORIZONTAL_PRISM_BASES)[number] | (typeof VERTICAL_PRISM_BASES)[number];

/** One prism component: its power in hundredths of a prism diopter and the direction of its base. */
export interface PrismComponent<Base extends PrismBase> {
  amount: number;
  base: Base;
}

/** The prism of one eye: a horizontal (base in/out) and a vertical (base up/down) component. */
export interface EyePrism {
  horizontal?: PrismComponent<(typeof HORIZONTAL_PRISM_BASES)[number]> | null;
  vertical?: PrismComponent<(typeof VERTICAL_PRISM_BASES)[number]> | null;
}

/** One eye (OD right, OS left) of a prescription. */
export interface EyePrescription {
  /** SPH in hundredths of a diopter. */
  sphere: number;
  /** CYL in hundredths of a diopter; 0 for none. Stored in minus-cylinder form. */
  cylinder: number;
  /** Cylinder axis in whole degrees 1…180; absent when the cylinder is 0. */
  axis?: number | null;
  /** Near addition in hundredths of a diopter (near, progressive, myopia control). */
  add?: number | null;
  /** Prism, up to one horizontal and one vertical component. */
  prism?: EyePrism | null;
  /** Corrected visual acuity on a decimal chart line (`VISUAL_ACUITY_LINES`). */
  va?: number | null;
  /** Contact-lens base curve in hundredths of a millimetre (contact_lens only). */
  baseCurve?: number | null;
  /** Contact-lens diameter in hundredths of a millimetre (contact_lens only). */
  diameter?: number | null;
  /** Axial length in hundredths of a millimetre (myopia management). */
  axialLength?: number | null;
  /** Progressive fitting height in tenths of a millimetre (spectacle kinds; required for progressive). */
  fittingHeight?: number | null;
}

/**
 * Pupillary distance in tenths of a millimetre: one binocular value or one per eye, and optionally
 * the near PD (binocular).
 */
export type PupillaryDistance =
  { binocular: number; near?: number | null } | { od: number; os: number; near?: number | null };

export const CONTACT_LENS_TYPES = ['soft', 'rigid', 'ortho_k'] as const;
/** Soft, rigid gas-permeable, or orthokeratology (角膜塑形镜). */
export type ContactLensType = (typeof CONTACT_LENS_TYPES)[number];

/** The body of a prescription as recorded after an exam or copied from an external one. */
export interface PrescriptionInput {
  kind: PrescriptionKind;
  /** `YYYY-MM-DD`, not in the future and not before the person's birth. */
  examDate: string;
  od: EyePrescription;
  os: EyePrescription;
  /** Required for spectacle kinds; a contact-lens prescription has none. */
  pd?: PupillaryDistance | null;
  /** contact_lens only; `soft` when absent. */
  lensType?: ContactLensType | null;
  notes?: string;
}

/** Decimal visual-acuity chart lines, worst to best. */
export const VISUAL_ACUITY_LINES = [
  0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0,
] as const;

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
  binocularPd: { min: 400, max: 800, step: 5 },
  nearPd: { min: 400, max: 800, step: 5 },
  monocularPd: { min: 200, max: 400, step: 5 },
  /** Largest difference between the two monocular PDs. */
  monocularPdDifference: 50,
  fittingHeight: { min: 140, max: 300, step: 5 },
  axialLength: { min: 1800, max: 3200, step: 1 },
  contactLens: {
    soft: { baseCurve: { min: 800, max: 960, step: 10 }, diameter: { min: 1300, max: 1500, step: 10 } },
    rigid: { baseCurve: { min: 650, max: 950, step: 5 }, diameter: { min: 800, max: 1200, step: 10 } },
    ortho_k: { baseCurve: { min: 650, max: 950, step: 5 }, diameter: { min: 800, max: 1200, step: 10 } },
  },
} as const;

/** ADD above this (hundredths) is allowed but worth a second look. */
export const ADD_WARNING_ABOVE = 350;
