import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb, Order, PaymentMethod } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { money, orderCard, resolveOrder } from './orders.ts';
import { collectPayment } from './payment-step.ts';
import { paymentLabel } from './payment.ts';

// "use the gift card if its balance covers it, otherwise WeChat", "礼品卡余额够就用礼品卡，不够就用微信".
const OTHERWISE = /\b(otherwise|if not|else|if it doesn'?t|if that'?s not enough)\b|不够|否则|不然|要不然/;

/** The gift card when its balance covers `amount`, else the method named after "otherwise"; null when not asked so. */
function giftCardOrElse(ctx: Parameters<typeof collectPayment>[0], allowed: PaymentMethod[], amount: number): string | null {
  const text = normalize(ctx.flowTexts().join(' '));
  const split = OTHERWISE.exec(text);
  if (!split || !/gift ?card|礼品卡/.test(text.slice(0, split.index))) return null;
  const giftCard = allowed.find((m) => m.source === 'gift_card');
  if (giftCard && (giftCard.balance ?? 0) >= amount) return giftCard.id;
  const rest = text.slice(split.index + split[0].length);
  const other = allowed.filter((m) => m.source !== 'gift_card' && rest.includes((m.source === 'wechat_pay' ? '微信' : m.source === 'alipay' ? '支付宝' : m.source.replace('_', ' '))));
  return other.length === 1 ? other[0].id : null;
}

const PAST_PAYMENT = /\b(i|we) (paid|payed|bought it|ordered it) (with|by|using|on|through)\b|\bpaid (for it )?(with|by|using)\b|(当时|之前|是)?用.{1,8}(付的|付款的|支付的|买的)|付款方式是/;
const CHANGE_WORDS = /\b(change|switch|update|swap|move|instead|rather|prefer|want to (use|pay)|would like to (use|pay)|can i (use|pay))\b|改|换|变更|想用|要用|换成/;

export const modifyOrderPaymentSkill: Skill<EcommerceDb> = {
  name: 'modify_order_payment',
  intents: ['modify_order_payment'],
  writes: true,
  accepts: ['order_id', 'payment_method'],
  async run(ctx) {
    // "I paid with a gift card, does the money go back right away?": saying how one paid is not asking to change it.
    if (ctx.started && PAST_PAYMENT.test(normalize(ctx.turn.text)) && !CHANGE_WORDS.test(normalize(ctx.turn.text))) return 'done';
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const order = await resolveOrder(ctx, { statuses: ['pending'], action: 'modify_payment' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    if (ctx.awaiting === 'confirmation' && ctx.isDeny()) { ctx.say('action.not_done'); return 'done'; }
    const user = ctx.data.users[order.user_id];
    const current = order.payment_history[0]?.payment_method_id;
    const allowed = Object.values(user.payment_methods).filter((m) => m.id !== current);
    if (!allowed.length) { ctx.say('payment.no_other_method'); return 'done'; }
    const amountDue = order.payment_history[0]?.amount ?? 0;
    const conditional = ctx.slots.conditional as string | undefined ?? giftCardOrElse(ctx, allowed, amountDue) ?? undefined;
    if (conditional) ctx.slots.conditional = ctx.slots.paymentMethodId = conditional;
    const paymentMethodId = conditional && ctx.awaiting !== 'payment_method' ? conditional : collectPayment(ctx, order, allowed, 'payment.ask_new');
    if (paymentMethodId === 'waiting') return 'waiting';
    const method = user.payment_methods[paymentMethodId];
    const amount = order.payment_history[0]?.amount ?? 0;
    if (method.source === 'gift_card' && (method.balance ?? 0) < amount) {
      delete ctx.slots.paymentMethodId;
      ctx.ask('payment_method', 'payment.gift_card_insufficient', { balance: money(ctx, method.balance ?? 0), amount: money(ctx, amount) });
      return 'waiting';
    }
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.confirmed === paymentMethodId) {
      const result = await ctx.call<Order>('modify_pending_order_payment', { order_id: order.order_id, payment_method_id: paymentMethodId });
      if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
      ctx.say('payment.done', { order: order.order_id, payment: paymentLabel(ctx, method) }, { cards: [orderCard(ctx, result.result!)] });
      return 'done';
    }
    ctx.slots.confirmed = paymentMethodId;
    ctx.ask('confirmation', 'payment.confirm', { order: order.order_id, payment: paymentLabel(ctx, method), amount: money(ctx, amount) }, { quickReplies: confirmationReplies(ctx) });
    return 'waiting';
  },
};
