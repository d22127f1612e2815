import type { ErrorDetail } from '../errors';
import { compareCalendarDates, parseCalendarDate, requireCalendarDate } from './calendar-date';
import {
  PRESCRIPTION_KINDS,
  PRESCRIPTION_LIMITS,
  PRISM_BASES,
  type EyePrescription,
  type PrescriptionInput,
  type PrescriptionKind,
} from './prescription.types';

export interface ValidatePrescriptionOptions {
  /** Today in the shop's time zone (Asia/Shanghai), `YYYY-MM-DD`; exams after it are rejected. */
  today: string;
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
const PD_TENTHS = { storedAs: 'tenths of a millimetre', scale: 10, decimals: 1, unit: 'mm' };

const RULES = {
  sphere: { ...PRESCRIPTION_LIMITS.sphere, ...DIOPTERS, signed: true },
  cylinder: { ...PRESCRIPTION_LIMITS.cylinder, ...DIOPTERS, signed: true },
  axis: { ...PRESCRIPTION_LIMITS.axis, storedAs: 'degrees', scale: 1, decimals: 0, unit: 'degrees' },
  add: { ...PRESCRIPTION_LIMITS.add, ...DIOPTERS, signed: true },
  prism: {
    ...PRESCRIPTION_LIMITS.prism,
    ...DIOPTERS,
    storedAs: 'hundredths of a prism diopter',
    unit: 'prism D',
  },
  baseCurve: { ...PRESCRIPTION_LIMITS.baseCurve, ...MILLIMETRE_HUNDREDTHS, decimals: 1 },
  diameter: { ...PRESCRIPTION_LIMITS.diameter, ...MILLIMETRE_HUNDREDTHS, decimals: 1 },
  axialLength: { ...PRESCRIPTION_LIMITS.axialLength, ...MILLIMETRE_HUNDREDTHS, decimals: 2 },
  binocularPd: { ...PRESCRIPTION_LIMITS.binocularPd, ...PD_TENTHS },
  monocularPd: { ...PRESCRIPTION_LIMITS.monocularPd, ...PD_TENTHS },
} satisfies Record<string, QuantityRule>;

const KINDS_WITH_ADD: readonly PrescriptionKind[] = ['near', 'progressive'];

/** The per-eye values a prescription of a kind is written with. */
export type EyeValueField = 'sphere' | 'cylinder' | 'axis' | 'add' | 'baseCurve' | 'diameter';

/** SPH CYL AXIS, plus ADD for near vision (near, progressive) or BC and DIA for contact lenses. */
export function eyeFieldsFor(kind: PrescriptionKind): EyeValueField[] {
  const common: EyeValueField[] = ['sphere', 'cylinder', 'axis'];
  if (KINDS_WITH_ADD.includes(kind)) return [...common, 'add'];
  if (kind === 'contact_lens') return [...common, 'baseCurve', 'diameter'];
  return common;
}

type Report = (field: string, message: string) => void;

/**
 * Checks a prescription against the optometry rules (ranges, 0.25 D steps, axis with cylinder,
 * ADD only for near/progressive and required for progressive, prism base, PD form, contact-lens
 * fields only and always for contact_lens, exam date not after `today`). Returns one entry per bad
 * field with a dotted path (`od.cylinder`, `pd.binocular`, `examDate`); empty when valid.
 * Plus-cylinder input is accepted (transpose it with `normalizePrescription` before storing) as
 * long as its minus-cylinder sphere is in range too. Defensive about runtime types, since the
 * body may come straight from a request or a form.
 */
export function validatePrescription(
  input: PrescriptionInput,
  options: ValidatePrescriptionOptions,
): ErrorDetail[] {
  const today = requireCalendarDate(options.today, 'today');
  const details: ErrorDetail[] = [];
  const report: Report = (field, message) => details.push({ field, message });

  const kind = isPrescriptionKind(input.kind) ? input.kind : null;
  if (kind === null) report('kind', `kind must be one of ${PRESCRIPTION_KINDS.join(', ')}`);

  const examDate = parseCalendarDate(input.examDate);
  if (examDate === null) {
    report('examDate', 'examDate must be a real date in YYYY-MM-DD form');
  } else if (compareCalendarDates(examDate, today) > 0) {
    report('examDate', 'examDate must not be in the future');
  }

  validateEye(input.od, 'od', kind, report);
  validateEye(input.os, 'os', kind, report);
  validatePupillaryDistance(input.pd, report);

  if (isPresent(input.notes) && typeof input.notes !== 'string') report('notes', 'notes must be a string');
  return details;
}

// `kind` is null when unknown: the kind-specific presence rules are then skipped, as the kind
// error already explains the problem.
function validateEye(
  eye: EyePrescription | undefined,
  path: string,
  kind: PrescriptionKind | null,
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
  validatePrism(eye, field('prism'), field('prismBase'), report);

  if (isPresent(eye.va) && !isVisualAcuity(eye.va)) {
    const { min, max } = PRESCRIPTION_LIMITS.va;
    report(field('va'), `va must be a decimal acuity between ${min.toFixed(1)} and ${max.toFixed(1)}`);
  }

  const isContactLens = kind === 'contact_lens';
  for (const name of ['baseCurve', 'diameter'] as const) {
    const value = eye[name];
    if (kind !== null && !isContactLens && isPresent(value)) {
      report(field(name), `${name} is only allowed for contact_lens prescriptions`);
    } else if (isContactLens || isPresent(value)) {
      const problem = isPresent(value)
        ? requiredQuantityProblem(name, value, RULES[name])
        : `${name} is required for contact_lens prescriptions`;
      if (problem) report(field(name), problem);
    }
  }

  const axialLengthProblem = optionalQuantityProblem('axialLength', eye.axialLength, RULES.axialLength);
  if (axialLengthProblem) report(field('axialLength'), axialLengthProblem);
}

function validateAdd(add: unknown, field: string, kind: PrescriptionKind | null, report: Report) {
  if (kind === null) {
    const problem = optionalQuantityProblem('add', add, RULES.add);
    if (problem) report(field, problem);
  } else if (!KINDS_WITH_ADD.includes(kind)) {
    if (isPresent(add)) report(field, 'add is only allowed for near and progressive prescriptions');
  } else if (kind === 'progressive' && !isPresent(add)) {
    report(field, 'add is required for progressive prescriptions');
  } else {
    const problem = optionalQuantityProblem('add', add, RULES.add);
    if (problem) report(field, problem);
  }
}

function validatePrism(eye: EyePrescription, prismField: string, baseField: string, report: Report) {
  const prismProblem = optionalQuantityProblem('prism', eye.prism, RULES.prism);
  if (prismProblem) report(prismField, prismProblem);

  const hasPrism = typeof eye.prism === 'number' && eye.prism > 0;
  if (isPresent(eye.prismBase) && !(PRISM_BASES as readonly unknown[]).includes(eye.prismBase)) {
    report(baseField, `prismBase must be one of ${PRISM_BASES.join(', ')}`);
  } else if (hasPrism && !isPresent(eye.prismBase)) {
    report(baseField, 'prismBase is required when prism is greater than 0');
  } else if (!hasPrism && isPresent(eye.prismBase)) {
    // A base without a prism is almost always a form default left behind; storing it would mislead.
    report(baseField, 'prismBase must be empty when there is no prism');
  }
}

function validatePupillaryDistance(pd: unknown, report: Report) {
  if (!isRecord(pd)) {
    report('pd', 'pd is required: { binocular } or { od, os }');
    return;
  }
  const isBinocular = isPresent(pd.binocular);
  const isMonocular = isPresent(pd.od) || isPresent(pd.os);
  if (isBinocular && isMonocular) {
    report('pd', 'pd must be either binocular or monocular (od and os), not both');
  } else if (isBinocular) {
    const problem = requiredQuantityProblem('binocular PD', pd.binocular, RULES.binocularPd);
    if (problem) report('pd.binocular', problem);
  } else if (isMonocular) {
    for (const eye of ['od', 'os'] as const) {
      const problem = requiredQuantityProblem(`${eye} PD`, pd[eye], RULES.monocularPd);
      if (problem) report(`pd.${eye}`, problem);
    }
  } else {
    report('pd', 'pd is required: { binocular } or { od, os }');
  }
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

function isVisualAcuity(value: unknown): boolean {
  const { min, max } = PRESCRIPTION_LIMITS.va;
  return typeof value === 'number' && value >= min && value <= max;
}

function isPrescriptionKind(value: unknown): value is PrescriptionKind {
  return (PRESCRIPTION_KINDS as readonly unknown[]).includes(value);
}

/** Absent means null or undefined; 0 is a value (and e.g. an ADD of 0 is out of range). */
function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
