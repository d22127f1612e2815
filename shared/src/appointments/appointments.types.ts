import type { PageQuery } from '../api-types';

export const APPOINTMENT_SERVICES = ['exam', 'recheck'] as const;
/** An eye exam, or a child's myopia re-check; both take an optometrist's slot. */
export type AppointmentService = (typeof APPOINTMENT_SERVICES)[number];

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** One bookable time of a store's day; `available` = capacity − booked. */
export interface AppointmentSlot {
  /** ISO-8601 UTC instants. */
  start: string;
  end: string;
  capacity: number;
  available: number;
}

export interface AppointmentSlotQuery {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  date: string;
  service: AppointmentService;
}

/** `POST /appointments`: without `profileId` the member's own appointment. */
export interface BookAppointmentRequest {
  storeId: number;
  /** ISO-8601 instant of a slot start (`GET /stores/:id/appointment-slots`). */
  start: string;
  service: AppointmentService;
  profileId?: number;
}

export interface RescheduleAppointmentRequest {
  start: string;
}

export interface Appointment {
  id: number;
  storeId: number;
  storeName: string;
  profileId: number;
  /** Whom the appointment is for (the member or a family profile). */
  profileName: string;
  service: AppointmentService;
  start: string;
  end: string;
  status: AppointmentStatus;
  createdAt: string;
}

/** An appointment on the store's desk, with the member to open the customer card. */
export interface StaffAppointment extends Appointment {
  memberId: number;
}

export interface StaffAppointmentQuery extends PageQuery {
  /** `YYYY-MM-DD` (Asia/Shanghai) or `today`. */
  date?: string;
  /** Admin only: which store's day. */
  storeId?: number;
}

/** A store's appointment settings; slots run through the store's opening hours. */
export interface AppointmentSettings {
  /** 10 … 120 minutes. */
  slotMinutes: number;
  /** Appointments each optometrist of the store takes per slot. */
  perOptometrist: number;
}
