import { epochDay, requireCalendarDate } from './calendar-date';

/** One exam on a myopia chart: its date and the eye's spherical equivalent in hundredths. */
export interface MyopiaExamPoint {
  examDate: string;
  se: number;
}

/** Progression (hundredths per year) beyond which a child's myopia is flagged: −0.50 D/year. */
export const FAST_PROGRESSION_PER_YEAR = -50;

const DAYS_PER_YEAR = 365.25;

/**
 * Rate of change of the spherical equivalent in hundredths of a diopter per year (negative = more
 * myopic), as the least-squares slope over all exams: one noisy exam moves it less than it would
 * move a first-to-last difference. Not rounded. Null with fewer than 2 exams or when all exams share
 * one date. Order of points does not matter. Throws a RangeError on a malformed date.
 */
export function myopiaProgression(points: readonly MyopiaExamPoint[]): number | null {
  if (points.length < 2) return null;
  const years = points.map(
    (point) => epochDay(requireCalendarDate(point.examDate, 'examDate')) / DAYS_PER_YEAR,
  );
  const meanYear = mean(years);
  const meanSe = mean(points.map((point) => point.se));
  let covariance = 0;
  let variance = 0;
  points.forEach((point, index) => {
    const yearOffset = years[index] - meanYear;
    covariance += yearOffset * (point.se - meanSe);
    variance += yearOffset * yearOffset;
  });
  return variance === 0 ? null : covariance / variance;
}

/** Whether a progression rate (hundredths per year) is faster than 0.50 D/year towards myopia. */
export function isFastProgression(perYear: number | null): boolean {
  return perYear !== null && perYear < FAST_PROGRESSION_PER_YEAR;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
