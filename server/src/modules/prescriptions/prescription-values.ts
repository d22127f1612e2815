import type { ContactLensType, EyePrescription, EyePrism, PupillaryDistance } from '@lensloop/shared';
import type { SealedBox } from '../../infra/crypto/sealed-box';

/** What is encrypted: everything of the exam that is health data. */
export interface PrescriptionValues {
  od: EyePrescription;
  os: EyePrescription;
  /** Null for a contact-lens prescription. */
  pd: PupillaryDistance | null;
  lensType: ContactLensType | null;
  notes: string;
}

/** The row a sealed value belongs to. */
type Owner = { memberId: number; profileId: number };

// Binds the ciphertext to its owner and profile, so it cannot be moved to another person's row.
function associatedData(owner: Owner): string {
  return `prescription:${owner.memberId}:${owner.profileId}`;
}

function fixedPrism(prism: EyePrism | null | undefined): EyePrism | null {
  if (!prism || (!prism.horizontal && !prism.vertical)) return null;
  return { horizontal: prism.horizontal ?? null, vertical: prism.vertical ?? null };
}

function fixedEye(eye: EyePrescription): EyePrescription {
  return {
    sphere: eye.sphere,
    cylinder: eye.cylinder,
    axis: eye.axis ?? null,
    add: eye.add ?? null,
    prism: fixedPrism(eye.prism),
    va: eye.va ?? null,
    baseCurve: eye.baseCurve ?? null,
    diameter: eye.diameter ?? null,
    axialLength: eye.axialLength ?? null,
    fittingHeight: eye.fittingHeight ?? null,
  };
}

// Validated input holds either a binocular PD or both monocular ones, and maybe a near PD.
function fixedPd(pd: PupillaryDistance | null | undefined): PupillaryDistance | null {
  if (!pd) return null;
  const { binocular, od, os, near } = pd as Partial<
    Record<'binocular' | 'od' | 'os' | 'near', number | null>
  >;
  const nearPd = near ?? null;
  return binocular === undefined || binocular === null
    ? { od: od as number, os: os as number, near: nearPd }
    : { binocular, near: nearPd };
}

/** Every field present, absent optional ones null, nothing else. */
function inFixedShape(
  values: Partial<PrescriptionValues> & Pick<PrescriptionValues, 'od' | 'os'>,
): PrescriptionValues {
  return {
    od: fixedEye(values.od),
    os: fixedEye(values.os),
    pd: fixedPd(values.pd),
    lensType: values.lensType ?? null,
    notes: values.notes ?? '',
  };
}

/** `value` without its null and undefined fields, at every depth. */
function withoutAbsentFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null && field !== undefined)
      .map(([key, field]) => [key, withoutAbsentFields(field)]),
  );
}

/**
 * Seals validated, minus-cylinder values. Absent optional fields are left out of the plaintext
 * (opening puts them back as null): a typical exam seals to a third of the bytes of the fixed shape
 * with every field, which keeps a chain's prescriptions (the desk's hot rows) in memory.
 */
export function sealPrescriptionValues(box: SealedBox, owner: Owner, values: PrescriptionValues): string {
  return box.seal(withoutAbsentFields(inFixedShape(values)), associatedData(owner));
}

/** Rows sealed before issue 12 had one prism number with one base; it becomes that component. */
type LegacyEye = EyePrescription & { prism?: EyePrism | number | null; prismBase?: string | null };

function upgradeEye(eye: LegacyEye): EyePrescription {
  const { prismBase, prism, ...rest } = eye;
  if (typeof prism !== 'number') return { ...rest, prism: prism ?? null };
  const component = prism > 0 && prismBase ? { amount: prism, base: prismBase } : null;
  const horizontal = prismBase === 'in' || prismBase === 'out';
  return {
    ...rest,
    prism: component ? ({ [horizontal ? 'horizontal' : 'vertical']: component } as EyePrism) : null,
  };
}

/** A row's values in the fixed shape (absent optional fields null), whichever shape they were sealed in. */
export function openPrescriptionValues(
  box: SealedBox,
  row: Owner & { sealedValues: string },
): PrescriptionValues {
  const values = box.open<Partial<PrescriptionValues> & { od: LegacyEye; os: LegacyEye }>(
    row.sealedValues,
    associatedData(row),
  );
  return inFixedShape({ ...values, od: upgradeEye(values.od), os: upgradeEye(values.os) });
}

/** The row's values sealed again under the active key (key rotation); the plaintext is unchanged. */
export function resealPrescriptionValues(box: SealedBox, row: Owner & { sealedValues: string }): string {
  return box.reseal(row.sealedValues, associatedData(row));
}
