import type { EyePrescription, PrescriptionKind } from '@lensloop/shared';

/** What an order needs of a prescription: kind, expiry and powers, to check that the lenses fit. */
export interface PrescriptionForFitting {
  kind: PrescriptionKind;
  /** `YYYY-MM-DD`: no longer valid on that day. */
  expiresAt: string;
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
