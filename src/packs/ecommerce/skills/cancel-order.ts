import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { cancelReasonFrom, reasonsByOrder, type CancelReason } from './cancel-reason.ts';
import { confirmationReplies } from './confirm.ts';
import { excludedOrders, mentionsSeveralOrders } from './order-references.ts';
import { mentionedItems, money, orderCard, resolveOrder, statusLabel, type Ctx } from './orders.ts';

/** One order to cancel and the reason the customer gave for it (null until given). */
interface Target {
  orderId: string;
  reason: CancelReason | null;
}

// "#W1… no wait, #W2": two ids with a correction between them are one order, not two.
const CORRECTION = /\b(no wait|i mean|sorry,? (i meant|wrong)|not that one)\b|不对|说错|我是说|应该是|搞错/;

/** What the order cost minus what was already refunded: the amount a cancellation gives back. */
export function refundableAmount(order: Order): number {
  const paid = order.payment_history.reduce((sum, p) => sum + (p.transaction_type === 'refund' ? -p.amount : p.amount), 0);
  return Math.round(paid * 100) / 100;
}

/**
 * Several orders in one request: two or more order ids ("cancel #W1 and #W2"), or "both pending orders" /
 * "两个待发货的都取消" (every pending order except those the customer asked to leave alone). Null for one order.
 */
function severalTargets(ctx: Ctx): Target[] | null {
  const text = ctx.flowTexts().join(' ');
  const ids = [...new Set(ctx.flowEntities('order_id').map((e) => e.value))];
  let orderIds: string[] = [];
  if (ids.length >= 2 && !CORRECTION.test(normalize(text))) orderIds = ids;
  else if (!ids.length && mentionsSeveralOrders(text)) {
    const user = ctx.data.users[ctx.customerId()!];
    const pending = user.orders.map((id) => ctx.data.orders[id]).filter((o) => o?.status === 'pending');
    const excluded = excludedOrders(text, pending);
    orderIds = pending.filter((o) => !excluded.includes(o)).map((o) => o.order_id);
  }
  if (orderIds.length < 2) return null;
  const reasons = reasonsByOrder(text, orderIds, (clause, id) => Boolean(ctx.data.orders[id]) && mentionedItems(clause, ctx.data.orders[id], ctx.data.products).length > 0);
  return orderIds.map((orderId) => ({ orderId, reason: reasons[orderId] }));
}

/** The orders to cancel, decided once per flow (a new single order id later is a correction and starts over). */
async function targetsOf(ctx: Ctx): Promise<Target[] | 'waiting' | 'stop'> {
  const known = ctx.slots.targets as Target[] | undefined;
  const newId = ctx.entities('order_id')[0]?.value;
  if (known && !(known.length === 1 && newId && newId !== known[0].orderId)) return known;
  if (!known) {
    const several = severalTargets(ctx);
    if (several) return (ctx.slots.targets = several);
  }
  const order = await resolveOrder(ctx, { statuses: ['pending'], action: 'cancel' });
  if (order === 'waiting' || order === 'stop') return order;
  const targets = [{ orderId: order.order_id, reason: cancelReasonFrom(ctx.flowTexts().join(' ')) }];
  return (ctx.slots.targets = targets);
}

// "did the second one go through too?", "两单都取消好了吗？": a question about cancellations, not a new one.
const DONE_QUESTION = /\b(did|has|have|was|were|is|are)\b.{0,40}\b(go(ne)? through|cancell?ed|work(ed)?|done)\b|(取消|撤销|退).{0,6}(好了|成功|了没|了吗|掉了吗|完了)|(好了|成功了|办好了)(吗|没)/;

/** Answers "did it go through?" from the orders' current status; false when the message is not such a question. */
function answeredWhetherDone(ctx: Ctx): boolean {
  const text = ctx.turn.normalized;
  if (!DONE_QUESTION.test(text) || !/[?？]|吗|没|\b(did|has|have|was|were|is|are)\b/.test(text)) return false;
  const named = ctx.entities('order_id').map((e) => e.value);
  const cancelled = (ctx.memory.cancelledOrders as string[] | undefined) ?? [];
  const ids = [...new Set([...cancelled, ...named])];
  if (!ids.length) return false;
  const lines = ids.map((id) => ctx.data.orders[id]).filter((o) => o && o.user_id === ctx.customerId())
    .map((o) => ctx.text('cancel.status_line', { order: o.order_id, status: statusLabel(ctx, o.status) }));
  if (!lines.length) return false;
  ctx.say('cancel.status', { lines: lines.join('\n') });
  return true;
}

/**
 * Cancels one or several pending orders. Each needs one of the store's two reasons, taken from the customer's
 * words wherever they were said (before being asked, per order when they differ) and asked for otherwise, and
 * its own confirmation, which states the amount to be refunded.
 */
export const cancelOrderSkill: Skill<EcommerceDb> = {
  name: 'cancel_order',
  intents: ['cancel_order'],
  writes: true,
  accepts: ['order_id'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    if (ctx.started && answeredWhetherDone(ctx)) return 'done';
    const targets = await targetsOf(ctx);
    if (targets === 'waiting') return 'waiting';
    if (targets === 'stop') return 'done';
    let index = (ctx.slots.index as number | undefined) ?? 0;
    while (index < targets.length) {
      const step = await cancelOne(ctx, targets[index], targets);
      if (step === 'waiting' || step === 'stop') return step === 'waiting' ? 'waiting' : 'done';
      index += 1;
      ctx.slots.index = index;
    }
    return 'done';
  },
};

/** One order of the request: checks it, gets its reason, confirms, cancels. 'next' when this one is finished. */
async function cancelOne(ctx: Ctx, target: Target, all: Target[]): Promise<'waiting' | 'next' | 'stop'> {
  const several = all.length > 1;
  const details = await ctx.call<Order>('get_order_details', { order_id: target.orderId });
  if (!details.ok) {
    ctx.say(details.error?.includes('another customer') ? 'order.not_yours' : 'order.not_found', { order: target.orderId });
    return several ? 'next' : 'stop';
  }
  const order = details.result!;
  if (order.status !== 'pending') {
    ctx.say('order.wrong_status', { order: order.order_id, status: statusLabel(ctx, order.status), action: ctx.text('action.cancel'), allowed: statusLabel(ctx, 'pending') }, { cards: [orderCard(ctx, order)] });
    return several ? 'next' : 'stop';
  }
  ctx.memory.lastOrderId = order.order_id;
  if (!target.reason && ctx.awaiting === 'reason') {
    const answer = ctx.turn.normalized.trim();
    // "#1 and #2: no longer needed; #3: by mistake" answers for every order it names.
    const named = all.filter((t) => answer.includes(normalize(t.orderId).replace(/^#/, '')));
    if (named.length) {
      const reasons = reasonsByOrder(ctx.turn.text, named.map((t) => t.orderId));
      for (const t of named) t.reason = reasons[t.orderId] ?? t.reason;
    }
    target.reason ??= cancelReasonFrom(ctx.turn.text) ?? (answer === '1' ? 'no longer needed' : answer === '2' ? 'ordered by mistake' : null);
  }
  if (!target.reason) {
    ctx.ask('reason', 'cancel.ask_reason', { order: order.order_id }, {
      quickReplies: [{ label: ctx.text('cancel.reason_not_needed'), payload: ctx.text('cancel.reason_not_needed') }, { label: ctx.text('cancel.reason_mistake'), payload: ctx.text('cancel.reason_mistake') }],
    });
    return 'waiting';
  }
  const asked = ctx.awaiting === 'confirmation' && ctx.slots.confirming === order.order_id;
  const amount = money(ctx, refundableAmount(order));
  if (asked && ctx.isAffirm()) {
    const result = await ctx.call<Order>('cancel_pending_order', { order_id: order.order_id, reason: target.reason });
    if (!result.ok) { ctx.say('action.failed', { error: result.error }); return several ? 'next' : 'stop'; }
    ctx.memory.cancelledOrders = [...((ctx.memory.cancelledOrders as string[] | undefined) ?? []), order.order_id];
    const giftCard = order.payment_history.some((p) => p.payment_method_id.startsWith('gift_card'));
    ctx.say(giftCard ? 'cancel.done_gift_card' : 'cancel.done', { order: order.order_id, amount }, { cards: [orderCard(ctx, result.result!)] });
    return 'next';
  }
  if (asked && ctx.isDeny()) {
    ctx.say('action.not_done');
    return 'stop';
  }
  ctx.slots.confirming = order.order_id;
  const reason = ctx.text(target.reason === 'ordered by mistake' ? 'cancel.reason_mistake' : 'cancel.reason_not_needed');
  ctx.ask('confirmation', 'cancel.confirm', { order: order.order_id, reason, amount }, { cards: [orderCard(ctx, order)], quickReplies: confirmationReplies(ctx) });
  return 'waiting';
}
