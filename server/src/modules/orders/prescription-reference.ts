import type { EyePrescription } from '@lensloop/shared';

/** What an order needs of a prescription: the powers, to check that the chosen lenses fit. */
export interface PrescriptionForFitting {
  od: EyePrescription;
  os: EyePrescription;
}

/**
 * Answers "does prescription X belong to member M (themself or one of their family profiles)".
 * The prescriptions module's `PrescriptionsService` implements it; orders see only this interface.
 */
export interface PrescriptionReferenceChecker {
  /** The prescription when it is the member's or their family's, else null (also when absent). */
  findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null>;
}

export const PRESCRIPTION_REFERENCE_CHECKER = Symbol('PRESCRIPTION_REFERENCE_CHECKER');
