import type { Skill } from '../../../engine/pack.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { money, orderCard, resolveOrder } from './orders.ts';
import { collectPayment } from './payment-step.ts';
import { paymentLabel } from './payment.ts';

export const modifyOrderPaymentSkill: Skill<EcommerceDb> = {
  name: 'modify_order_payment',
  intents: ['modify_order_payment'],
  writes: true,
  accepts: ['order_id', 'payment_method'],
  run(ctx) {
    if (!ensureCustomer(ctx)) return 'waiting';
    const order = resolveOrder(ctx, { statuses: ['pending'], action: 'modify_payment' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    if (ctx.awaiting === 'confirmation' && ctx.isDeny()) { ctx.say('action.not_done'); return 'done'; }
    const user = ctx.data.users[order.user_id];
    const current = order.payment_history[0]?.payment_method_id;
    const allowed = Object.values(user.payment_methods).filter((m) => m.id !== current);
    if (!allowed.length) { ctx.say('payment.no_other_method'); return 'done'; }
    const paymentMethodId = collectPayment(ctx, order, allowed, 'payment.ask_new');
    if (paymentMethodId === 'waiting') return 'waiting';
    const method = user.payment_methods[paymentMethodId];
    const amount = order.payment_history[0]?.amount ?? 0;
    if (method.source === 'gift_card' && (method.balance ?? 0) < amount) {
      delete ctx.slots.paymentMethodId;
      ctx.ask('payment_method', 'payment.gift_card_insufficient', { balance: money(ctx, method.balance ?? 0), amount: money(ctx, amount) });
      return 'waiting';
    }
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.confirmed === paymentMethodId) {
      const result = ctx.call<Order>('modify_pending_order_payment', { order_id: order.order_id, payment_method_id: paymentMethodId });
      if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
      ctx.say('payment.done', { order: order.order_id, payment: paymentLabel(ctx, method) }, { cards: [orderCard(ctx, result.result!)] });
      return 'done';
    }
    ctx.slots.confirmed = paymentMethodId;
    ctx.ask('confirmation', 'payment.confirm', { order: order.order_id, payment: paymentLabel(ctx, method), amount: money(ctx, amount) }, { quickReplies: confirmationReplies(ctx) });
    return 'waiting';
  },
};
