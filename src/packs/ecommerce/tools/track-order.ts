import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { Fulfillment } from '../store/types.ts';
import { getOwnOrder, orderIdSchema, type StoreContext } from './shared.ts';
import { trackingResultSchema } from './result-schemas.ts';

export interface Tracking {
  order_id: string;
  status: string;
  fulfillments: Fulfillment[];
  /** True when a shipment has not moved for more than {@link DELAY_HOURS} hours and is not delivered. */
  delayed: boolean;
  last_event?: { time: string; description: string; location?: string };
}

export const DELAY_HOURS = 72;

export const trackOrder = defineTool({
  name: 'track_order',
  description: 'Logistics tracking of an order: carrier, tracking numbers and the event timeline, and whether it looks delayed.',
  input: z.object({ order_id: orderIdSchema }),
  result: trackingResultSchema,
  write: false,
  execute({ order_id: orderId }, context: StoreContext): Tracking {
    const order = getOwnOrder(context, orderId);
    const events = order.fulfillments.flatMap((f) => f.events ?? []).sort((a, b) => a.time.localeCompare(b.time));
    const last = events.at(-1);
    const now = Date.parse(context.clock.now());
    const stale = last ? now - Date.parse(last.time) > DELAY_HOURS * 3_600_000 : false;
    const moving = order.status === 'processed' || order.status.includes('shipped');
    return { order_id: order.order_id, status: order.status, fulfillments: order.fulfillments, delayed: moving && stale, last_event: last };
  },
});
