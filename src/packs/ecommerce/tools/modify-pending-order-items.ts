import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { assertGiftCardCovers, assertItemsInOrder, getOwnOrder, getPaymentMethod, itemIdsSchema, orderIdSchema, paymentMethodIdSchema, priceDifference, roundMoney, type StoreContext } from './shared.ts';

export const modifyPendingOrderItems = defineTool({
  name: 'modify_pending_order_items',
  description: 'Modify items in a pending order to other variants of the same products. Can be done only once per order. Needs explicit confirmation.',
  input: z.object({ order_id: orderIdSchema, item_ids: itemIdsSchema, new_item_ids: itemIdsSchema, payment_method_id: paymentMethodIdSchema }),
  write: true,
  execute({ order_id: orderId, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'pending') throw new ToolError('non-pending order cannot be modified');
    assertItemsInOrder(order, itemIds);
    const difference = priceDifference(context, order, itemIds, newItemIds);
    const method = getPaymentMethod(context, order.user_id, paymentMethodId);
    assertGiftCardCovers(method, difference, 'the new item');
    order.payment_history.push({ transaction_type: difference > 0 ? 'payment' : 'refund', amount: Math.abs(difference), payment_method_id: paymentMethodId });
    if (method.source === 'gift_card') method.balance = roundMoney((method.balance ?? 0) - difference);
    itemIds.forEach((itemId, index) => {
      const item = order.items.find((candidate) => candidate.item_id === itemId);
      const variant = item && context.data.products[item.product_id].variants[newItemIds[index]];
      if (!item || !variant) throw new ToolError(`item ${itemId} not found`);
      item.item_id = variant.item_id;
      item.price = variant.price;
      item.options = { ...variant.options };
    });
    order.status = 'pending (item modified)';
    return order;
  },
});
