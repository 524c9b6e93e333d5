import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { daysPastLimit } from '../store/order-dates.ts';
import { assertGiftCardCovers, assertItemsInOrder, getOwnOrder, getPaymentMethod, itemIdsSchema, orderIdSchema, paymentMethodIdSchema, priceDifference, type StoreContext } from './shared.ts';

export const exchangeDeliveredOrderItems = defineTool({
  name: 'exchange_delivered_order_items',
  description: "Exchange items of a delivered order for other variants of the same products; status becomes 'exchange requested'. Can be done only once per order. Needs explicit confirmation.",
  input: z.object({ order_id: orderIdSchema, item_ids: itemIdsSchema, new_item_ids: itemIdsSchema, payment_method_id: paymentMethodIdSchema }),
  write: true,
  execute({ order_id: orderId, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'delivered') throw new ToolError('non-delivered order cannot be exchanged');
    const late = daysPastLimit(order, context.data.policy?.exchangeDays, context.clock.now());
    if (late) throw new ToolError(`exchange window passed: delivered on ${late.delivered}, the store allows exchanges within ${context.data.policy!.exchangeDays} days`);
    assertItemsInOrder(order, itemIds);
    const difference = priceDifference(context, order, itemIds, newItemIds);
    const method = getPaymentMethod(context, order.user_id, paymentMethodId);
    assertGiftCardCovers(method, difference, 'the price difference');
    order.status = 'exchange requested';
    order.exchange_items = [...itemIds].sort();
    order.exchange_new_items = [...newItemIds].sort();
    order.exchange_payment_method_id = paymentMethodId;
    order.exchange_price_difference = difference;
    return order;
  },
});
