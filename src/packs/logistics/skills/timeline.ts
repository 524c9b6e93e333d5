import type { Card } from '../../../engine/dialogue/types.ts';
import type { SkillContext } from '../../../engine/pack.ts';
import { cityName } from '../rules/cities.ts';
import type { ShipmentEvent } from '../store/types.ts';

/** "2026-11-20 08:00" from an ISO time with offset (times are stored in Beijing time). */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** One scan as the customer reads it: "成都 · 已到达" / "Chengdu · Arrived at facility". */
export function eventText(ctx: SkillContext<unknown>, event: ShipmentEvent): string {
  const reason = event.reason ? ctx.text(`reason.${event.reason}`) : '';
  return `${cityName(event.city, ctx.locale)} · ${ctx.text(`event.${event.code}`, { reason })}`;
}

/** The event timeline card, newest first. */
export function timelineCard(ctx: SkillContext<unknown>, waybill: string, events: ShipmentEvent[]): Card {
  return { kind: 'timeline', title: waybill, events: [...events].reverse().map((e) => ({ time: shortTime(e.time), text: eventText(ctx, e) })) };
}
