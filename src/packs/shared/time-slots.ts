/** Calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface SlotCalendar {
  /** Slot labels per day, e.g. ['09:00-12:00', '14:00-17:00']. */
  times: readonly string[];
  /** Bookings per slot before it is full. */
  capacity: number;
  /** How many days ahead can be booked (from tomorrow). */
  days: number;
  /** Days of the week that are closed (0 = Sunday). */
  closedWeekdays?: number[];
  timeZone?: string;
}

/**
 * Free slots of a calendar given the bookings already taken — shared by repair visits, doctor appointments,
 * parcel pickups and lessons, so no pack writes its own.
 */
export function freeSlots(calendar: SlotCalendar, bookings: Array<{ date?: string; slot?: string; cancelled?: boolean; key?: string }>, now: string, options: { date?: string; key?: string } = {}): Array<{ date: string; slot: string }> {
  const today = localDate(now, calendar.timeZone);
  const dates = options.date ? [options.date] : Array.from({ length: calendar.days }, (_, i) => addDays(today, i + 1));
  const out: Array<{ date: string; slot: string }> = [];
  for (const day of dates) {
    if (day <= today || day > addDays(today, Math.max(calendar.days, 30))) continue;
    if (calendar.closedWeekdays?.includes(new Date(`${day}T00:00:00Z`).getUTCDay())) continue;
    for (const slot of calendar.times) {
      const taken = bookings.filter((b) => b.date === day && b.slot === slot && !b.cancelled && (options.key === undefined || b.key === options.key)).length;
      if (taken < calendar.capacity) out.push({ date: day, slot });
    }
  }
  return out;
}
