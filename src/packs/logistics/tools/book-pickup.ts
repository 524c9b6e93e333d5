import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { freeSlots } from '../../shared/time-slots.ts';
import type { PickupBooking } from '../store/types.ts';
import { PICKUP_CALENDAR } from './pickup-calendar.ts';
import type { LogisticsContext } from './shared.ts';

/** Books a courier pickup in a free window (checked again at booking time). */
export const bookPickup = defineTool({
  name: 'book_pickup',
  description: 'Books a courier to collect a parcel at an address in a free pickup window.',
  input: z.object({
    city: z.string().min(1), address: z.string().trim().min(6).max(200), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    slot: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/), phone: z.string().regex(/^\+?\d{7,15}$/), weight_kg: z.number().positive().max(60).optional(),
  }),
  write: true,
  execute(input, context: LogisticsContext): PickupBooking {
    const bookings = context.data.pickups.map((p) => ({ ...p, key: p.city }));
    const free = freeSlots(PICKUP_CALENDAR, bookings, context.clock.now(), { date: input.date, key: input.city });
    if (!free.some((s) => s.slot === input.slot)) throw new ToolError('that pickup window is not available');
    const booking: PickupBooking = { pickup_id: `PU${String(context.data.pickups.length + 1).padStart(5, '0')}`, ...input, created_at: context.clock.now() };
    context.data.pickups.push(booking);
    return booking;
  },
});
