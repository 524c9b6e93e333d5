import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { assertGiftCardCovers, getOwnOrder, getPaymentMethod, orderIdSchema, paymentMethodIdSchema, roundMoney, type StoreContext } from './shared.ts';

export const modifyPendingOrderPayment = defineTool({
  name: 'modify_pending_order_payment',
  description: 'Modify the payment method of a pending order. Needs explicit confirmation.',
  input: z.object({ order_id: orderIdSchema, payment_method_id: paymentMethodIdSchema }),
  write: true,
  execute({ order_id: orderId, payment_method_id: paymentMethodId }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'pending') throw new ToolError('non-pending order cannot be modified');
    const method = getPaymentMethod(context, order.user_id, paymentMethodId);
    const [original] = order.payment_history;
    if (order.payment_history.length !== 1 || original.transaction_type !== 'payment') {
      throw new ToolError('there should be exactly one payment for a pending order');
    }
    if (original.payment_method_id === paymentMethodId) throw new ToolError('the new payment method should be different from the current one');
    const amount = original.amount;
    assertGiftCardCovers(method, amount, 'the order');
    order.payment_history.push(
      { transaction_type: 'payment', amount, payment_method_id: paymentMethodId },
      { transaction_type: 'refund', amount, payment_method_id: original.payment_method_id },
    );
    if (method.source === 'gift_card') method.balance = roundMoney((method.balance ?? 0) - amount);
    const previous = context.data.users[order.user_id].payment_methods[original.payment_method_id];
    if (previous?.source === 'gift_card') previous.balance = roundMoney((previous.balance ?? 0) + amount);
    return order;
  },
});
