import type { EyePrescription, PupillaryDistance } from '@lensloop/shared';
import type { SealedBox } from '../../infra/crypto/sealed-box';

/** What is encrypted: everything of the exam that is health data. */
export interface PrescriptionValues {
  od: EyePrescription;
  os: EyePrescription;
  pd: PupillaryDistance;
  notes: string;
}

/** The row a sealed value belongs to. */
type Owner = { memberId: number; profileId: number };

// Binds the ciphertext to its owner and profile, so it cannot be moved to another person's row.
function associatedData(owner: Owner): string {
  return `prescription:${owner.memberId}:${owner.profileId}`;
}

function storedEye(eye: EyePrescription): EyePrescription {
  return {
    sphere: eye.sphere,
    cylinder: eye.cylinder,
    axis: eye.axis ?? null,
    add: eye.add ?? null,
    prism: eye.prism ?? null,
    prismBase: eye.prismBase ?? null,
    va: eye.va ?? null,
    baseCurve: eye.baseCurve ?? null,
    diameter: eye.diameter ?? null,
    axialLength: eye.axialLength ?? null,
  };
}

// Validated input holds either a binocular PD or both monocular ones.
function storedPd(pd: PupillaryDistance): PupillaryDistance {
  const { binocular, od, os } = pd as Partial<Record<'binocular' | 'od' | 'os', number | null>>;
  return binocular === undefined || binocular === null
    ? { od: od as number, os: os as number }
    : { binocular };
}

/** Seals validated, minus-cylinder values in a fixed shape (absent optional fields become null). */
export function sealPrescriptionValues(box: SealedBox, owner: Owner, values: PrescriptionValues): string {
  const stored: PrescriptionValues = {
    od: storedEye(values.od),
    os: storedEye(values.os),
    pd: storedPd(values.pd),
    notes: values.notes,
  };
  return box.seal(stored, associatedData(owner));
}

export function openPrescriptionValues(
  box: SealedBox,
  row: Owner & { sealedValues: string },
): PrescriptionValues {
  return box.open<PrescriptionValues>(row.sealedValues, associatedData(row));
}
