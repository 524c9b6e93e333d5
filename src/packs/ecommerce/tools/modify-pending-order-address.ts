import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { getOwnOrder, orderIdSchema, type StoreContext } from './shared.ts';

export const addressFields = {
  address1: z.string().trim().min(1).max(200),
  address2: z.string().trim().max(200),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100),
  country: z.string().trim().min(1).max(100),
  zip: z.string().trim().min(3).max(12),
};

export const modifyPendingOrderAddress = defineTool({
  name: 'modify_pending_order_address',
  description: 'Modify the shipping address of a pending order. Needs explicit confirmation.',
  input: z.object({ order_id: orderIdSchema, ...addressFields }),
  write: true,
  execute({ order_id: orderId, ...address }, context: StoreContext): Order {
    const order = getOwnOrder(context, orderId);
    if (order.status !== 'pending') throw new ToolError('non-pending order cannot be modified');
    order.address = { address1: address.address1, address2: address.address2, city: address.city, state: address.state, country: address.country, zip: address.zip };
    return order;
  },
});
