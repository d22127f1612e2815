import { ErrorCode, type ErrorDetail } from '../errors';
import { isMyopic } from '../prescriptions/transposition';
import type { EyePrescription, PrescriptionKind } from '../prescriptions/prescription.types';
import type { LensDesign, LensOptionKind, LensPowerRange } from './order.types';

/**
 * Recommended lens index by the strongest meridian power of either eye (hundredths of a diopter),
 * from common optical-shop practice: above ±4.00 D a 1.50 lens gets thick at the edge (minus)
 * or centre (plus), so the index steps up with the power. Advice for the customer, not a rule:
 * whether a lens can be made is its SKU's power range.
 */
export const RECOMMENDED_INDEX_BY_POWER: readonly { above: number; index: number }[] = [
  { above: 800, index: 174 },
  { above: 600, index: 167 },
  { above: 400, index: 160 },
];

/** `'1.60'` → 160. */
export function lensIndexOf(text: string): number {
  return Math.round(Number(text) * 100);
}

/** The strongest power along either principal meridian (sphere, sphere + cylinder), absolute. */
export function strongestMeridian(eye: Pick<EyePrescription, 'sphere' | 'cylinder'>): number {
  return Math.max(Math.abs(eye.sphere), Math.abs(eye.sphere + eye.cylinder));
}

export function recommendedIndexFor(prescription: { od: EyePrescription; os: EyePrescription }): number {
  const power = Math.max(strongestMeridian(prescription.od), strongestMeridian(prescription.os));
  return RECOMMENDED_INDEX_BY_POWER.find((step) => power > step.above)?.index ?? 150;
}

/** What the fit check needs of a prescription; `expired` is judged by the caller's clock. */
export interface PrescriptionToFit {
  kind: PrescriptionKind;
  expired: boolean;
  od: EyePrescription;
  os: EyePrescription;
}

/** A reason a lens cannot be made for a prescription, with the error code the API answers. */
export interface LensFitProblem extends ErrorDetail {
  code:
    | typeof ErrorCode.CONTACT_LENS_PRESCRIPTION_FOR_GLASSES
    | typeof ErrorCode.PRESCRIPTION_EXPIRED
    | typeof ErrorCode.NEAR_PRESCRIPTION_FOR_DISTANCE_LENS
    | typeof ErrorCode.LENS_DOES_NOT_FIT;
}

/**
 * Why spectacle lenses (a design and the powers its SKU can be made in) cannot be made for a
 * prescription; empty when they can. Glasses are never made from a contact-lens prescription
 * (measured at the cornea: glasses from a −7.25 D lens under-correct a −8.00 D eye) or an expired
 * one, nor a distance design from a near-only one. Then each eye must be within the SKU's sphere
 * range, cylinder and (progressive) ADD range; progressive needs an ADD, myopia control a myopic eye.
 * `field` is relative to the order line (`lens`, `prescriptionId`).
 */
export function lensFitProblems(
  lens: { design: LensDesign; powerRange: LensPowerRange | null },
  prescription: PrescriptionToFit,
): LensFitProblem[] {
  if (prescription.kind === 'contact_lens') {
    return [
      {
        code: ErrorCode.CONTACT_LENS_PRESCRIPTION_FOR_GLASSES,
        field: 'prescriptionId',
        message: 'a contact-lens prescription is measured at the cornea and cannot be used for glasses',
      },
    ];
  }
  if (prescription.expired) {
    return [
      {
        code: ErrorCode.PRESCRIPTION_EXPIRED,
        field: 'prescriptionId',
        message: 'the prescription has expired',
      },
    ];
  }
  if (prescription.kind === 'near' && lens.design !== 'single-vision') {
    return [
      {
        code: ErrorCode.NEAR_PRESCRIPTION_FOR_DISTANCE_LENS,
        field: 'prescriptionId',
        message: `a near-only prescription cannot be used for a ${lens.design} lens`,
      },
    ];
  }
  const problems: LensFitProblem[] = [];
  const doesNotFit = (message: string) =>
    problems.push({ code: ErrorCode.LENS_DOES_NOT_FIT, field: 'lens', message });
  const eyes = [
    ['od', prescription.od],
    ['os', prescription.os],
  ] as const;
  const range = lens.powerRange;
  if (range) {
    for (const [name, eye] of eyes) {
      if (eye.sphere < range.sphereMin || eye.sphere > range.sphereMax) {
        doesNotFit(
          `${name} sphere ${eye.sphere} is outside this lens's range ${range.sphereMin}…${range.sphereMax}`,
        );
      }
      if (Math.abs(eye.cylinder) > range.cylinderMax) {
        doesNotFit(`${name} cylinder ${eye.cylinder} is beyond this lens's maximum ${range.cylinderMax}`);
      }
      const add = eye.add ?? null;
      const addMin = range.addMin ?? null;
      const addMax = range.addMax ?? null;
      const outsideAdd = add !== null && addMin !== null && addMax !== null && (add < addMin || add > addMax);
      if (lens.design === 'progressive' && outsideAdd) {
        doesNotFit(`${name} add ${add} is outside this lens's range ${addMin}…${addMax}`);
      }
    }
  }
  if (lens.design === 'progressive' && !eyes.some(([, eye]) => (eye.add ?? 0) > 0)) {
    doesNotFit('a progressive lens needs a prescription with an ADD');
  }
  // Myopia-control designs (defocus lenses) only make sense for a short-sighted eye.
  if (lens.design === 'myopia-control' && !eyes.some(([, eye]) => isMyopic(eye))) {
    doesNotFit('a myopia-control lens needs a myopic eye (SE ≤ −0.50 D)');
  }
  return problems;
}

/**
 * Why a set of option kinds cannot go on one lens: each kind at most once, and a tint on a
 * photochromic lens fights its own darkening. Returns a message per problem.
 */
export function lensOptionProblems(kinds: readonly LensOptionKind[]): string[] {
  const problems: string[] = [];
  const seen = new Set<LensOptionKind>();
  for (const kind of kinds) {
    if (seen.has(kind)) problems.push(`only one ${kind} option per lens`);
    seen.add(kind);
  }
  if (seen.has('photochromic') && seen.has('tint')) problems.push('a photochromic lens cannot be tinted');
  return problems;
}
