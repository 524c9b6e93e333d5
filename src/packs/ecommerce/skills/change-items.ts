import type { Skill } from '../../../engine/pack.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { collectItemChanges, describeChanges, itemsFromTurn, turnAdjustsChanges } from './item-changes.ts';
import { money, orderCard, resolveOrder, type Ctx } from './orders.ts';
import { collectPayment } from './payment-step.ts';
import { daysPastLimit } from '../store/order-dates.ts';
import { ORIGINAL, paymentLabel } from './payment.ts';
import { rememberPayment } from './payment-step.ts';

interface Variant {
  tool: 'modify_pending_order_items' | 'exchange_delivered_order_items';
  prefix: 'modify_items' | 'exchange';
}

const MODIFY: Variant = { tool: 'modify_pending_order_items', prefix: 'modify_items' };
const EXCHANGE: Variant = { tool: 'exchange_delivered_order_items', prefix: 'exchange' };

/** Modify items of a pending order, or exchange items of a delivered one: the same conversation, two policies. */
function createChangeItemsSkill(): Skill<EcommerceDb> {
  return {
    name: 'change_items',
    intents: ['modify_order_items', 'exchange_items'],
    writes: true,
    accepts: ['order_id', 'product', 'option', 'payment_method', 'number'],
    // "原路退" / "original payment" answers where the money goes, though no payment method is named.
    answers: (u, step) => step === 'payment_method' && ORIGINAL.test(u.normalized),
    async run(ctx) {
      if (!(await ensureCustomer(ctx))) return 'waiting';
      const order = await resolveOrder(ctx, { statuses: ['pending', 'delivered'], action: 'change_items', itemLevel: true, window: 'exchangeDays' });
      if (order === 'waiting') return 'waiting';
      if (order === 'stop') return 'done';
      // "Change" and "exchange" are the same wish; the order's status decides which policy applies.
      const variant = order.status === 'pending' ? MODIFY : EXCHANGE;
      const late = variant === EXCHANGE ? daysPastLimit(order, ctx.data.policy?.exchangeDays, ctx.now()) : null;
      if (late) {
        ctx.say('exchange.window_passed', { order: order.order_id, date: late.delivered, days: ctx.data.policy!.exchangeDays });
        return 'done';
      }
      if (ctx.awaiting === 'confirmation' && ctx.isDeny() && !itemsFromTurn(ctx, order).length && !turnAdjustsChanges(ctx, order)) {
        ctx.say('action.not_done');
        return 'done';
      }
      const user = ctx.data.users[order.user_id];
      rememberPayment(ctx, Object.values(user.payment_methods), order);
      const changes = collectItemChanges(ctx, order, `${variant.prefix}.ask_items`);
      if (changes === 'waiting') return 'waiting';
      const paymentMethodId = collectPayment(ctx, order, Object.values(user.payment_methods), `${variant.prefix}.ask_payment`);
      if (paymentMethodId === 'waiting') return 'waiting';
      const { lines, difference } = describeChanges(ctx, order, changes);
      const fingerprint = JSON.stringify([changes.map((c) => [c.index, c.newItemId]), paymentMethodId]);
      if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.confirmed === fingerprint) {
        return await execute(ctx, variant, order, changes.map((c) => c.itemId), changes.map((c) => c.newItemId!), paymentMethodId, difference);
      }
      ctx.slots.confirmed = fingerprint;
      const method = user.payment_methods[paymentMethodId];
      ctx.ask('confirmation', `${variant.prefix}.confirm`, {
        order: order.order_id, lines, difference: money(ctx, Math.abs(difference)),
        direction: ctx.text(difference > 0 ? 'items.you_pay' : difference < 0 ? 'items.you_get' : 'items.no_difference'),
        payment: paymentLabel(ctx, method),
      }, { quickReplies: confirmationReplies(ctx), cards: [orderCard(ctx, order)] });
      return 'waiting';
    },
  };
}

async function execute(ctx: Ctx, variant: Variant, order: Order, itemIds: string[], newItemIds: string[], paymentMethodId: string, difference: number): Promise<'done'> {
  const result = await ctx.call<Order>(variant.tool, { order_id: order.order_id, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId });
  if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
  ctx.say(`${variant.prefix}.done`, { order: order.order_id, difference: money(ctx, Math.abs(difference)), direction: ctx.text(difference > 0 ? 'items.charged' : difference < 0 ? 'items.refunded' : 'items.no_difference') }, { cards: [orderCard(ctx, result.result!)] });
  return 'done';
}

/** Changing item options: modify (pending order) or exchange (delivered order). */
export const changeItemsSkill = createChangeItemsSkill();
