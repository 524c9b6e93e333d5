import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { money, orderCard, resolveOrder, type Ctx } from './orders.ts';
import { confirmationReplies } from './confirm.ts';

const MISTAKE = /\b(by mistake|mistake|accident|accidentally|wrong (item|order|one)|didn'?t mean|ordered twice|duplicate)\b|下错|拍错|买错|误拍|点错|重复下单|买重|错了/;
const NOT_NEEDED = /\b(no longer need(?:ed)?|don'?t need|do not need|not needed|no need|changed my mind|don'?t want|do not want|found (it )?cheaper|won'?t be (able|home|there)|travel|too late|not (going to|gonna) use)\b|不需要|不想要|不要了|用不上|不用了|改主意|不想买|买到更便宜|没必要|收不到/;

function reasonFrom(text: string): 'no longer needed' | 'ordered by mistake' | null {
  const t = normalize(text);
  if (MISTAKE.test(t)) return 'ordered by mistake';
  if (NOT_NEEDED.test(t)) return 'no longer needed';
  return null;
}

export const cancelOrderSkill: Skill<EcommerceDb> = {
  name: 'cancel_order',
  intents: ['cancel_order'],
  writes: true,
  accepts: ['order_id'],
  run(ctx) {
    if (!ensureCustomer(ctx)) return 'waiting';
    const order = resolveOrder(ctx, { statuses: ['pending'], action: 'cancel' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    ctx.slots.reason ??= reasonFrom(ctx.flowTexts().join(' ')) ?? undefined;
    if (!ctx.slots.reason && ctx.awaiting === 'reason' && /^(1|2)$/.test(ctx.turn.normalized.trim())) {
      ctx.slots.reason = ctx.turn.normalized.trim() === '1' ? 'no longer needed' : 'ordered by mistake';
    }
    if (!ctx.slots.reason) {
      ctx.ask('reason', 'cancel.ask_reason', { order: order.order_id }, {
        quickReplies: [{ label: ctx.text('cancel.reason_not_needed'), payload: 'no longer needed' }, { label: ctx.text('cancel.reason_mistake'), payload: 'ordered by mistake' }],
      });
      return 'waiting';
    }
    return confirmAndCancel(ctx, order);
  },
};

function confirmAndCancel(ctx: Ctx, order: Order): 'waiting' | 'done' {
  const reasonLabel = ctx.text(ctx.slots.reason === 'ordered by mistake' ? 'cancel.reason_mistake' : 'cancel.reason_not_needed');
  if (ctx.awaiting === 'confirmation' && ctx.isAffirm()) {
    const result = ctx.call<Order>('cancel_pending_order', { order_id: order.order_id, reason: ctx.slots.reason });
    if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
    const giftCard = order.payment_history.some((p) => p.payment_method_id.startsWith('gift_card'));
    ctx.say(giftCard ? 'cancel.done_gift_card' : 'cancel.done', { order: order.order_id, amount: money(ctx, result.result!.payment_history.filter((p) => p.transaction_type === 'payment').reduce((s, p) => s + p.amount, 0)) }, { cards: [orderCard(ctx, result.result!)] });
    return 'done';
  }
  if (ctx.awaiting === 'confirmation' && ctx.isDeny()) {
    ctx.say('action.not_done');
    return 'done';
  }
  ctx.ask('confirmation', 'cancel.confirm', { order: order.order_id, reason: reasonLabel }, { cards: [orderCard(ctx, order)], quickReplies: confirmationReplies(ctx) });
  return 'waiting';
}
