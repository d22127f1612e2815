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

function storedPrism(prism: EyePrism | null | undefined): EyePrism | null {
  if (!prism || (!prism.horizontal && !prism.vertical)) return null;
  return { horizontal: prism.horizontal ?? null, vertical: prism.vertical ?? null };
}

function storedEye(eye: EyePrescription): EyePrescription {
  return {
    sphere: eye.sphere,
    cylinder: eye.cylinder,
    axis: eye.axis ?? null,
    add: eye.add ?? null,
    prism: storedPrism(eye.prism),
    va: eye.va ?? null,
    baseCurve: eye.baseCurve ?? null,
    diameter: eye.diameter ?? null,
    axialLength: eye.axialLength ?? null,
    fittingHeight: eye.fittingHeight ?? null,
  };
}

// Validated input holds either a binocular PD or both monocular ones, and maybe a near PD.
function storedPd(pd: PupillaryDistance | null | undefined): PupillaryDistance | null {
  if (!pd) return null;
  const { binocular, od, os, near } = pd as Partial<
    Record<'binocular' | 'od' | 'os' | 'near', number | null>
  >;
  const nearPd = near ?? null;
  return binocular === undefined || binocular === null
    ? { od: od as number, os: os as number, near: nearPd }
    : { binocular, near: nearPd };
}

/** Seals validated, minus-cylinder values in a fixed shape (absent optional fields become null). */
export function sealPrescriptionValues(box: SealedBox, owner: Owner, values: PrescriptionValues): string {
  const stored: PrescriptionValues = {
    od: storedEye(values.od),
    os: storedEye(values.os),
    pd: storedPd(values.pd),
    lensType: values.lensType,
    notes: values.notes,
  };
  return box.seal(stored, associatedData(owner));
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

export function openPrescriptionValues(
  box: SealedBox,
  row: Owner & { sealedValues: string },
): PrescriptionValues {
  const values = box.open<PrescriptionValues>(row.sealedValues, associatedData(row));
  return {
    ...values,
    od: upgradeEye(values.od),
    os: upgradeEye(values.os),
    lensType: values.lensType ?? null,
  };
}

/** The row's values sealed again under the active key (key rotation); the plaintext is unchanged. */
export function resealPrescriptionValues(box: SealedBox, row: Owner & { sealedValues: string }): string {
  return box.reseal(row.sealedValues, associatedData(row));
}
