import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { daysPastLimit } from '../store/order-dates.ts';
import { assertItemsInOrder, getOwnOrder, getPaymentMethod, itemIdsSchema, orderIdSchema, paymentMethodIdSchema, type StoreContext } from './shared.ts';

export const returnDeliveredOrderItems = defineTool({
  name: 'return_delivered_order_items',
  description: "Return some items of a delivered order; status becomes 'return requested' and the customer gets an email on how to send them back. The refund goes to the original payment method or an existing gift card. Needs explicit confirmation.",
  input: z.object({ order_id: orderIdSchema, item_ids: itemIdsSchema, payment_method_id: paymentMethodIdSchema }),
  write: true,
  execute({ order_id: orderId, item_ids: itemIds, payment_method_id: paymentMethodId }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'delivered') throw new ToolError('non-delivered order cannot be returned');
    const late = daysPastLimit(order, context.data.policy?.returnDays, context.clock.now());
    if (late) throw new ToolError(`return window passed: delivered on ${late.delivered}, the store allows returns within ${context.data.policy!.returnDays} days`);
    const method = getPaymentMethod(context, order.user_id, paymentMethodId);
    if (method.source !== 'gift_card' && paymentMethodId !== order.payment_history[0]?.payment_method_id) {
      throw new ToolError('payment method should be either the original payment method or a gift card');
    }
    assertItemsInOrder(order, itemIds);
    order.status = 'return requested';
    order.return_items = [...itemIds].sort();
    order.return_payment_method_id = paymentMethodId;
    return order;
  },
});
