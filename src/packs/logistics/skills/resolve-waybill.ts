import type { SkillContext } from '../../../engine/pack.ts';
import { parseWaybill } from '../rules/waybill.ts';
import type { LogisticsDb, Shipment } from '../store/types.ts';

const MAX_ASKS = 3;

/**
 * The shipment a request is about: a waybill in this message (see rules/waybill.ts for the accepted forms),
 * else the one this flow already has, else the last one of the conversation. Asks for it when there is none,
 * and again (up to three times) when it is malformed or unknown.
 */
export function resolveWaybill(ctx: SkillContext<LogisticsDb>): Shipment | 'waiting' | 'stop' {
  const said = parseWaybill(ctx.turn.text, { bare: ctx.awaiting === 'order_id' || ctx.started }) ?? (ctx.started ? takeQueuedWaybill(ctx) : null);
  if (said) ctx.slots.waybill = said;
  if (!ctx.slots.waybill && ctx.started && typeof ctx.memory.lastWaybill === 'string') ctx.slots.waybill = ctx.memory.lastWaybill;
  const waybill = ctx.slots.waybill as string | undefined;
  if (waybill) {
    const shipment = ctx.data.shipments[waybill];
    if (shipment) { ctx.memory.lastWaybill = waybill; return shipment; }
    delete ctx.slots.waybill;
    return ask(ctx, 'waybill.not_found', { waybill });
  }
  return ask(ctx, ctx.awaiting === 'order_id' ? 'waybill.invalid' : 'waybill.ask', {});
}

function ask(ctx: SkillContext<LogisticsDb>, key: string, vars: Record<string, unknown>): 'waiting' | 'stop' {
  const asks = Number(ctx.slots.waybillAsks ?? 0) + 1;
  ctx.slots.waybillAsks = asks;
  if (asks > MAX_ASKS) { ctx.say('waybill.give_up'); return 'stop'; }
  ctx.ask('order_id', key, vars);
  return 'waiting';
}

/**
 * "Is it insured? SF761297195408": the engine splits the message into clauses and queues the bare waybill as a
 * tracking request of its own. It belongs to this request: take it and drop the queued tracking.
 */
function takeQueuedWaybill(ctx: SkillContext<LogisticsDb>): string | null {
  const queue = ctx.memory.queue as Array<{ skill: string; text: string }> | undefined;
  const index = queue?.findIndex((task) => task.skill === 'track_parcel' && parseWaybill(task.text, { bare: true })) ?? -1;
  if (!queue || index < 0) return null;
  const [task] = queue.splice(index, 1);
  return parseWaybill(task.text, { bare: true });
}
