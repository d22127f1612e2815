import { daySlots, openingMinutes, slotStartingAt } from './appointment-slots';

describe('openingMinutes', () => {
  it.each([
    ['10:00-21:30', { open: 600, close: 1290 }],
    ['09:15-18:00', { open: 555, close: 1080 }],
    ['10:00–21:00', { open: 600, close: 1260 }],
    ['10:00 ～ 22:00', { open: 600, close: 1320 }],
    ['10:00至21:00', { open: 600, close: 1260 }],
    ['00:00-24:00', { open: 0, close: 1440 }],
    ['21:00-10:00', null],
    ['10-21', null],
    ['', null],
  ])('should read %j as %j', (hours, expected) => {
    expect(openingMinutes(hours)).toEqual(expected);
  });
});

describe('daySlots', () => {
  it('should run from opening every slot length, the last one ending by closing time', () => {
    const slots = daySlots('2026-12-02', '10:00-21:30', 30);
    expect(slots).toHaveLength(23);
    // 10:00 in Shanghai is 02:00 UTC.
    expect(slots[0].start.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(slots[0].end.toISOString()).toBe('2026-12-02T02:30:00.000Z');
    expect(slots[22].start.toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(slots[22].end.toISOString()).toBe('2026-12-02T13:30:00.000Z');
  });

  it.each([
    ['45-minute slots in 10:00-21:30', 45, 15],
    ['a slot longer than the day', 720, 0],
  ])('should give %s: %d slots', (_, minutes, count) => {
    expect(daySlots('2026-12-02', '10:00-21:30', minutes)).toHaveLength(count);
  });

  it('should give no slots when the hours are unreadable', () => {
    expect(daySlots('2026-12-02', 'closed', 30)).toEqual([]);
  });
});

describe('slotStartingAt', () => {
  it.each([
    ['the first slot', '2026-12-02T02:00:00.000Z', true],
    ['the last slot', '2026-12-02T13:00:00.000Z', true],
    ['between two slot starts', '2026-12-02T02:10:00.000Z', false],
    ['at closing time', '2026-12-02T13:30:00.000Z', false],
    ['before opening', '2026-12-02T01:30:00.000Z', false],
    ['at midnight in Shanghai', '2026-12-01T16:00:00.000Z', false],
  ])('should find a slot for %s: %s → %s', (_, instant, found) => {
    expect(slotStartingAt(new Date(instant), '10:00-21:30', 30) !== null).toBe(found);
  });
});
