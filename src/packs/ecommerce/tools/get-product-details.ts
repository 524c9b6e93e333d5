import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb, Product } from '../store/types.ts';

export const getProductDetails = defineTool({
  name: 'get_product_details',
  description: 'Get the inventory details of a product.',
  input: z.object({ product_id: z.string().trim().min(1).max(40) }),
  write: false,
  execute({ product_id: productId }, context: { data: EcommerceDb }): Product {
    const product = context.data.products[productId];
    if (!product) throw new ToolError('product not found');
    return product;
  },
});
