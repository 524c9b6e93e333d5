import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { getShipment, waybillSchema, type LogisticsContext } from './shared.ts';

/** Checks the last four digits of the sender's or recipient's phone; returns that party's customer id. */
export const verifyShipmentContact = defineTool({
  name: 'verify_shipment_contact',
  description: "Verifies the caller as the sender or recipient of a waybill by the last 4 digits of that party's phone number.",
  input: z.object({ waybill: waybillSchema, phone_last4: z.string().regex(/^\d{4}$/) }),
  write: false,
  execute({ waybill, phone_last4: last4 }, context: LogisticsContext): string {
    const shipment = getShipment(context, waybill);
    if (shipment.sender.phone.endsWith(last4)) return shipment.sender.customer_id;
    if (shipment.recipient.phone.endsWith(last4)) return shipment.recipient.customer_id;
    throw new ToolError('the phone digits do not match the sender or the recipient');
  },
});
