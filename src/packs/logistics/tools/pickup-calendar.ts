import type { SlotCalendar } from '../../shared/time-slots.ts';

/** Courier pickup windows: three a day, two pickups per window and city, bookable 5 days ahead, every day. */
export const PICKUP_CALENDAR: SlotCalendar = { times: ['09:00-12:00', '13:00-17:00', '18:00-20:00'], capacity: 2, days: 5 };
