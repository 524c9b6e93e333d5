import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { Order } from '../store/types.ts';
import { getOwnOrder, orderIdSchema, type StoreContext } from './shared.ts';
import { orderResultSchema } from './result-schemas.ts';

export const getOrderDetails = defineTool({
  name: 'get_order_details',
  description: 'Get the status and details of an order.',
  input: z.object({ order_id: orderIdSchema }),
  result: orderResultSchema,
  write: false,
  execute({ order_id: orderId }, context: StoreContext): Order {
    return getOwnOrder(context, orderId);
  },
});
