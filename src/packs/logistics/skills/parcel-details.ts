import type { Skill } from '../../../engine/pack.ts';
import type { LogisticsDb } from '../store/types.ts';
import type { ShipmentDetails } from '../tools/get-shipment-details.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { verifyParty } from './verify-party.ts';

/** Full waybill details (parties, addresses, value, insurance) — only after sender/recipient verification. */
export const parcelDetailsSkill: Skill<LogisticsDb> = {
  name: 'parcel_details',
  intents: ['shipment_details'],
  async run(ctx) {
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    const verified = await verifyParty(ctx, shipment);
    if (verified === 'waiting') return 'waiting';
    if (verified === 'stop') return 'done';
    const outcome = await ctx.call<ShipmentDetails>('get_shipment_details', { waybill: shipment.waybill });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const d = outcome.result!;
    ctx.say('details.summary', {
      waybill: d.waybill, sender: `${d.sender.name} ${d.sender.phone}`, senderAddress: d.sender.address,
      recipient: `${d.recipient.name} ${d.recipient.phone}`, recipientAddress: d.recipient.address,
      contents: ctx.text(`contents.${d.contents}`), weight: d.weight_kg, freight: d.freight, service: ctx.text(`service.${d.service}`),
      declared: d.declared_value > 0 ? ctx.text('details.declared', { value: d.declared_value }) : ctx.text('details.not_declared'),
      insured: ctx.text(d.insured ? 'details.insured' : 'details.not_insured'),
    });
    return 'done';
  },
};
