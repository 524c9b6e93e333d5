import type { EcommerceDb } from '../store/types.ts';

export const SLOT_TIMES = ['09:00-12:00', '14:00-17:00', '18:00-20:00'] as const;
export const SLOT_CAPACITY = 2;
export const BOOKING_DAYS = 7;

/** Calendar date (YYYY-MM-DD) of an instant in the business's time zone. */
export function localDate(iso: string, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Free technician slots from tomorrow for {@link BOOKING_DAYS} days (or on one date), given existing bookings. */
export function freeSlots(db: EcommerceDb, now: string, date?: string): Array<{ date: string; slot: string }> {
  const today = localDate(now);
  const dates = date ? [date] : Array.from({ length: BOOKING_DAYS }, (_, i) => addDays(today, i + 1));
  const out: Array<{ date: string; slot: string }> = [];
  for (const day of dates) {
    if (day <= today || day > addDays(today, 30)) continue;
    for (const slot of SLOT_TIMES) {
      const taken = db.tickets.filter((t) => t.date === day && t.slot === slot && t.status !== 'closed').length;
      if (taken < SLOT_CAPACITY) out.push({ date: day, slot });
    }
  }
  return out;
}
