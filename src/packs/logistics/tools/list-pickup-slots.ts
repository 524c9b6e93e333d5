import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { freeSlots } from '../../shared/time-slots.ts';
import { PICKUP_CALENDAR } from './pickup-calendar.ts';
import type { LogisticsContext } from './shared.ts';

/** Free courier pickup windows in a city (shared `freeSlots` over the pickup calendar and the bookings taken). */
export const listPickupSlots = defineTool({
  name: 'list_pickup_slots',
  description: 'Free courier pickup windows in a city, from tomorrow, optionally for one date (YYYY-MM-DD).',
  input: z.object({ city: z.string().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  write: false,
  execute({ city, date }, context: LogisticsContext): Array<{ date: string; slot: string }> {
    const bookings = context.data.pickups.map((p) => ({ ...p, key: p.city }));
    return freeSlots(PICKUP_CALENDAR, bookings, context.clock.now(), { date, key: city });
  },
});
