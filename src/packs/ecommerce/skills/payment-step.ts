import type { Order, PaymentMethod } from '../store/types.ts';
import { paymentFromText, paymentLabel, paymentQuickReplies, sourceLabel } from './payment.ts';
import type { Ctx } from './orders.ts';

/**
 * The payment method for a refund or price difference, chosen by the customer among `allowed`.
 * With a single allowed method it is taken (and shown in the confirmation). Returns the id or 'waiting'.
 */
export function collectPayment(ctx: Ctx, order: Order, allowed: PaymentMethod[], askKey: string): string | 'waiting' {
  const named = paymentFromText(ctx, allowed, order);
  if (named && named !== 'ambiguous') ctx.slots.paymentMethodId = named;
  if (ctx.slots.paymentMethodId && allowed.some((m) => m.id === ctx.slots.paymentMethodId)) return String(ctx.slots.paymentMethodId);
  if (allowed.length === 1) {
    ctx.slots.paymentMethodId = allowed[0].id;
    return allowed[0].id;
  }
  const user = ctx.data.users[order.user_id];
  const all = Object.values(user.payment_methods);
  if (!named) {
    const outside = paymentFromText(ctx, all, order);
    if (outside && outside !== 'ambiguous') {
      ctx.ask('payment_method', 'payment.not_allowed', { method: paymentLabel(ctx, user.payment_methods[outside]) }, { quickReplies: paymentQuickReplies(ctx, allowed) });
      return 'waiting';
    }
  }
  // "差价用微信付吧" from a customer with no WeChat Pay on file: say so, instead of asking the same question again.
  const missing = ctx.entities('payment_method').map((e) => e.value).find((source) => !all.some((m) => m.source === source));
  if (missing && !named) {
    ctx.ask('payment_method', 'payment.not_on_file', { method: sourceLabel(ctx, missing), list: allowed.map((m) => `- ${paymentLabel(ctx, m)}`).join('\n') }, { quickReplies: paymentQuickReplies(ctx, allowed) });
    return 'waiting';
  }
  ctx.ask('payment_method', askKey, { list: allowed.map((m) => `- ${paymentLabel(ctx, m)}`).join('\n') }, { quickReplies: paymentQuickReplies(ctx, allowed) });
  return 'waiting';
}

/** Keeps a payment method the customer names at any point of the flow, for when the flow gets to it. */
export function rememberPayment(ctx: Ctx, allowed: PaymentMethod[], order: Order): void {
  // The first time, read everything said in this flow (the request may have come before authentication).
  const named = paymentFromText(ctx, allowed, order, !ctx.slots.paymentSeen);
  ctx.slots.paymentSeen = true;
  if (named && named !== 'ambiguous') ctx.slots.paymentMethodId = named;
}
