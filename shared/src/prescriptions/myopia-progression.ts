import { addMonths, compareCalendarDates, epochDay, requireCalendarDate } from './calendar-date';
import type { PrescriptionKind } from './prescription.types';

/** One measurement on a chart: the exam date and a value (SE in hundredths of a diopter, say). */
export interface ExamValue {
  examDate: string;
  value: number;
}

/** A child's progression at or beyond this (hundredths per year, after rounding) is flagged: −0.50 D/year. */
export const FAST_PROGRESSION_PER_YEAR = -50;

/** A child's axial growth beyond this (hundredths of a mm per year) is flagged: 0.30 mm/year. */
export const FAST_AXIAL_GROWTH_PER_YEAR = 30;

/** Exams closer together than this give no rate: measurement noise would dominate it. */
export const MINIMUM_TREND_DAYS = 180;

/** Only the exams of the last this many months (before the newest) enter a rate. */
export const TREND_WINDOW_MONTHS = 24;

/**
 * Kinds whose powers are the eye's distance refraction. Near prescriptions carry the ADD in the
 * sphere and contact lenses are vertex-corrected, so either would put a false step into the series.
 */
export const TREND_KINDS: readonly PrescriptionKind[] = ['distance', 'progressive', 'myopia_control'];

const DAYS_PER_YEAR = 365.25;

/**
 * Rate of change per year of a value (SE in hundredths of a diopter, axial length in hundredths of a
 * mm), rounded to a whole hundredth (half away from zero) so that a flag and the number shown agree.
 * The least-squares slope over the exams of the last 24 months before the newest one: one noisy
 * exam moves it less than it would move a first-to-last difference. Null when those exams span
 * fewer than 180 days. Order of points does not matter. Throws a RangeError on a malformed date.
 */
export function progressionPerYear(points: readonly ExamValue[]): number | null {
  if (points.length < 2) return null;
  const dated = points.map((point) => ({
    date: requireCalendarDate(point.examDate, 'examDate'),
    value: point.value,
  }));
  const newest = dated.reduce((latest, point) =>
    compareCalendarDates(point.date, latest.date) > 0 ? point : latest,
  );
  const windowStart = addMonths(newest.date, -TREND_WINDOW_MONTHS);
  const recent = dated.filter((point) => compareCalendarDates(point.date, windowStart) >= 0);
  const days = recent.map((point) => epochDay(point.date));
  if (Math.max(...days) - Math.min(...days) < MINIMUM_TREND_DAYS) return null;

  const years = days.map((day) => day / DAYS_PER_YEAR);
  const meanYear = mean(years);
  const meanValue = mean(recent.map((point) => point.value));
  let covariance = 0;
  let variance = 0;
  recent.forEach((point, index) => {
    const yearOffset = years[index] - meanYear;
    covariance += yearOffset * (point.value - meanValue);
    variance += yearOffset * yearOffset;
  });
  return roundHalfAwayFromZero(covariance / variance);
}

/** Whether a (rounded) SE rate is 0.50 D/year or more towards myopia. */
export function isFastProgression(perYear: number | null): boolean {
  return perYear !== null && perYear <= FAST_PROGRESSION_PER_YEAR;
}

/** Whether a (rounded) axial growth rate is more than 0.30 mm/year. */
export function isFastAxialGrowth(perYear: number | null): boolean {
  return perYear !== null && perYear > FAST_AXIAL_GROWTH_PER_YEAR;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}
