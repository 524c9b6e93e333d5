import type { Skill } from '../../../engine/pack.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { applySelection, resolveItems } from '../catalog/resolve-items.ts';
import { askItems, itemsFromTurn } from './item-changes.ts';
import { itemLabel, money, orderCard, resolveOrder } from './orders.ts';
import { daysPastLimit } from '../store/order-dates.ts';
import { collectPayment, rememberPayment } from './payment-step.ts';
import { ORIGINAL, paymentLabel } from './payment.ts';

export const returnItemsSkill: Skill<EcommerceDb> = {
  name: 'return_items',
  intents: ['return_items'],
  writes: true,
  accepts: ['order_id', 'product', 'payment_method', 'number'],
  // "原路退" / "original payment" answers where the money goes, though no payment method is named.
  answers: (u, step) => step === 'payment_method' && ORIGINAL.test(u.normalized),
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const order = await resolveOrder(ctx, { statuses: ['delivered'], action: 'return', itemLevel: true, window: 'returnDays' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    // The store's return window, stated before anything is asked (the tool refuses it as well).
    const late = daysPastLimit(order, ctx.data.policy?.returnDays, ctx.now());
    if (late) {
      const exchangeOpen = !daysPastLimit(order, ctx.data.policy?.exchangeDays, ctx.now());
      ctx.say(exchangeOpen ? 'return.window_passed_exchange' : 'return.window_passed', { order: order.order_id, date: late.delivered, days: ctx.data.policy!.returnDays, exchangeDays: ctx.data.policy?.exchangeDays });
      return 'done';
    }
    const user0 = ctx.data.users[order.user_id];
    rememberPayment(ctx, Object.values(user0.payment_methods).filter((m) => m.id === order.payment_history[0]?.payment_method_id || m.source === 'gift_card'), order);
    const first = ctx.slots.indexes === undefined;
    const confirming = ctx.awaiting === 'confirmation';
    // The first time, read every message of the request (details may have come before authentication).
    const selection = resolveItems(first ? ctx.flowTexts().join(' \n ') : ctx.turn.text, order, ctx.data.products, { quantifiers: !confirming });
    if (!selection.include.length && !selection.exclude.length && ctx.awaiting === 'item') {
      for (const { index } of itemsFromTurn(ctx, order)) selection.include.push(index);
    }
    const changed = selection.include.length + selection.exclude.length > 0;
    if (confirming && ctx.isDeny() && !changed) { ctx.say('action.not_done'); return 'done'; }
    let selected = applySelection((ctx.slots.indexes as number[] | undefined) ?? [], selection);
    if (!selected.length && order.items.length === 1 && !selection.exclude.length) selected = [0];
    ctx.slots.indexes = selected;
    if (selection.ambiguous.length && !confirming) {
      // "the shirt" with two shirts in the order: ask which, listing the candidates.
      ctx.slots.indexes = selected.filter((index) => !selection.ambiguous.flat().includes(index));
      askItems(ctx, order, 'return.ask_items');
      return 'waiting';
    }
    if (!selected.length) { askItems(ctx, order, 'return.ask_items'); return 'waiting'; }
    const user = ctx.data.users[order.user_id];
    const original = order.payment_history[0]?.payment_method_id;
    const allowed = Object.values(user.payment_methods).filter((m) => m.id === original || m.source === 'gift_card');
    rememberPayment(ctx, allowed, order);
    const paymentMethodId = collectPayment(ctx, order, allowed, 'return.ask_payment');
    if (paymentMethodId === 'waiting') return 'waiting';
    const indexes = ctx.slots.indexes as number[];
    const items = indexes.map((i) => order.items[i]);
    const total = items.reduce((sum, item) => sum + item.price, 0);
    const fingerprint = JSON.stringify([indexes, paymentMethodId]);
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.confirmed === fingerprint) {
      const result = await ctx.call<Order>('return_delivered_order_items', { order_id: order.order_id, item_ids: items.map((i) => i.item_id), payment_method_id: paymentMethodId });
      if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
      ctx.say(paymentMethodId.startsWith('gift_card') ? 'return.done_gift_card' : 'return.done', { order: order.order_id, amount: money(ctx, total) }, { cards: [orderCard(ctx, result.result!)] });
      return 'done';
    }
    ctx.slots.confirmed = fingerprint;
    ctx.ask('confirmation', 'return.confirm', {
      order: order.order_id, lines: items.map((i) => `- ${itemLabel(i)} — ${money(ctx, i.price)}`).join('\n'),
      amount: money(ctx, total), payment: paymentLabel(ctx, user.payment_methods[paymentMethodId]),
    }, { quickReplies: confirmationReplies(ctx), cards: [orderCard(ctx, order)] });
    return 'waiting';
  },
};
