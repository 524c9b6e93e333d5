import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { assertOwner, type BankContext } from './shared.ts';

/** The customer's accounts with balances (credit accounts: amount owed and limit). */
export const getAccounts = defineTool({
  name: 'get_accounts',
  description: "List the authenticated customer's accounts with balances. Credit accounts show the amount owed and the credit limit.",
  input: z.object({ customer_id: z.string().trim().min(1).max(60) }),
  write: false,
  execute({ customer_id: customerId }, context: BankContext) {
    assertOwner(context, customerId);
    return Object.values(context.data.accounts)
      .filter((account) => account.customer_id === customerId)
      .map(({ transactions: _transactions, ...account }) => account);
  },
});
