import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order, Payment } from '../store/types.ts';
import { getOwnOrder, orderIdSchema, roundMoney, type StoreContext } from './shared.ts';
import { orderResultSchema } from './result-schemas.ts';

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;

export const cancelPendingOrder = defineTool({
  name: 'cancel_pending_order',
  description: "Cancel a pending order. Processed or delivered orders cannot be cancelled. Needs explicit confirmation. The payment is refunded: immediately to a gift card, otherwise in 5-7 business days.",
  input: z.object({ order_id: orderIdSchema, reason: z.enum(CANCEL_REASONS) }),
  result: orderResultSchema,
  write: true,
  execute({ order_id: orderId, reason }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'pending') throw new ToolError('non-pending order cannot be cancelled');
    const refunds: Payment[] = order.payment_history.map((payment) => ({
      transaction_type: 'refund', amount: payment.amount, payment_method_id: payment.payment_method_id,
    }));
    for (const payment of order.payment_history) {
      const method = context.data.users[order.user_id]?.payment_methods[payment.payment_method_id];
      if (method?.source === 'gift_card') method.balance = roundMoney((method.balance ?? 0) + payment.amount);
    }
    order.status = 'cancelled';
    order.cancel_reason = reason;
    order.payment_history.push(...refunds);
    return order;
  },
});
