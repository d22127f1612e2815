import { addMonths, compareCalendarDates, formatCalendarDate, requireCalendarDate } from './calendar-date';

/** Age (in whole years at the exam date) from which a person is an adult. */
export const ADULT_AGE = 18;

/** How long a prescription is valid: children's eyes change fast, so they are re-checked sooner. */
export const PRESCRIPTION_VALIDITY_MONTHS = { adult: 12, child: 6 } as const;

/**
 * Whether a person born on `birthDate` is a child (under 18) on `date`; both `YYYY-MM-DD`.
 * A person becomes an adult on their 18th birthday (a 29 February birthday counts as 28 February
 * in common years). Throws a RangeError on malformed dates.
 */
export function isChildAt(birthDate: string, date: string): boolean {
  const adulthood = addMonths(requireCalendarDate(birthDate, 'birthDate'), ADULT_AGE * 12);
  return compareCalendarDates(requireCalendarDate(date, 'date'), adulthood) < 0;
}

/**
 * The date a prescription expires, `YYYY-MM-DD`: 12 months after the exam for adults, 6 months for
 * children (under 18 on the exam date). It is valid before that date and due for renewal on it.
 * A missing birth date is treated as an adult. Days past the end of the target month are clamped
 * (2026-08-31 → 2027-02-28 for a child). Throws a RangeError on malformed dates.
 */
export function prescriptionExpiry(examDate: string, birthDate: string | null): string {
  const exam = requireCalendarDate(examDate, 'examDate');
  const isChild = birthDate !== null && isChildAt(birthDate, examDate);
  const months = isChild ? PRESCRIPTION_VALIDITY_MONTHS.child : PRESCRIPTION_VALIDITY_MONTHS.adult;
  return formatCalendarDate(addMonths(exam, months));
}
