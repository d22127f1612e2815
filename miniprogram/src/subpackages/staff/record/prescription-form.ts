import {
  CONTACT_LENS_TYPES,
  eyeFieldsFor,
  parseDiopters,
  PRESCRIPTION_LIMITS,
  validatePrescription,
  type ContactLensType,
  type ErrorDetail,
  type EyePrescription,
  type EyePrism,
  type EyeValueField,
  type PrescriptionInput,
  type PrescriptionKind,
  type PupillaryDistance,
} from '@lensloop/shared';
import type { MessageKey } from '../../../i18n';

export const FORM_KINDS: PrescriptionKind[] = [
  'distance',
  'near',
  'progressive',
  'myopia_control',
  'contact_lens',
];
export const LENS_TYPES = CONTACT_LENS_TYPES;
export const EYES = ['od', 'os'] as const;
export const PRISM_FIELDS = ['prismHorizontal', 'prismVertical'] as const;
export const PD_FIELDS = ['pd.binocular', 'pd.od', 'pd.os', 'pd.near'] as const;

export type Eye = (typeof EYES)[number];
/** A text box of one eye: a value of the kind, or one prism component ("1.00 BI"). */
export type EyeField = EyeValueField | (typeof PRISM_FIELDS)[number];
type PdField = (typeof PD_FIELDS)[number];
const EYE_TEXT_FIELDS: readonly EyeField[] = [
  'sphere',
  'cylinder',
  'axis',
  'add',
  'baseCurve',
  'diameter',
  'fittingHeight',
  'va',
  'axialLength',
  ...PRISM_FIELDS,
];
/** What the optometrist typed, field by field (`od.sphere`, `pd.od`, `examDate`, `notes`). */
export type FormText = Record<`${Eye}.${EyeField}` | PdField | 'examDate' | 'notes', string>;

/** The eye's text boxes for a kind: its values, and the two prism components on spectacles. */
export function eyeTextFieldsFor(kind: PrescriptionKind): EyeField[] {
  return kind === 'contact_lens' ? eyeFieldsFor(kind) : [...eyeFieldsFor(kind), ...PRISM_FIELDS];
}

export function emptyForm(today: string): FormText {
  const text = { examDate: today, notes: '' } as FormText;
  for (const eye of EYES) for (const field of EYE_TEXT_FIELDS) text[`${eye}.${field}`] = '';
  for (const field of PD_FIELDS) text[field] = '';
  return text;
}

const decimal = (value: number, decimals: number) => value.toFixed(decimals);

/**
 * Unit and range of a field as an optician writes it ("−30.00…+25.00 D"): notation, not language.
 * Base curve and diameter depend on the contact-lens type.
 */
export function fieldHint(field: EyeField | PdField, lensType: ContactLensType): string {
  const diopters = ({ min, max }: { min: number; max: number }) =>
    `${min < 0 ? '−' : '+'}${decimal(Math.abs(min) / 100, 2)}…+${decimal(max / 100, 2)} D`;
  const millimetres = ({ min, max }: { min: number; max: number }, scale: number, decimals: number) =>
    `${decimal(min / scale, decimals)}…${decimal(max / scale, decimals)} mm`;
  const limits = PRESCRIPTION_LIMITS;
  const contactLens = limits.contactLens[lensType];
  switch (field) {
    case 'sphere':
      return diopters(limits.sphere);
    case 'cylinder':
      return diopters(limits.cylinder);
    case 'axis':
      return '1…180°';
    case 'add':
      return diopters(limits.add);
    case 'baseCurve':
      return millimetres(contactLens.baseCurve, 100, 2);
    case 'diameter':
      return millimetres(contactLens.diameter, 100, 1);
    case 'fittingHeight':
      return millimetres(limits.fittingHeight, 10, 1);
    case 'va':
      return '0.1…2.0';
    case 'axialLength':
      return millimetres(limits.axialLength, 100, 2);
    case 'prismHorizontal':
      return '0.25…10 Δ BI/BO';
    case 'prismVertical':
      return '0.25…10 Δ BU/BD';
    case 'pd.binocular':
    case 'pd.near':
      return millimetres(limits.binocularPd, 10, 1);
    case 'pd.od':
    case 'pd.os':
      return millimetres(limits.monocularPd, 10, 1);
  }
}

type Parsed<T> = T | null | 'unreadable';

const PRISM_BASES = { BI: 'in', BO: 'out', BU: 'up', BD: 'down' } as const;

/** Millimetres typed with up to `decimals` decimals, stored in 1/`scale` mm. */
function parseMillimetres(text: string, scale: number, decimals: number): Parsed<number> {
  const pattern = new RegExp(`^\\d{1,3}(\\.\\d{1,${decimals}})?$`);
  return pattern.test(text) ? Math.round(Number(text) * scale) : 'unreadable';
}

function parseField(field: EyeValueField, text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (field) {
    case 'axis':
      return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : 'unreadable';
    // Lengths are typed in millimetres ("8.6") and stored in hundredths or, for heights, tenths.
    case 'baseCurve':
    case 'diameter':
    case 'axialLength':
      return parseMillimetres(trimmed, 100, 2);
    case 'fittingHeight':
      return parseMillimetres(trimmed, 10, 1);
    case 'va':
      return /^\d(\.\d{1,2})?$/.test(trimmed) ? Number(trimmed) : 'unreadable';
    default:
      return parseDiopters(trimmed) ?? 'unreadable';
  }
}

/** "1.00 BI", "0.5BU": the amount in hundredths of a prism diopter and the base. */
function parsePrism(text: string): Parsed<{ amount: number; base: string }> {
  const trimmed = text.trim().toUpperCase();
  if (trimmed === '') return null;
  const match = /^(\d{1,2}(?:\.\d{1,2})?)\s*(BI|BO|BU|BD)$/.exec(trimmed);
  if (!match) return 'unreadable';
  return {
    amount: Math.round(Number(match[1]) * 100),
    base: PRISM_BASES[match[2] as keyof typeof PRISM_BASES],
  };
}

/** The localized message for a field error from `validatePrescription` or the server. */
export function messageKeyOf(field: string): MessageKey {
  if (field.startsWith('pd')) return 'rx.error.pd';
  if (field === 'examDate') return 'rx.error.examDate';
  const name = field.split('.')[1];
  if (name === 'prism') return 'rx.error.prism';
  return (EYE_TEXT_FIELDS as readonly string[]).includes(name)
    ? `rx.error.${name as EyeValueField}`
    : 'error.VALIDATION_FAILED';
}

/** Form field of an error path: `od.prism.horizontal.base` → `od.prismHorizontal`. */
export function formFieldOf(field: string): string {
  const [eye, name, component] = field.split('.');
  if (name !== 'prism') return field;
  return `${eye}.${component === 'vertical' ? 'prismVertical' : 'prismHorizontal'}`;
}

function readEye(
  text: FormText,
  eye: Eye,
  kind: PrescriptionKind,
  errors: Map<string, MessageKey>,
): EyePrescription {
  const values: Partial<Record<EyeValueField, number | null>> = {};
  // Fields the kind does not have are hidden and left out, whatever was typed before a switch.
  for (const field of eyeFieldsFor(kind)) {
    const parsed = parseField(field, text[`${eye}.${field}`]);
    if (parsed === 'unreadable') errors.set(`${eye}.${field}`, 'rx.error.format');
    else values[field] = parsed;
  }
  const prism: Record<string, unknown> = {};
  if (kind !== 'contact_lens') {
    for (const field of PRISM_FIELDS) {
      const parsed = parsePrism(text[`${eye}.${field}`]);
      if (parsed === 'unreadable') errors.set(`${eye}.${field}`, 'rx.error.format');
      else if (parsed) prism[field === 'prismHorizontal' ? 'horizontal' : 'vertical'] = parsed;
    }
  }
  return {
    ...values,
    sphere: values.sphere as number,
    cylinder: values.cylinder ?? 0,
    // The base is checked by the shared rules (a horizontal prism based up is reported there).
    prism: Object.keys(prism).length ? (prism as EyePrism) : null,
  };
}

function readPd(text: FormText, errors: Map<string, MessageKey>): PupillaryDistance {
  const values: Partial<Record<PdField, number>> = {};
  for (const field of PD_FIELDS) {
    const trimmed = text[field].trim();
    if (trimmed === '') continue;
    const parsed = parseMillimetres(trimmed, 10, 1);
    if (parsed === 'unreadable') errors.set(field, 'rx.error.format');
    else if (parsed !== null) values[field] = parsed;
  }
  const near = values['pd.near'] ?? null;
  // Monocular when either eye's PD was typed; an empty PD is left out so the rules report it.
  if (values['pd.od'] !== undefined || values['pd.os'] !== undefined) {
    return { od: values['pd.od'], os: values['pd.os'], near } as PupillaryDistance;
  }
  return { binocular: values['pd.binocular'], near } as PupillaryDistance;
}

/**
 * Reads the form into a prescription and checks it with the shared rules (the ones the server
 * applies), so the optometrist sees each problem as they type. Errors are keyed by form field.
 */
export function readForm(
  text: FormText,
  options: { kind: PrescriptionKind; lensType: ContactLensType; today: string; birthDate: string | null },
): { input: PrescriptionInput; errors: Map<string, MessageKey> } {
  const { kind } = options;
  const errors = new Map<string, MessageKey>();
  const isContactLens = kind === 'contact_lens';
  const input: PrescriptionInput = {
    kind,
    examDate: text.examDate.trim(),
    od: readEye(text, 'od', kind, errors),
    os: readEye(text, 'os', kind, errors),
    pd: isContactLens ? null : readPd(text, errors),
    lensType: isContactLens ? options.lensType : null,
    notes: text.notes,
  };
  addDetails(errors, validatePrescription(input, { today: options.today, birthDate: options.birthDate }));
  return { input, errors };
}

/** Adds rule violations to `errors`, keeping a format error already found for a field. */
export function addDetails(errors: Map<string, MessageKey>, details: ErrorDetail[]): void {
  for (const detail of details) {
    const field = formFieldOf(detail.field);
    if (!errors.has(field)) errors.set(field, messageKeyOf(detail.field));
  }
}
