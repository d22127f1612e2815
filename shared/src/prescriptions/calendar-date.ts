/** A zone-less calendar date; plain integers avoid the time-zone traps of `Date`. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 86_400_000;

/** Parses a strict `YYYY-MM-DD` that names a real day (no 2026-02-30), else null. */
export function parseCalendarDate(text: unknown): CalendarDate | null {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Like `parseCalendarDate` but for dates the caller must already have validated. */
export function requireCalendarDate(text: string, name: string): CalendarDate {
  const date = parseCalendarDate(text);
  if (!date) throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(text)}`);
  return date;
}

export function formatCalendarDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Adds calendar months; a day past the end of the target month is clamped (Aug 31 + 6 → Feb 28). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Negative, zero or positive like a comparator. */
export function compareCalendarDates(left: CalendarDate, right: CalendarDate): number {
  return left.year - right.year || left.month - right.month || left.day - right.day;
}

/** Whole days since 1970-01-01 (negative before). */
export function epochDay({ year, month, day }: CalendarDate): number {
  const instant = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MILLISECONDS_PER_DAY);
}

/** The `YYYY-MM-DD` date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const start = requireCalendarDate(date, 'date');
  return new Date((epochDay(start) + days) * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar date of `instant` in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instants at which the Asia/Shanghai calendar day `date` (`YYYY-MM-DD`) starts and ends. */
export function shanghaiDayRange(date: string): [Date, Date] {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
  return [start, new Date(start.getTime() + 24 * 3_600_000)];
}

/** `YYYY-MM-DD HH:mm` of `instant` in Asia/Shanghai, as times are shown to people in China. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
