import {
  addDays,
  addMonths,
  epochDay,
  formatCalendarDate,
  parseCalendarDate,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiDayRange,
} from './calendar-date';

describe('parseCalendarDate', () => {
  it.each([
    ['2026-10-01', { year: 2026, month: 10, day: 1 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
  ])('should parse %p when it is a real date', (text, expected) => {
    expect(parseCalendarDate(text)).toEqual(expected);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-1-5',
    '2026-10-01T00:00',
    '',
    20261001,
    null,
  ])('should return null when given %p', (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-12-01', 1, '2027-01-01'],
  ])('should give %p + %p months = %p when clamping to the month end', (date, months, expected) => {
    expect(formatCalendarDate(addMonths(parseCalendarDate(date)!, months))).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-01', -17, '2026-11-14'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-01', 0, '2026-12-01'],
  ])('should move %p by %p days to %p', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('epochDay', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
  ])('should count %p as day %p when counted from 1970-01-01', (text, expected) => {
    expect(epochDay(parseCalendarDate(text)!)).toBe(expected);
  });
});

describe('shanghaiDate', () => {
  it.each([
    ['2026-11-24T15:59:59Z', '2026-11-24'],
    ['2026-11-24T16:00:00Z', '2026-11-25'],
    ['2026-12-31T20:00:00Z', '2027-01-01'],
  ])('should give the Shanghai calendar date of %s', (instant, expected) => {
    expect(shanghaiDate(new Date(instant))).toBe(expected);
  });
});

describe('shanghaiDayRange', () => {
  it('should run from 16:00 UTC the day before to 16:00 UTC on the day', () => {
    expect(shanghaiDayRange('2026-11-25').map((instant) => instant.toISOString())).toEqual([
      '2026-11-24T16:00:00.000Z',
      '2026-11-25T16:00:00.000Z',
    ]);
  });
});

describe('shanghaiDateTime', () => {
  it('should show the wall-clock time in Shanghai', () => {
    expect(shanghaiDateTime(new Date('2026-11-24T16:05:09Z'))).toBe('2026-11-25 00:05');
  });
});
