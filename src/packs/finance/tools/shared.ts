import { ToolError, type ToolContext } from '../../../engine/tools/define-tool.ts';
import type { Account, BankDb, Card } from '../store/types.ts';

export type BankContext = ToolContext<BankDb>;

/** Any customer-data access: a customer conversation may only see and touch the authenticated customer's records. */
export function assertOwner(context: BankContext, customerId: string): void {
  if (context.actor.kind === 'system') return;
  if (!context.actor.customerId) throw new ToolError('the customer is not authenticated');
  if (context.actor.customerId !== customerId) throw new ToolError('this record belongs to another customer');
}

export function getOwnAccount(context: BankContext, accountId: string): Account {
  const account = context.data.accounts[accountId];
  if (!account) throw new ToolError('account not found');
  assertOwner(context, account.customer_id);
  return account;
}

export function getOwnCard(context: BankContext, cardId: string): Card {
  const card = context.data.cards[cardId];
  if (!card) throw new ToolError('card not found');
  assertOwner(context, card.customer_id);
  return card;
}

/** Same phone number, ignoring formatting and a +86 / +1 country prefix (a US "+1 212…" has 11 digits like a Chinese mobile). */
export function samePhone(a: string, b: string): boolean {
  const digits = (value: string) => value.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  const [x, y] = [digits(a), digits(b)];
  return x === y || (x.length === 11 && x.startsWith('1') && x.slice(1) === y) || (y.length === 11 && y.startsWith('1') && y.slice(1) === x);
}
