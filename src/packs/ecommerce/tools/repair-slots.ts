import type { EcommerceDb } from '../store/types.ts';
import { freeSlots as calendarSlots, type SlotCalendar } from '../../shared/time-slots.ts';

export const SLOT_TIMES = ['09:00-12:00', '14:00-17:00', '18:00-20:00'] as const;

/** Technician visits: three slots a day, two technicians each, bookable for the next 7 days. */
export const REPAIR_CALENDAR: SlotCalendar = { times: SLOT_TIMES, capacity: 2, days: 7 };

/** Free technician slots from tomorrow (or on one date), given the visits already booked. */
export function freeSlots(db: EcommerceDb, now: string, date?: string): Array<{ date: string; slot: string }> {
  return calendarSlots(REPAIR_CALENDAR, db.tickets.map((t) => ({ date: t.date, slot: t.slot, cancelled: t.status === 'closed' })), now, { date });
}
