import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { isDispatched } from '../rules/dispatch.ts';
import type { LogisticsDb } from '../store/types.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { verifyParty } from './verify-party.ts';

/**
 * Delivery address change: verified sender or recipient, only before dispatch (refused after, with what can
 * still be done), new address, explicit confirmation, then the change.
 */
export const changeAddressSkill: Skill<LogisticsDb> = {
  name: 'parcel_address_change',
  intents: ['change_address'],
  writes: true,
  accepts: ['address'],
  async run(ctx) {
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    // The new address may have come with the request, before verification.
    const given = ctx.entities('address')[0]?.value;
    if (given) ctx.slots.address = given;
    const verified = await verifyParty(ctx, shipment);
    if (verified === 'waiting') return 'waiting';
    if (verified === 'stop') return 'done';
    if (isDispatched(shipment)) {
      ctx.say('address.refused_dispatched', { waybill: shipment.waybill, status: ctx.text(`status.${shipment.status}`) });
      return 'done';
    }
    if (!ctx.slots.address && ctx.awaiting === 'address' && ctx.turn.text.trim().length >= 6) ctx.slots.address = ctx.turn.text.trim();
    if (!ctx.slots.address) { ctx.ask('address', 'address.ask', { current: shipment.recipient.address }); return 'waiting'; }
    const address = String(ctx.slots.address);
    return confirmAction(ctx, {
      key: 'address.confirm', vars: { waybill: shipment.waybill, address, current: shipment.recipient.address }, fingerprint: [shipment.waybill, address],
      execute: async () => {
        const result = await ctx.call('change_delivery_address', { waybill: shipment.waybill, address });
        if (result.ok) ctx.say('address.done', { waybill: shipment.waybill, address });
        else ctx.say('action.failed', { error: result.error });
      },
    });
  },
};
