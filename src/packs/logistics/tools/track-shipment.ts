import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { delayNotices, type DelayNotice } from '../rules/delay-notices.ts';
import { isDispatched } from '../rules/dispatch.ts';
import type { ShipmentEvent, ShipmentStatus } from '../store/types.ts';
import { getShipment, waybillSchema, type LogisticsContext } from './shared.ts';

export interface Tracking {
  waybill: string;
  status: ShipmentStatus;
  service: 'standard' | 'express';
  origin: string;
  destination: string;
  promised_by: string;
  dispatched: boolean;
  /** Oldest first; city-level, as public tracking pages show. */
  events: ShipmentEvent[];
  notice: DelayNotice | null;
}

/** Public tracking (no verification needed, like a carrier's tracking page): status, city-level timeline, delay notice. */
export const trackShipment = defineTool({
  name: 'track_shipment',
  description: 'Tracking of a waybill: status, city-level event timeline, promised delivery time and any delay notice.',
  input: z.object({ waybill: waybillSchema }),
  write: false,
  execute({ waybill }, context: LogisticsContext): Tracking {
    const shipment = getShipment(context, waybill);
    const events = [...shipment.events].sort((a, b) => a.time.localeCompare(b.time));
    return {
      waybill: shipment.waybill, status: shipment.status, service: shipment.service, origin: shipment.sender.city, destination: shipment.recipient.city,
      promised_by: shipment.promised_by, dispatched: isDispatched(shipment), events,
      notice: delayNotices([shipment], context.clock.now())[0] ?? null,
    };
  },
});
