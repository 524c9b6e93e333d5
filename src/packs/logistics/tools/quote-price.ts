import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { MAX_WEIGHT_KG, quotePrice as price, type Quote } from '../rules/pricing.ts';

/** The price calculator: zone from the two cities, first-kg plus additional-kg tiers (see rules/pricing.ts). */
export const quotePrice = defineTool({
  name: 'quote_price',
  description: 'Shipping price between two cities for a weight and service, with the zone and weight tiers used.',
  input: z.object({
    from: z.string().min(1), to: z.string().min(1), weight_kg: z.number().positive(),
    service: z.enum(['standard', 'express']).default('standard'),
  }),
  write: false,
  execute({ from, to, weight_kg: weightKg, service }): Quote {
    if (weightKg > MAX_WEIGHT_KG) throw new ToolError(`parcels over ${MAX_WEIGHT_KG} kg go by freight service`);
    try {
      return price({ from, to, weightKg, service });
    } catch (error) {
      throw new ToolError((error as Error).message);
    }
  },
});
