import {
  eyeFieldsFor,
  parseDiopters,
  validatePrescription,
  type ErrorDetail,
  type EyeValueField,
  type EyePrescription,
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
export const EYES = ['od', 'os'] as const;
export const EYE_FIELDS: readonly EyeValueField[] = [
  'sphere',
  'cylinder',
  'axis',
  'add',
  'baseCurve',
  'diameter',
];

export type Eye = (typeof EYES)[number];
export type EyeField = EyeValueField;
/** What the optometrist typed, field by field (`od.sphere`, `pd`, `examDate`). */
export type FormText = Record<`${Eye}.${EyeField}` | 'pd' | 'examDate', string>;

export function emptyForm(today: string): FormText {
  const text = { pd: '', examDate: today } as FormText;
  for (const eye of EYES) for (const field of EYE_FIELDS) text[`${eye}.${field}`] = '';
  return text;
}

type Parsed = number | null | 'unreadable';

function parseField(field: EyeField, text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (field === 'axis') return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : 'unreadable';
  // Base curve and diameter are typed in millimetres ("8.6") and stored in hundredths.
  if (field === 'baseCurve' || field === 'diameter') {
    return /^\d{1,2}(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : 'unreadable';
  }
  return parseDiopters(trimmed) ?? 'unreadable';
}

// PD is typed in millimetres ("63" or "63.5") and stored in tenths.
function parsePd(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,3}(\.\d)?$/.test(trimmed) ? Math.round(Number(trimmed) * 10) : 'unreadable';
}

/** The localized message for a field error from `validatePrescription` or the server. */
export function messageKeyOf(field: string): MessageKey {
  if (field.startsWith('pd')) return 'rx.error.pd';
  if (field === 'examDate') return 'rx.error.examDate';
  const name = field.split('.')[1];
  return (EYE_FIELDS as readonly string[]).includes(name)
    ? `rx.error.${name as EyeField}`
    : 'error.VALIDATION_FAILED';
}

/** Field key (`od.sphere`, `pd`, `examDate`) of an error path such as `pd.binocular`. */
export function formFieldOf(field: string): string {
  return field.startsWith('pd') ? 'pd' : field;
}

/**
 * Reads the form into a prescription and checks it with the shared rules (the ones the server
 * applies), so the optometrist sees each problem as they type. Errors are keyed by form field.
 */
export function readForm(
  text: FormText,
  kind: PrescriptionKind,
  today: string,
): { input: PrescriptionInput; errors: Map<string, MessageKey> } {
  const errors = new Map<string, MessageKey>();
  const eyes = {} as Record<Eye, EyePrescription>;
  for (const eye of EYES) {
    const values: Record<EyeField, number | null> = {
      sphere: null,
      cylinder: null,
      axis: null,
      add: null,
      baseCurve: null,
      diameter: null,
    };
    // Fields the kind does not have are hidden and left out, whatever was typed before a switch.
    for (const field of eyeFieldsFor(kind)) {
      const parsed = parseField(field, text[`${eye}.${field}`]);
      if (parsed === 'unreadable') errors.set(`${eye}.${field}`, 'rx.error.format');
      else values[field] = parsed;
    }
    eyes[eye] = {
      sphere: values.sphere as number,
      cylinder: values.cylinder ?? 0,
      axis: values.axis,
      add: values.add,
      baseCurve: values.baseCurve,
      diameter: values.diameter,
    };
  }
  const pd = parsePd(text.pd);
  if (pd === 'unreadable') errors.set('pd', 'rx.error.format');
  const input: PrescriptionInput = {
    kind,
    examDate: text.examDate.trim(),
    od: eyes.od,
    os: eyes.os,
    // An empty PD is left out so that the rules report it as missing.
    pd: typeof pd === 'number' ? { binocular: pd } : ({} as PupillaryDistance),
  };
  addDetails(errors, validatePrescription(input, { today }));
  return { input, errors };
}

/** Adds rule violations to `errors`, keeping a format error already found for a field. */
export function addDetails(errors: Map<string, MessageKey>, details: ErrorDetail[]): void {
  for (const detail of details) {
    const field = formFieldOf(detail.field);
    if (!errors.has(field)) errors.set(field, messageKeyOf(detail.field));
  }
}
