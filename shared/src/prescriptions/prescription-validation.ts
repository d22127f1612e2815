import type { ErrorDetail } from '../errors';
import { compareCalendarDates, parseCalendarDate, requireCalendarDate } from './calendar-date';
import {
  CONTACT_LENS_TYPES,
  HORIZONTAL_PRISM_BASES,
  PRESCRIPTION_KINDS,
  PRESCRIPTION_LIMITS,
  VERTICAL_PRISM_BASES,
  VISUAL_ACUITY_LINES,
  type ContactLensType,
  type EyePrescription,
  type PrescriptionInput,
  type PrescriptionKind,
} from './prescription.types';

export interface ValidatePrescriptionOptions {
  /** Today in the shop's time zone (Asia/Shanghai), `YYYY-MM-DD`; exams after it are rejected. */
  today: string;
  /** The person's birth date, `YYYY-MM-DD`, when known; exams before it are rejected. */
  birthDate?: string | null;
}

/** How a quantity is stored and how its limits read in a message. */
interface QuantityRule {
  min: number;
  max: number;
  step: number;
  storedAs: string;
  /** Stored units per displayed unit (100 for hundredths). */
  scale: number;
  decimals: number;
  unit: string;
  signed?: boolean;
}

const DIOPTERS = { storedAs: 'hundredths of a diopter', scale: 100, decimals: 2, unit: 'D' };
const MILLIMETRE_HUNDREDTHS = { storedAs: 'hundredths of a millimetre', scale: 100, unit: 'mm' };
const MILLIMETRE_TENTHS = { storedAs: 'tenths of a millimetre', scale: 10, decimals: 1, unit: 'mm' };

const RULES = {
  sphere: { ...PRESCRIPTION_LIMITS.sphere, ...DIOPTERS, signed: true },
  cylinder: { ...PRESCRIPTION_LIMITS.cylinder, ...DIOPTERS, signed: true },
  axis: { ...PRESCRIPTION_LIMITS.axis, storedAs: 'degrees', scale: 1, decimals: 0, unit: 'degrees' },
  add: { ...PRESCRIPTION_LIMITS.add, ...DIOPTERS, signed: true },
  prism: {
    ...PRESCRIPTION_LIMITS.prism,
    ...DIOPTERS,
    min: PRESCRIPTION_LIMITS.prism.step,
    storedAs: 'hundredths of a prism diopter',
    unit: 'prism D',
  },
  axialLength: { ...PRESCRIPTION_LIMITS.axialLength, ...MILLIMETRE_HUNDREDTHS, decimals: 2 },
  fittingHeight: { ...PRESCRIPTION_LIMITS.fittingHeight, ...MILLIMETRE_TENTHS },
  binocularPd: { ...PRESCRIPTION_LIMITS.binocularPd, ...MILLIMETRE_TENTHS },
  nearPd: { ...PRESCRIPTION_LIMITS.nearPd, ...MILLIMETRE_TENTHS },
  monocularPd: { ...PRESCRIPTION_LIMITS.monocularPd, ...MILLIMETRE_TENTHS },
} satisfies Record<string, QuantityRule>;

function contactLensRule(type: ContactLensType, name: 'baseCurve' | 'diameter'): QuantityRule {
  const limits = PRESCRIPTION_LIMITS.contactLens[type][name];
  return { ...limits, ...MILLIMETRE_HUNDREDTHS, decimals: limits.step % 10 === 0 ? 1 : 2 };
}

/** Kinds written with a near addition: reading, progressive, and near-add myopia-control designs. */
export const KINDS_WITH_ADD: readonly PrescriptionKind[] = ['near', 'progressive', 'myopia_control'];

/** The per-eye values a prescription of a kind is written with, in the order an optician reads them. */
export type EyeValueField =
  'sphere' | 'cylinder' | 'axis' | 'add' | 'baseCurve' | 'diameter' | 'fittingHeight' | 'va' | 'axialLength';

/**
 * SPH CYL AXIS, then ADD (near, progressive, myopia control), BC and DIA (contact lens) or the
 * fitting height (progressive), then VA and axial length, which every exam may record.
 */
export function eyeFieldsFor(kind: PrescriptionKind): EyeValueField[] {
  const fields: EyeValueField[] = ['sphere', 'cylinder', 'axis'];
  if (KINDS_WITH_ADD.includes(kind)) fields.push('add');
  if (kind === 'contact_lens') fields.push('baseCurve', 'diameter');
  if (kind === 'progressive') fields.push('fittingHeight');
  fields.push('va', 'axialLength');
  return fields;
}

type Report = (field: string, message: string) => void;

/**
 * Checks a prescription against the optometry rules (../shared/product.md): ranges and steps, axis
 * with cylinder, ADD only where the kind has it and required for progressive, two prism components
 * per eye, VA on chart lines, PD form (binocular 40–80 mm, or monocular 20–40 mm within 5 mm of each
 * other; none for contact lenses), monocular PD and fitting height for progressive, contact-lens
 * fields by lens type, exam date between the birth date and `today`. Returns one entry per bad field
 * with a dotted path (`od.cylinder`, `pd.binocular`, `examDate`); empty when valid. Plus-cylinder
 * input is accepted (transpose it with `normalizePrescription` before storing) as long as its
 * minus-cylinder sphere is in range too. Defensive about runtime types, since the body may come
 * straight from a request or a form.
 */
export function validatePrescription(
  input: PrescriptionInput,
  options: ValidatePrescriptionOptions,
): ErrorDetail[] {
  const today = requireCalendarDate(options.today, 'today');
  const birthDate = options.birthDate ? requireCalendarDate(options.birthDate, 'birthDate') : null;
  const details: ErrorDetail[] = [];
  const report: Report = (field, message) => details.push({ field, message });

  const kind = isOneOf(PRESCRIPTION_KINDS, input.kind) ? input.kind : null;
  if (kind === null) report('kind', `kind must be one of ${PRESCRIPTION_KINDS.join(', ')}`);

  const examDate = parseCalendarDate(input.examDate);
  if (examDate === null) {
    report('examDate', 'examDate must be a real date in YYYY-MM-DD form');
  } else if (compareCalendarDates(examDate, today) > 0) {
    report('examDate', 'examDate must not be in the future');
  } else if (birthDate !== null && compareCalendarDates(examDate, birthDate) < 0) {
    report('examDate', `examDate must not be before the birth date ${options.birthDate}`);
  }

  const lensType = validateLensType(input.lensType, kind, report);
  validateEye(input.od, 'od', kind, lensType, report);
  validateEye(input.os, 'os', kind, lensType, report);
  if (kind === 'contact_lens') {
    if (isPresent(input.pd)) report('pd', 'a contact_lens prescription has no pd');
  } else {
    validatePupillaryDistance(input.pd, kind === 'progressive', report);
  }

  if (isPresent(input.notes) && typeof input.notes !== 'string') report('notes', 'notes must be a string');
  return details;
}

// Absent means soft, the common case; an invalid value is reported and checked as soft.
function validateLensType(value: unknown, kind: PrescriptionKind | null, report: Report): ContactLensType {
  if (!isPresent(value)) return 'soft';
  if (kind !== null && kind !== 'contact_lens') {
    report('lensType', 'lensType is only allowed for contact_lens prescriptions');
  } else if (isOneOf(CONTACT_LENS_TYPES, value)) {
    return value;
  } else {
    report('lensType', `lensType must be one of ${CONTACT_LENS_TYPES.join(', ')}`);
  }
  return 'soft';
}

// `kind` is null when unknown: the kind-specific presence rules are then skipped, as the kind
// error already explains the problem.
function validateEye(
  eye: EyePrescription | undefined,
  path: string,
  kind: PrescriptionKind | null,
  lensType: ContactLensType,
  report: Report,
) {
  if (!isRecord(eye)) {
    report(path, `${path} is required`);
    return;
  }
  const field = (name: keyof EyePrescription) => `${path}.${name}`;

  const sphereProblem = requiredQuantityProblem('sphere', eye.sphere, RULES.sphere);
  const cylinderProblem = requiredQuantityProblem('cylinder', eye.cylinder, RULES.cylinder);
  if (sphereProblem) report(field('sphere'), sphereProblem);
  else if (!cylinderProblem && eye.cylinder > 0) {
    // What gets stored is the transposed sphere, so it must be in range as well.
    const transposed = eye.sphere + eye.cylinder;
    if (transposed < RULES.sphere.min || transposed > RULES.sphere.max) {
      report(field('sphere'), `sphere + cylinder (minus-cylinder sphere) must be ${rangeText(RULES.sphere)}`);
    }
  }
  if (cylinderProblem) report(field('cylinder'), cylinderProblem);

  // An off-step but numeric cylinder still tells whether an axis is expected.
  if (typeof eye.cylinder === 'number' && Number.isFinite(eye.cylinder)) {
    if (eye.cylinder !== 0) {
      const axisProblem = requiredQuantityProblem('axis', eye.axis, RULES.axis);
      if (axisProblem) {
        report(field('axis'), isPresent(eye.axis) ? axisProblem : 'axis is required when cylinder is not 0');
      }
    } else if (isPresent(eye.axis)) {
      report(field('axis'), 'axis must be empty when cylinder is 0');
    }
  }

  validateAdd(eye.add, field('add'), kind, report);
  validatePrism(eye.prism, field('prism'), report);

  if (isPresent(eye.va) && !(VISUAL_ACUITY_LINES as readonly unknown[]).includes(eye.va)) {
    report(field('va'), `va must be a decimal chart line: ${VISUAL_ACUITY_LINES.join(', ')}`);
  }

  const isContactLens = kind === 'contact_lens';
  for (const name of ['baseCurve', 'diameter'] as const) {
    const value = eye[name];
    if (kind !== null && !isContactLens && isPresent(value)) {
      report(field(name), `${name} is only allowed for contact_lens prescriptions`);
    } else if (isContactLens || isPresent(value)) {
      const problem = isPresent(value)
        ? requiredQuantityProblem(name, value, contactLensRule(lensType, name))
        : `${name} is required for contact_lens prescriptions`;
      if (problem) report(field(name), problem);
    }
  }

  if (isContactLens && isPresent(eye.fittingHeight)) {
    report(field('fittingHeight'), 'fittingHeight is only allowed for spectacle prescriptions');
  } else if (kind === 'progressive' && !isPresent(eye.fittingHeight)) {
    report(field('fittingHeight'), 'fittingHeight is required for progressive prescriptions');
  } else {
    const problem = optionalQuantityProblem('fittingHeight', eye.fittingHeight, RULES.fittingHeight);
    if (problem) report(field('fittingHeight'), problem);
  }

  const axialLengthProblem = optionalQuantityProblem('axialLength', eye.axialLength, RULES.axialLength);
  if (axialLengthProblem) report(field('axialLength'), axialLengthProblem);
}

function validateAdd(add: unknown, field: string, kind: PrescriptionKind | null, report: Report) {
  if (kind !== null && !KINDS_WITH_ADD.includes(kind)) {
    if (isPresent(add))
      report(field, 'add is only allowed for near, progressive and myopia_control prescriptions');
  } else if (kind === 'progressive' && !isPresent(add)) {
    report(field, 'add is required for progressive prescriptions');
  } else {
    const problem = optionalQuantityProblem('add', add, RULES.add);
    if (problem) report(field, problem);
  }
}

function validatePrism(prism: unknown, path: string, report: Report) {
  if (!isPresent(prism)) return;
  if (!isRecord(prism)) {
    report(path, 'prism must be { horizontal?, vertical? }');
    return;
  }
  const components = [
    ['horizontal', HORIZONTAL_PRISM_BASES],
    ['vertical', VERTICAL_PRISM_BASES],
  ] as const;
  for (const [name, bases] of components) {
    const component = prism[name];
    if (!isPresent(component)) continue;
    if (!isRecord(component)) {
      report(`${path}.${name}`, `prism.${name} must be { amount, base }`);
      continue;
    }
    const problem = requiredQuantityProblem('prism amount', component.amount, RULES.prism);
    if (problem) report(`${path}.${name}.amount`, problem);
    if (!isOneOf(bases, component.base)) {
      report(`${path}.${name}.base`, `${name} prism base must be one of ${bases.join(', ')}`);
    }
  }
  const unknown = Object.keys(prism).filter((key) => key !== 'horizontal' && key !== 'vertical');
  if (unknown.length) report(path, `prism has unknown fields: ${unknown.join(', ')}`);
}

function validatePupillaryDistance(pd: unknown, isProgressive: boolean, report: Report) {
  if (!isRecord(pd)) {
    report('pd', 'pd is required: { binocular } or { od, os }');
    return;
  }
  const isBinocular = isPresent(pd.binocular);
  const isMonocular = isPresent(pd.od) || isPresent(pd.os);
  if (isBinocular && isMonocular) {
    report('pd', 'pd must be either binocular or monocular (od and os), not both');
  } else if (isBinocular) {
    if (isProgressive) report('pd', 'progressive prescriptions need monocular pd (od and os)');
    const problem = requiredQuantityProblem('binocular PD', pd.binocular, RULES.binocularPd);
    if (problem) report('pd.binocular', problem);
  } else if (isMonocular) {
    const problems = (['od', 'os'] as const).map((eye) => {
      const problem = requiredQuantityProblem(`${eye} PD`, pd[eye], RULES.monocularPd);
      if (problem) report(`pd.${eye}`, problem);
      return problem;
    });
    const difference = Math.abs((pd.od as number) - (pd.os as number));
    if (!problems.some(Boolean) && difference > PRESCRIPTION_LIMITS.monocularPdDifference) {
      const limit = displayValue(PRESCRIPTION_LIMITS.monocularPdDifference, RULES.monocularPd, false);
      report('pd', `the od and os PD must be within ${limit} mm of each other`);
    }
  } else {
    report('pd', 'pd is required: { binocular } or { od, os }');
  }
  const nearProblem = optionalQuantityProblem('near PD', pd.near, RULES.nearPd);
  if (nearProblem) report('pd.near', nearProblem);
}

/** The first broken rule of a required integer quantity, or null. */
function requiredQuantityProblem(label: string, value: unknown, rule: QuantityRule): string | null {
  if (!isPresent(value)) return `${label} is required`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `${label} must be a whole number of ${rule.storedAs}`;
  }
  if (value < rule.min || value > rule.max) return `${label} must be ${rangeText(rule)}`;
  if (value % rule.step !== 0) {
    return `${label} must be a multiple of ${displayValue(rule.step, rule, false)} ${rule.unit}`;
  }
  return null;
}

function optionalQuantityProblem(label: string, value: unknown, rule: QuantityRule): string | null {
  return isPresent(value) ? requiredQuantityProblem(label, value, rule) : null;
}

function rangeText(rule: QuantityRule): string {
  const signed = rule.signed ?? false;
  return `between ${displayValue(rule.min, rule, signed)} and ${displayValue(rule.max, rule, signed)} ${rule.unit}`;
}

// Messages are for developers, so an ASCII minus that is easy to grep and type.
function displayValue(stored: number, rule: QuantityRule, signed: boolean): string {
  const text = (stored / rule.scale).toFixed(rule.decimals);
  return signed && stored > 0 ? `+${text}` : text;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** Absent means null or undefined; 0 is a value (and e.g. an ADD of 0 is out of range). */
function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
