import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { assessmentValid, suitableProducts } from '../rules/suitability.ts';
import type { WealthProduct } from '../store/types.ts';
import { assertOwner, type BankContext } from './shared.ts';

/**
 * Products the customer may be offered: only those at or below the customer's current risk level. Refuses
 * when there is no valid assessment — suitability is enforced here, not left to the caller.
 */
export const listSuitableProducts = defineTool({
  name: 'list_suitable_products',
  description: "Wealth products suitable for the authenticated customer (risk rating at or below the customer's C1–C5 level). Fails when the risk assessment is missing or older than a year.",
  input: z.object({ customer_id: z.string().trim().min(1).max(60) }),
  write: false,
  execute({ customer_id: customerId }, context: BankContext): WealthProduct[] {
    assertOwner(context, customerId);
    const customer = context.data.customers[customerId];
    if (!customer) throw new ToolError('customer not found');
    if (!customer.risk_level || !assessmentValid(customer.risk_assessed_at, context.clock.now())) throw new ToolError('risk assessment missing or expired');
    return suitableProducts(customer.risk_level, Object.values(context.data.products));
  },
});
