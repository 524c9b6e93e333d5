import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { cityName } from '../rules/cities.ts';
import type { LogisticsDb } from '../store/types.ts';
import type { Tracking } from '../tools/track-shipment.ts';
import { resolveWaybill } from './resolve-waybill.ts';
import { eventText, shortTime, timelineCard } from './timeline.ts';

/** Runs `track_shipment` and says the status, the latest scan and the timeline card; null when the tool failed. */
export async function sayTracking(ctx: SkillContext<LogisticsDb>, waybill: string): Promise<Tracking | null> {
  const outcome = await ctx.call<Tracking>('track_shipment', { waybill });
  if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return null; }
  const tracking = outcome.result!;
  const latest = tracking.events.at(-1)!;
  ctx.say('track.summary', {
    waybill, status: ctx.text(`status.${tracking.status}`), from: cityName(tracking.origin, ctx.locale), to: cityName(tracking.destination, ctx.locale),
    latest: eventText(ctx, latest), time: shortTime(latest.time), promised: shortTime(tracking.promised_by),
  }, { cards: [timelineCard(ctx, waybill, tracking.events)] });
  return tracking;
}

/** Says the proactive delay notice of a tracked parcel (or that it is lost), offering a claim where the rules allow one. */
export function sayNotice(ctx: SkillContext<LogisticsDb>, tracking: Tracking): void {
  const claim = ctx.text('quick.claim');
  if (tracking.status === 'lost') { ctx.say('notice.lost', {}, { quickReplies: [{ label: claim, payload: claim }] }); return; }
  const notice = tracking.notice;
  if (!notice) return;
  const reason = notice.reason ? ctx.text(`reason.${notice.reason}`) : '';
  ctx.say(`notice.${notice.kind}`, { hours: notice.hoursLate, days: Math.floor(notice.hoursSilent / 24), silent: notice.hoursSilent, reason },
    notice.suggestClaim ? { quickReplies: [{ label: claim, payload: claim }] } : undefined);
}

/** Tracking by waybill number: status, latest scan, the event timeline card and any delay notice. No verification: city-level only. */
export const trackParcelSkill: Skill<LogisticsDb> = {
  name: 'track_parcel',
  intents: ['track_parcel'],
  async run(ctx) {
    const shipment = resolveWaybill(ctx);
    if (shipment === 'waiting') return 'waiting';
    if (shipment === 'stop') return 'done';
    const tracking = await sayTracking(ctx, shipment.waybill);
    if (tracking) sayNotice(ctx, tracking);
    return 'done';
  },
};
