/** Codes of booking eye exams and re-checks. */
export const AppointmentsErrorCode = {
  APPOINTMENT_NOT_FOUND: 'APPOINTMENT_NOT_FOUND',
  SLOT_FULL: 'SLOT_FULL',
  SLOT_OUTSIDE_HOURS: 'SLOT_OUTSIDE_HOURS',
  SLOT_IN_PAST: 'SLOT_IN_PAST',
  APPOINTMENT_NOT_CHANGEABLE: 'APPOINTMENT_NOT_CHANGEABLE',
} as const;
export type AppointmentsErrorCode = (typeof AppointmentsErrorCode)[keyof typeof AppointmentsErrorCode];
