import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { getOwnAccount, type BankContext } from './shared.ts';

/** The latest transactions of one of the customer's accounts, newest first. */
export const getRecentTransactions = defineTool({
  name: 'get_recent_transactions',
  description: 'Recent transactions of an account of the authenticated customer, newest first.',
  input: z.object({ account_id: z.string().trim().min(1).max(60), limit: z.number().int().min(1).max(50).default(5) }),
  write: false,
  execute({ account_id: accountId, limit }, context: BankContext) {
    const account = getOwnAccount(context, accountId);
    return [...account.transactions].sort((a, b) => b.time.localeCompare(a.time)).slice(0, limit);
  },
});
