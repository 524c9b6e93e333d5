import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import type { Account, BankDb, Dispute, Transaction } from '../store/types.ts';
import { ownAccounts, transactionLine } from './accounts.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, money, shortTime, type BankSkillContext } from './bank-skill-context.ts';

type Reason = Dispute['reason'];

const REASONS: Array<[Reason, RegExp]> = [
  ['duplicate', /重复|扣了.{0,2}两次|扣.{0,2}两次|两笔|多扣了一笔|\b(twice|double[- ]charged|duplicate|charged two times)\b/],
  ['unauthorized', /不是我|没(有)?消费|没买过|盗刷|盗用|未授权|不认识|陌生|莫名其妙|\b(unauthori[sz]ed|didn'?t make|did not make|not me|fraudulent|don'?t recogni[sz]e|never made)\b/],
  ['not_received', /没收到|未收到|没到货|没发货|没提供|\b(never (arrived|received|delivered)|not (received|delivered)|didn'?t (get|receive))\b/],
  ['wrong_amount', /金额不对|多扣|扣多了|价格不对|\b(wrong amount|overcharged|charged (me )?more)\b/],
];

/** The dispute reason a message names, or null. */
export function disputeReason(text: string): Reason | null {
  const t = normalize(text);
  return REASONS.find(([, pattern]) => pattern.test(t))?.[0] ?? null;
}

/**
 * The transaction a message points at among the recent payments: by list number, transaction id, amount or
 * merchant. For a duplicate charge the later of two identical payments is the one disputed.
 */
function matchTransaction(ctx: BankSkillContext, payments: Transaction[], text: string, reason: Reason | null): Transaction | null {
  const t = normalize(text);
  const byId = payments.find((p) => t.includes(p.transaction_id.toLowerCase()));
  if (byId) return byId;
  if (ctx.awaiting === 'item') {
    const ordinal = /^(?:第)?\s*(\d)\s*(?:笔|个|条)?$/.exec(t) ?? /^(?:no\.?|number|#)?\s*(\d)$/.exec(t);
    if (ordinal && payments[Number(ordinal[1]) - 1]) return payments[Number(ordinal[1]) - 1];
  }
  const amounts = [...t.matchAll(/(\d+(?:\.\d{1,2})?)/g)].map((m) => Number(m[1])).filter((n) => n >= 10);
  let candidates = payments.filter((p) => amounts.includes(-p.amount)
    || t.includes(normalize(p.merchant.zh).slice(0, 2))
    || normalize(p.merchant.en).split(/[\s*]+/).some((word) => word.length >= 4 && !/^(transfer|payment|website|overseas|unknown|merchant)$/.test(word) && t.includes(word)));
  if (!candidates.length) return null;
  if (reason === 'duplicate') {
    const twin = candidates.find((p) => payments.some((q) => q !== p && q.amount === p.amount && q.merchant.zh === p.merchant.zh && q.time < p.time));
    if (twin) return twin;
  }
  candidates = [...new Set(candidates)];
  return candidates.length === 1 ? candidates[0] : null;
}

/**
 * Disputed-transaction intake: authenticate, pick the payment from the recent ones, record why, confirm and open
 * a dispute. For an unauthorised payment the customer is also offered a card freeze.
 */
export const disputeSkill: Skill<BankDb> = {
  name: 'dispute_transaction',
  intents: ['dispute_transaction'],
  writes: true,
  accepts: ['amount', 'number'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const all = ctx.flowTexts().join(' ');
    ctx.slots.reason ??= disputeReason(all) ?? undefined;
    const accounts = (await ownAccounts(ctx)).filter((account: Account) => account.kind !== 'savings');
    const recent = await Promise.all(accounts.map(async (account) => (await ctx.call<Transaction[]>('get_recent_transactions', { account_id: account.account_id, limit: 10 })).result ?? []));
    const payments = recent.flat()
      .filter((t) => t.amount < 0).sort((a, b) => b.time.localeCompare(a.time)).slice(0, 6);
    if (!ctx.slots.transactionId) {
      const found = matchTransaction(ctx, payments, ctx.awaiting === 'item' ? ctx.turn.text : all, (ctx.slots.reason as Reason | undefined) ?? null);
      if (!found) {
        ctx.ask('item', 'dispute.which', { lines: payments.map((t, i) => transactionLine(ctx, t, i)).join('\n') }, {
          quickReplies: payments.slice(0, 4).map((t, i) => ({ label: `${i + 1}. ${t.merchant[ctx.locale]} ${money(ctx, t.amount)}`, payload: String(i + 1) })),
        });
        return 'waiting';
      }
      ctx.slots.transactionId = found.transaction_id;
    }
    const transaction = payments.find((t) => t.transaction_id === ctx.slots.transactionId)!;
    if (!ctx.slots.reason) {
      if (ctx.awaiting === 'reason') {
        ctx.slots.reason = 'other';
        ctx.slots.description = ctx.turn.text.slice(0, 500);
      } else {
        ctx.ask('reason', 'dispute.ask_reason', { transaction: transactionLine(ctx, transaction, 0).slice(3) });
        return 'waiting';
      }
    }
    const reason = ctx.slots.reason as Reason;
    const described = { transaction: `${shortTime(transaction.time)} ${transaction.merchant[ctx.locale]} ${money(ctx, transaction.amount)}`, reason: ctx.text(`dispute.reason.${reason}`) };
    return confirmAction(ctx as never, {
      key: 'dispute.confirm',
      vars: described,
      fingerprint: { transaction: transaction.transaction_id, reason },
      execute: async () => {
        const result = await ctx.call<Dispute>('create_dispute', { transaction_id: transaction.transaction_id, reason, description: String(ctx.slots.description ?? all).slice(0, 1_000) });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        const freeze = ctx.text('quick.freeze');
        ctx.say(reason === 'unauthorized' ? 'dispute.done_unauthorized' : 'dispute.done', { dispute: result.result!.dispute_id, ...described },
          reason === 'unauthorized' ? { quickReplies: [{ label: freeze, payload: freeze }] } : {});
      },
    });
  },
};
