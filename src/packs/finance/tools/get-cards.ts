import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { assertOwner, type BankContext } from './shared.ts';

export const getCards = defineTool({
  name: 'get_cards',
  description: "List the authenticated customer's debit and credit cards (last four digits and status).",
  input: z.object({ customer_id: z.string().trim().min(1).max(60) }),
  write: false,
  execute({ customer_id: customerId }, context: BankContext) {
    assertOwner(context, customerId);
    return Object.values(context.data.cards).filter((card) => card.customer_id === customerId);
  },
});
