import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { isDispatched } from '../rules/dispatch.ts';
import { assertParty, getShipment, waybillSchema, type LogisticsContext } from './shared.ts';

/** Changes the delivery address of a parcel that has not left the origin outlet; refused once dispatched. */
export const changeDeliveryAddress = defineTool({
  name: 'change_delivery_address',
  description: 'Changes the delivery address of a waybill before dispatch (sender or recipient, verified). Refused after dispatch.',
  input: z.object({ waybill: waybillSchema, address: z.string().trim().min(6).max(200) }),
  write: true,
  execute({ waybill, address }, context: LogisticsContext): { waybill: string; address: string } {
    const shipment = getShipment(context, waybill);
    assertParty(context, shipment);
    if (isDispatched(shipment)) throw new ToolError('the parcel has already been dispatched');
    shipment.recipient.address = address;
    shipment.events.push({ time: context.clock.now(), code: 'address_changed', city: shipment.sender.city });
    return { waybill: shipment.waybill, address };
  },
});
