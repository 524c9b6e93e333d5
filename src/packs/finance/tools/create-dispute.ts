import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Dispute } from '../store/types.ts';
import { assertOwner, type BankContext } from './shared.ts';

export const DISPUTE_REASONS = ['unauthorized', 'duplicate', 'not_received', 'wrong_amount', 'other'] as const;

/** Opens a dispute on a card or account transaction of the customer. Needs explicit confirmation. */
export const createDispute = defineTool({
  name: 'create_dispute',
  description: 'Open a dispute on one of the customer\'s transactions (unauthorized, duplicate, not received, wrong amount, other). The disputes team answers within 7 business days. Needs explicit confirmation.',
  input: z.object({
    transaction_id: z.string().trim().min(1).max(40),
    reason: z.enum(DISPUTE_REASONS),
    description: z.string().trim().min(1).max(1_000),
  }),
  write: true,
  execute({ transaction_id: transactionId, reason, description }, context: BankContext): Dispute {
    const account = Object.values(context.data.accounts).find((a) => a.transactions.some((t) => t.transaction_id === transactionId));
    if (!account) throw new ToolError('transaction not found');
    assertOwner(context, account.customer_id);
    const transaction = account.transactions.find((t) => t.transaction_id === transactionId)!;
    if (transaction.amount >= 0) throw new ToolError('only payments out of the account can be disputed');
    if (context.data.disputes.some((d) => d.transaction_id === transactionId)) throw new ToolError('this transaction is already disputed');
    const dispute: Dispute = {
      dispute_id: context.ids.next('DP').toUpperCase(), customer_id: account.customer_id, transaction_id: transactionId,
      amount: -transaction.amount, reason, description, status: 'submitted', created_at: context.clock.now(),
    };
    context.data.disputes.push(dispute);
    return dispute;
  },
});
