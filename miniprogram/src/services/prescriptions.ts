import {
  TREND_KINDS,
  type AuditEntry,
  type Consent,
  type CreateProfileRequest,
  type CustomerCard,
  type CustomerSummary,
  type FamilyProfile,
  type MyopiaTrend,
  type Page,
  type Prescription,
  type RecordPrescriptionRequest,
} from '@lensloop/shared';
import { callApi } from './request';

/** Version of the privacy policy text the consent card shows. */
export const PRIVACY_POLICY_VERSION = '2026-11';

export async function fetchPrescriptionConsent(): Promise<boolean> {
  const consents = await callApi((api) => api.listConsents());
  return consents.some((consent) => consent.kind === 'prescription_storage' && consent.granted);
}

export function recordPrescriptionConsent(granted: boolean): Promise<Consent> {
  return callApi((api) =>
    api.recordConsent({ kind: 'prescription_storage', granted, policyVersion: PRIVACY_POLICY_VERSION }),
  );
}

export function createProfile(request: CreateProfileRequest): Promise<FamilyProfile> {
  return callApi((api) => api.createProfile(request));
}

export function listProfiles(): Promise<FamilyProfile[]> {
  return callApi((api) => api.listProfiles());
}

export function listPrescriptions(profileId: number): Promise<Page<Prescription>> {
  return callApi((api) => api.listPrescriptions({ profileId, pageSize: 50 }));
}

/** Prescriptions of the whole family that lenses can still be made for: valid, not contact lenses. */
export async function listSpectaclePrescriptions(): Promise<Prescription[]> {
  const page = await callApi((api) => api.listPrescriptions({ pageSize: 50 }));
  return page.items.filter((prescription) => !prescription.expired && prescription.kind !== 'contact_lens');
}

/** The family's newest valid distance refraction, from which contact lenses are converted. */
export async function newestDistancePrescription(): Promise<Prescription | null> {
  const prescriptions = await listSpectaclePrescriptions();
  return prescriptions.find((prescription) => TREND_KINDS.includes(prescription.kind)) ?? null;
}

export function fetchMyopiaTrend(profileId: number): Promise<MyopiaTrend> {
  return callApi((api) => api.myopiaTrend(profileId));
}

export function listAccessLog(): Promise<Page<AuditEntry>> {
  return callApi((api) => api.prescriptionAccessLog({ pageSize: 100 }));
}

export function searchCustomers(q: string): Promise<Page<CustomerSummary>> {
  return callApi((api) => api.searchCustomers({ q }));
}

export function fetchCustomer(memberId: number): Promise<CustomerCard> {
  return callApi((api) => api.getCustomer(memberId));
}

export function fetchLatestPrescription(memberId: number, profileId: number): Promise<Prescription> {
  return callApi((api) => api.latestPrescription(memberId, { profileId }));
}

export function recordPrescription(memberId: number, body: RecordPrescriptionRequest): Promise<Prescription> {
  return callApi((api) => api.recordPrescription(memberId, body));
}
