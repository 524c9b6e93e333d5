import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { assertParty, getShipment, maskPhone, waybillSchema, type LogisticsContext } from './shared.ts';

export interface ShipmentDetails {
  waybill: string;
  role: 'sender' | 'recipient' | 'system';
  sender: { name: string; phone: string; address: string };
  recipient: { name: string; phone: string; address: string };
  contents: string;
  weight_kg: number;
  freight: number;
  declared_value: number;
  insured: boolean;
  service: 'standard' | 'express';
}

/** Full waybill details (names, addresses, value, insurance) for a verified sender or recipient; phones stay masked. */
export const getShipmentDetails = defineTool({
  name: 'get_shipment_details',
  description: 'Full details of a waybill for its verified sender or recipient: parties, addresses, contents, weight, freight, declared value, insurance.',
  input: z.object({ waybill: waybillSchema }),
  write: false,
  execute({ waybill }, context: LogisticsContext): ShipmentDetails {
    const shipment = getShipment(context, waybill);
    const role = assertParty(context, shipment);
    const party = (p: typeof shipment.sender) => ({ name: p.name, phone: maskPhone(p.phone), address: p.address });
    return {
      waybill: shipment.waybill, role, sender: party(shipment.sender), recipient: party(shipment.recipient), contents: shipment.contents,
      weight_kg: shipment.weight_kg, freight: shipment.freight, declared_value: shipment.declared_value, insured: shipment.insured, service: shipment.service,
    };
  },
});
