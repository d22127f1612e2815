import { Injectable } from '@nestjs/common';
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
 * Orders define it; the prescriptions module implements it and registers with the port below.
 */
export interface PrescriptionReferenceChecker {
  /** The prescription when it is the member's or their family's, else null (also when absent). */
  findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null>;
}

/**
 * The orders module's port for prescriptions. Prescriptions depend on orders (a prescription's
 * detail lists the order lines bought with it), so orders cannot import prescriptions back:
 * the prescriptions module registers its checker here when it starts.
 */
@Injectable()
export class PrescriptionReferencePort implements PrescriptionReferenceChecker {
  private checker: PrescriptionReferenceChecker | null = null;

  register(checker: PrescriptionReferenceChecker): void {
    if (this.checker) throw new Error('a prescription reference checker is registered twice');
    this.checker = checker;
  }

  findForMember(memberId: number, prescriptionId: number): Promise<PrescriptionForFitting | null> {
    if (!this.checker) throw new Error('no prescription reference checker is registered');
    return this.checker.findForMember(memberId, prescriptionId);
  }
}
