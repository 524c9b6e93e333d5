import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Account, BankDb, Transaction } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, money, shortTime, type BankSkillContext } from './bank-skill-context.ts';

/** The customer's accounts, read through the tool (ownership-checked). */
export async function ownAccounts(ctx: BankSkillContext): Promise<Account[]> {
  const result = await ctx.call<Account[]>('get_accounts', { customer_id: ctx.customerId() });
  return result.ok ? result.result! : [];
}

/** The account a message points at: credit card, savings, else the debit account. */
export function pickAccount(ctx: BankSkillContext, accounts: Account[], text: string): Account | undefined {
  const kind = /信用卡|credit/i.test(text) ? 'credit' : /定期|储蓄账户|存款|savings|deposit/i.test(text) ? 'savings' : 'debit';
  return accounts.find((account) => account.kind === kind) ?? accounts.find((account) => account.kind === 'debit') ?? accounts[0];
}

export function transactionLine(ctx: BankSkillContext, transaction: Transaction, index: number): string {
  return `${index + 1}. ${shortTime(transaction.time)}  ${transaction.merchant[ctx.locale]}  ${money(ctx, transaction.amount)}`;
}

/** Balance enquiry: every account after authentication; credit accounts show what is owed and what is left. */
export const balanceSkill: Skill<BankDb> = {
  name: 'check_balance',
  intents: ['check_balance'],
  // "…，我叫王芳，电话139…": a clause that only identifies the customer belongs to this request.
  accepts: ['phone'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const lines = (await ownAccounts(ctx)).map((account) => account.kind === 'credit'
      ? ctx.text('balance.line_credit', { name: account.name[ctx.locale], owed: money(ctx, account.balance), available: money(ctx, (account.credit_limit ?? 0) - account.balance) })
      : ctx.text('balance.line', { name: account.name[ctx.locale], balance: money(ctx, account.balance) }));
    ctx.say('balance.list', { lines: lines.join('\n') });
    return 'done';
  },
};

const ORDINAL: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };

/**
 * The one transaction a follow-up asks about: by merchant ("优衣库那笔多少钱", "the Uniqlo one") or by position
 * ("第二笔", "the second one"); null when the message names none.
 */
export function transactionAskedAbout(text: string, transactions: Transaction[]): Transaction | null {
  const message = normalize(text).replace(/\s+/gu, '');
  const byMerchant = transactions.find((t) => [t.merchant.zh, t.merchant.en].some((name) => {
    const squashed = normalize(name).replace(/\s+/gu, '');
    return squashed.length >= 2 && message.includes(squashed) || name.split(/\s+/u).some((word) => word.length >= 4 && message.includes(normalize(word)));
  }));
  if (byMerchant) return byMerchant;
  const zh = /第\s*([一二两三四五\d])\s*笔/u.exec(message);
  const en = /\bthe (first|second|third|fourth|fifth) (?:one|charge|payment|transaction)\b/iu.exec(normalize(text));
  const index = zh ? Number(zh[1]) || ORDINAL[zh[1]] : en ? ORDINAL[en[1].toLowerCase()] : 0;
  return index ? transactions[index - 1] ?? null : null;
}

/** The five latest transactions of the account the customer names (debit by default). */
export const transactionsSkill: Skill<BankDb> = {
  name: 'recent_transactions',
  intents: ['recent_transactions'],
  // "…，我叫王芳，电话139…": a clause that only identifies the customer belongs to this request.
  accepts: ['phone'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const account = pickAccount(ctx, (await ownAccounts(ctx)), ctx.flowTexts().join(' '));
    if (!account) { ctx.say('account.none'); return 'done'; }
    const result = await ctx.call<Transaction[]>('get_recent_transactions', { account_id: account.account_id, limit: 5 });
    const transactions = result.ok ? result.result! : [];
    if (!transactions.length) { ctx.say('transactions.none', { account: account.name[ctx.locale] }); return 'done'; }
    const asked = transactionAskedAbout(ctx.turn.text, transactions);
    if (asked) { ctx.say('transactions.one', { line: transactionLine(ctx, asked, transactions.indexOf(asked)).replace(/^\d+\.\s*/, '') }); return 'done'; }
    ctx.say('transactions.list', { account: account.name[ctx.locale], lines: transactions.map((t, i) => transactionLine(ctx, t, i)).join('\n') }, {
      cards: [{ kind: 'timeline', title: account.name[ctx.locale], events: transactions.map((t) => ({ time: shortTime(t.time), text: `${t.merchant[ctx.locale]} ${money(ctx, t.amount)}` })) }],
    });
    return 'done';
  },
};
