import { shanghaiDate, shanghaiDayRange } from '@lensloop/shared';

const MINUTE_MS = 60_000;
// Stores write the dash every way: 10:00-21:30, 10:00–21:30, 10:00～21:30, 10:00 至 21:30.
const HOURS = /^(\d{2}):(\d{2})\s*[-–—~～至]\s*(\d{2}):(\d{2})$/;

/** A slot's start and end instants. */
export interface SlotTime {
  start: Date;
  end: Date;
}

/** Opening hours `HH:mm-HH:mm` (any dash; Asia/Shanghai) as minutes after midnight; null when unreadable. */
export function openingMinutes(hours: string): { open: number; close: number } | null {
  const match = HOURS.exec(hours);
  if (!match) return null;
  const [openHour, openMinute, closeHour, closeMinute] = match.slice(1).map(Number);
  const open = openHour * 60 + openMinute;
  const close = closeHour * 60 + closeMinute;
  return open < close && close <= 24 * 60 ? { open, close } : null;
}

/**
 * The slots of a Shanghai calendar day: from opening, every `slotMinutes`, each ending by closing
 * time (10:00-21:30 with 30 minutes → 10:00 … 21:00).
 */
export function daySlots(date: string, hours: string, slotMinutes: number): SlotTime[] {
  const minutes = openingMinutes(hours);
  if (!minutes) return [];
  const [midnight] = shanghaiDayRange(date);
  const slots: SlotTime[] = [];
  for (let start = minutes.open; start + slotMinutes <= minutes.close; start += slotMinutes) {
    slots.push({
      start: new Date(midnight.getTime() + start * MINUTE_MS),
      end: new Date(midnight.getTime() + (start + slotMinutes) * MINUTE_MS),
    });
  }
  return slots;
}

/** The slot starting exactly at `start`, or null when no slot of that day starts then. */
export function slotStartingAt(start: Date, hours: string, slotMinutes: number): SlotTime | null {
  return (
    daySlots(shanghaiDate(start), hours, slotMinutes).find(
      (slot) => slot.start.getTime() === start.getTime(),
    ) ?? null
  );
}
