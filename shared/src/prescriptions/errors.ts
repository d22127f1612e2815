/** Codes of prescriptions and the consent to store them. */
export const PrescriptionsErrorCode = {
  PRESCRIPTION_NOT_FOUND: 'PRESCRIPTION_NOT_FOUND',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
} as const;
export type PrescriptionsErrorCode = (typeof PrescriptionsErrorCode)[keyof typeof PrescriptionsErrorCode];
