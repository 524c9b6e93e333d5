import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb } from '../store/types.ts';

export const listAllProductTypes = defineTool({
  name: 'list_all_product_types',
  description: 'List the name and product id of all product types, sorted by name.',
  input: z.object({}).strict(),
  write: false,
  execute(_input, context: { data: EcommerceDb }): Record<string, string> {
    const entries = Object.values(context.data.products).map((product) => [product.name, product.product_id] as const);
    entries.sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
  },
});
