import type { EyePrescription } from '../prescriptions/prescription.types';
import type { LensDesign, LensOptionKind } from './order.types';

/**
 * Minimum lens index by the strongest meridian power of either eye (hundredths of a diopter),
 * from common optical-shop practice: above ±4.00 D a 1.50 lens gets thick at the edge (minus)
 * or centre (plus), so the index steps up with the power.
 */
export const MINIMUM_INDEX_BY_POWER: readonly { above: number; minimumIndex: number }[] = [
  { above: 800, minimumIndex: 174 },
  { above: 600, minimumIndex: 167 },
  { above: 400, minimumIndex: 160 },
];

export type LensFitProblem =
  { code: 'INDEX_TOO_LOW'; minimumIndex: number } | { code: 'ADD_REQUIRED' } | { code: 'MYOPIA_REQUIRED' };

/** `'1.60'` → 160. */
export function lensIndexOf(text: string): number {
  return Math.round(Number(text) * 100);
}

/** The strongest power along either principal meridian (sphere, sphere + cylinder), absolute. */
export function strongestMeridian(eye: Pick<EyePrescription, 'sphere' | 'cylinder'>): number {
  return Math.max(Math.abs(eye.sphere), Math.abs(eye.sphere + eye.cylinder));
}

export function minimumIndexFor(prescription: { od: EyePrescription; os: EyePrescription }): number {
  const power = Math.max(strongestMeridian(prescription.od), strongestMeridian(prescription.os));
  return MINIMUM_INDEX_BY_POWER.find((step) => power > step.above)?.minimumIndex ?? 150;
}

/** Why a lens (design, index in hundredths) does not suit a prescription; empty when it does. */
export function lensFitProblems(
  lens: { design: LensDesign; index: number },
  prescription: { od: EyePrescription; os: EyePrescription },
): LensFitProblem[] {
  const problems: LensFitProblem[] = [];
  const minimumIndex = minimumIndexFor(prescription);
  if (lens.index < minimumIndex) problems.push({ code: 'INDEX_TOO_LOW', minimumIndex });
  const eyes = [prescription.od, prescription.os];
  if (lens.design === 'progressive' && !eyes.some((eye) => (eye.add ?? 0) > 0)) {
    problems.push({ code: 'ADD_REQUIRED' });
  }
  // Myopia-control designs (defocus lenses) only make sense for a short-sighted eye.
  if (lens.design === 'myopia-control' && !eyes.some((eye) => eye.sphere + eye.cylinder / 2 < 0)) {
    problems.push({ code: 'MYOPIA_REQUIRED' });
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
