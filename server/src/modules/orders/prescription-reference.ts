import type { EyePrescription } from '@lensloop/shared';

/** What an order needs of a prescription: the powers, to check that the chosen lenses fit. */
export interface PrescriptionForFitting {
  od: EyePrescription;
  os: EyePrescription;
}

/**
 * Answers "does prescription X belong to member M (themself or one of their family profiles)".
 * The prescriptions module provides the real implementation under this token.
 */
export interface PrescriptionReferenceChecker {
  /** The prescription when it is the member's or their family's, else null (also when absent). */
  findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null>;
}

export const PRESCRIPTION_REFERENCE_CHECKER = Symbol('PRESCRIPTION_REFERENCE_CHECKER');

/**
 * Until prescriptions are stored there is none a member could own: every id is refused
 * (PRESCRIPTION_NOT_FOUND) and spectacle orders go through as "add it later at the store".
 */
export class NoPrescriptionsYet implements PrescriptionReferenceChecker {
  async findForMember(): Promise<PrescriptionForFitting | null> {
    return null;
  }
}
