import { z } from 'zod';
import { ToolError, type ToolContext } from '../../../engine/tools/define-tool.ts';
import type { LogisticsDb, Shipment } from '../store/types.ts';

export type LogisticsContext = ToolContext<LogisticsDb>;

export const waybillSchema = z.string().trim().regex(/^(SF\d{12}|YT\d{13}|\d{12,15})$/i, 'a waybill number: SF + 12 digits, YT + 13 digits, or 12–15 digits')
  .transform((value) => value.toUpperCase()).describe('The waybill (tracking) number.');

export function getShipment(context: LogisticsContext, waybill: string): Shipment {
  const shipment = context.data.shipments[waybill];
  if (!shipment) throw new ToolError('waybill not found');
  return shipment;
}

/**
 * Sender/recipient check: in a customer conversation, full details and every change require the verified
 * customer to be the sender or the recipient of this shipment. Returns the role.
 */
export function assertParty(context: LogisticsContext, shipment: Shipment): 'sender' | 'recipient' | 'system' {
  if (context.actor.kind === 'system') return 'system';
  const id = context.actor.customerId;
  if (!id) throw new ToolError('the sender or recipient has not been verified');
  if (shipment.sender.customer_id === id) return 'sender';
  if (shipment.recipient.customer_id === id) return 'recipient';
  throw new ToolError('this shipment belongs to someone else');
}

/** 138****5678: shown even to verified parties, as carriers print it. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
