import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { BankDb, WealthProduct } from '../store/types.ts';

/** A wealth product's public facts (risk rating, benchmark, term, minimum, redemption). */
export const getProduct = defineTool({
  name: 'get_product',
  description: 'Details of a wealth product: risk rating R1–R5, type, performance benchmark, term, minimum amount and redemption rules.',
  input: z.object({ product_id: z.string().trim().min(1).max(40) }),
  write: false,
  execute({ product_id: productId }, context: { data: BankDb }): WealthProduct {
    const product = context.data.products[productId];
    if (!product) throw new ToolError('product not found');
    return product;
  },
});
