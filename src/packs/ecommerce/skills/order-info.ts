import type { Skill } from '../../../engine/pack.ts';
import type { EcommerceDb, Order, User } from '../store/types.ts';
import type { Tracking } from '../tools/track-order.ts';
import { ensureCustomer } from './auth.ts';
import { formatAddress } from './address.ts';
import { money, mostMentioned, orderCard, orderSummary, resolveOrder, statusLabel } from './orders.ts';
import { narrowByStatus } from './order-references.ts';
import { narrowByTime } from './order-time.ts';
import { paymentLabel } from './payment.ts';

export const orderStatusSkill: Skill<EcommerceDb> = {
  name: 'order_status',
  intents: ['order_status'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const user = ctx.data.users[ctx.customerId()!];
    if (!ctx.entities('order_id').length && !ctx.slots.orderId && user.orders.length > 1 && ctx.awaiting !== 'order_id') {
      // "the rice I bought this morning", "my latest order": the one order the words point at.
      const pointed = pointedOrder(ctx, user.orders.map((id) => ctx.data.orders[id]).filter(Boolean));
      if (pointed) ctx.slots.orderId = pointed.order_id;
    }
    if (!ctx.entities('order_id').length && !ctx.slots.orderId && user.orders.length > 1 && ctx.awaiting !== 'order_id') {
      const orders = user.orders.map((id) => ctx.data.orders[id]).filter(Boolean);
      ctx.slots.orderChoices = orders.slice(0, 10).map((o) => o.order_id);
      ctx.ask('order_id', 'status.list', { count: orders.length, list: orders.slice(0, 10).map((o, i) => `${i + 1}. ${orderSummary(ctx, o)}`).join('\n') }, {
        quickReplies: orders.slice(0, 10).map((o) => ({ label: o.order_id, payload: o.order_id })),
      });
      return 'waiting';
    }
    const order = await resolveOrder(ctx, { action: 'view' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    ctx.say('status.detail', { order: order.order_id, status: statusLabel(ctx, order.status), total: money(ctx, paidFor(order)), count: order.items.length, address: formatAddress(order.address) }, { cards: [orderCard(ctx, order)] });
    return 'done';
  },
};

/** The order the customer's words point at (products named, status, dates, latest/earliest); null when several fit. */
function pointedOrder(ctx: Parameters<typeof orderStatusSkill.run>[0], orders: Order[]): Order | null {
  const text = ctx.flowTexts().join(' ');
  const byProduct = mostMentioned(text, orders, ctx.data.products);
  const pool = narrowByStatus(text, byProduct.length ? byProduct : orders);
  const pointed = narrowByTime(text, ctx.flowEntities('date').map((e) => e.value), pool, ctx.now());
  return pointed.length === 1 && (byProduct.length > 0 || pointed.length < orders.length) ? pointed[0] : null;
}

/** What the customer paid for the order (payments, not refunds); the item prices when no payment is recorded. */
function paidFor(order: Order): number {
  const paid = order.payment_history.filter((p) => p.transaction_type === 'payment').reduce((sum, p) => sum + p.amount, 0);
  return paid > 0 ? Math.round(paid * 100) / 100 : order.items.reduce((sum, i) => sum + i.price, 0);
}

export const trackOrderSkill: Skill<EcommerceDb> = {
  name: 'track_order',
  intents: ['track_order'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const order = await resolveOrder(ctx, { action: 'track' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    const tracking = await ctx.call<Tracking>('track_order', { order_id: order.order_id });
    if (!tracking.ok) { ctx.say('action.failed', { error: tracking.error }); return 'done'; }
    const t = tracking.result!;
    const events = t.fulfillments.flatMap((f) => (f.events ?? []).map((e) => ({ time: e.time, text: [e.location, e.description].filter(Boolean).join(' · ') }))).sort((a, b) => b.time.localeCompare(a.time));
    const numbers = t.fulfillments.flatMap((f) => f.tracking_id.map((id) => (f.carrier ? `${f.carrier} ${id}` : id)));
    if (order.status === 'pending') ctx.say('track.not_shipped', { order: order.order_id });
    else if (!events.length) ctx.say('track.no_events', { order: order.order_id, status: statusLabel(ctx, order.status), numbers: numbers.join(', ') || '-' });
    else ctx.say(t.delayed ? 'track.delayed' : 'track.latest', { order: order.order_id, status: statusLabel(ctx, order.status), numbers: numbers.join(', '), latest: events[0].text, time: events[0].time.replace('T', ' ').slice(0, 16) }, {
      cards: [{ kind: 'timeline', title: order.order_id, events }],
    });
    return 'done';
  },
};

export const accountInfoSkill: Skill<EcommerceDb> = {
  name: 'account_info',
  intents: ['account_info'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const details = await ctx.call<User>('get_user_details', { user_id: ctx.customerId()! });
    if (!details.ok) { ctx.say('action.failed', { error: details.error }); return 'done'; }
    const user = details.result!;
    ctx.say('account.detail', {
      name: `${user.name.first_name} ${user.name.last_name}`, email: user.email, address: formatAddress(user.address),
      methods: Object.values(user.payment_methods).map((m) => `- ${paymentLabel(ctx, m)}`).join('\n'), orders: user.orders.length,
    });
    return 'done';
  },
};

export const refundStatusSkill: Skill<EcommerceDb> = {
  name: 'refund_status',
  intents: ['refund_status'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const user = ctx.data.users[ctx.customerId()!];
    const mentioned = ctx.entities('order_id')[0]?.value;
    const orders: Order[] = user.orders.map((id) => ctx.data.orders[id]).filter((o) => o && (!mentioned || o.order_id === mentioned));
    const lines: string[] = [];
    for (const order of orders) {
      for (const refund of order.payment_history.filter((p) => p.transaction_type === 'refund')) {
        const method = user.payment_methods[refund.payment_method_id];
        lines.push(ctx.text(method?.source === 'gift_card' ? 'refund.line_gift_card' : 'refund.line', { order: order.order_id, amount: money(ctx, refund.amount), payment: method ? paymentLabel(ctx, method) : refund.payment_method_id }));
      }
      if (order.status === 'return requested') lines.push(ctx.text('refund.line_return_requested', { order: order.order_id }));
    }
    if (!lines.length) { ctx.say('refund.none'); return 'done'; }
    ctx.say('refund.list', { lines: lines.join('\n') });
    return 'done';
  },
};
