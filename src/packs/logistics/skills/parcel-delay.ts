import type { Skill } from '../../../engine/pack.ts';
import { compensationFor, DELAY_COMPENSATION_HOURS, hoursLate } from '../rules/compensation.ts';
import type { LogisticsDb } from '../store/types.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { sayNotice, sayTracking } from './track-parcel.ts';
import { shortTime } from './timeline.ts';

/**
 * "My parcel is late": tracks it, states the delay notice the rules give, and says whether delay compensation
 * applies (48 h past the promise) — offering the claim rather than filing it.
 */
export const parcelDelaySkill: Skill<LogisticsDb> = {
  name: 'parcel_delay',
  intents: ['report_delay'],
  async run(ctx) {
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    const tracking = await sayTracking(ctx, shipment.waybill);
    if (!tracking) return 'done';
    const now = ctx.now();
    const late = hoursLate(shipment, now);
    if (tracking.status === 'lost' || tracking.notice) sayNotice(ctx, tracking);
    else if (tracking.status === 'delivered') ctx.say(late > 0 ? 'delay.delivered_late' : 'delay.delivered', { hours: late });
    else ctx.say('delay.on_time', { promised: shortTime(shipment.promised_by) });
    if (tracking.status !== 'lost' && late >= DELAY_COMPENSATION_HOURS) {
      const decision = compensationFor(shipment, 'delayed', 0, now);
      const claim = ctx.text('quick.claim');
      ctx.say('delay.compensation', { hours: late, rule: ctx.text(`rule.${decision.rule}`, { freight: decision.freight, amount: decision.amount }) }, { quickReplies: [{ label: claim, payload: claim }] });
    }
    return 'done';
  },
};
