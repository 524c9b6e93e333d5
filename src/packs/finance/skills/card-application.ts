import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { isCorrection } from '../../shared/corrections.ts';
import { parseEmployment, type Employment } from '../rules/credit-prescreen.ts';
import { parseMoney } from '../rules/parse-money.ts';
import type { BankDb, CardApplication } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, money } from './bank-skill-context.ts';

const DEBT_WORDS = '负债|贷款|房贷|车贷|月供|还款|还贷|欠|花呗|白条|debts?|loans?|mortgage|repay|owe';
const INCOME_WORDS = '收入|月薪|工资|薪水|薪资|挣|赚|income|earn|salary|make';
/**
 * A clause about income ends where one about debts starts, and the other way round: customers chain them without
 * punctuation ("月薪一万二 有房贷每个月还4000", "I earn 12k a month and pay a 4k mortgage").
 */
const INCOME_CLAUSE = new RegExp(`(${INCOME_WORDS})((?!${DEBT_WORDS})[^，,。;；])*`, 'i');
const NO_DEBT = /没有(任何)?(负债|贷款|欠款|月供)|无负债|\bno (existing )?(debts?|loans?)\b|\bdebt[- ]free\b/i;
const DEBT_CLAUSE = new RegExp(`(${DEBT_WORDS})((?!${INCOME_WORDS})[^，,。;；])*`, 'i');

/** "一个月一万二左右", "到手8k a month": a monthly amount without the word income. */
const MONTHLY = /一个月|每个?月|月入|到手|税前|税后|\ba month\b|\bper month\b|\bmonthly\b/i;

/** The amount of the first clause that is monthly and not a repayment ("一个月一万二左右，房贷每月三千" → 12000). */
function monthlyIncome(text: string): number | null {
  for (const clause of text.split(/[，,。;；!！?？\n]/u)) {
    if (!MONTHLY.test(clause) || DEBT_CLAUSE.test(clause) || NO_DEBT.test(clause)) continue;
    const amount = parseMoney(clause);
    if (amount) return amount;
  }
  return null;
}

function clauseMoney(text: string, pattern: RegExp): number | null {
  const clause = pattern.exec(text)?.[0];
  return clause ? parseMoney(clause) : null;
}

/**
 * Credit-card application pre-screen: collects monthly income, employment and monthly debt repayments (in any
 * order, several in one message; a detail stated again at the confirmation or after "不对" replaces the one held),
 * verifies who the customer is, confirms, and submits. The tool scores it (rules + logistic score with reasons);
 * the bot never announces a decision — it records "pending officer review" and hands over to a credit officer.
 */
export const cardApplicationSkill: Skill<BankDb> = {
  name: 'apply_credit_card',
  intents: ['apply_credit_card'],
  writes: true,
  accepts: ['amount', 'number'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    const text = ctx.turn.normalized;
    const slots = ctx.slots as { income?: number; employment?: Employment; debt?: number };
    const stated = {
      income: clauseMoney(text, INCOME_CLAUSE) ?? monthlyIncome(text) ?? (ctx.awaiting === 'option' ? parseMoney(text) : null),
      debt: (NO_DEBT.test(text) ? 0 : null) ?? clauseMoney(text, DEBT_CLAUSE) ?? (ctx.awaiting === 'item' ? parseMoney(text) : null),
      employment: parseEmployment(text),
    };
    // At the confirmation, or after a correction word, a detail stated again replaces the one held ("不对 月薪是一万二").
    const amending = ctx.awaiting === 'confirmation' || isCorrection(text);
    let restated = false;
    for (const key of ['income', 'debt', 'employment'] as const) {
      const value = stated[key];
      if (value === null) continue;
      if (slots[key] === undefined || amending) { (slots as Record<string, unknown>)[key] = value; restated ||= amending; }
    }
    if (ctx.started) ctx.say('card_application.intro');
    if (slots.income === undefined) { ctx.ask('option', ctx.awaiting === 'option' ? 'card_application.income_again' : 'card_application.ask_income'); return 'waiting'; }
    if (slots.employment === undefined) {
      ctx.ask('reason', ctx.awaiting === 'reason' ? 'card_application.employment_again' : 'card_application.ask_employment', {}, {
        quickReplies: ['full_time', 'civil_servant', 'self_employed', 'freelance', 'retired', 'student'].map((e) => ({ label: ctx.text(`employment.${e}`), payload: ctx.text(`employment.${e}`) })),
      });
      return 'waiting';
    }
    if (slots.debt === undefined) { ctx.ask('item', ctx.awaiting === 'item' ? 'card_application.debt_again' : 'card_application.ask_debt'); return 'waiting'; }
    // An application belongs to an identified customer (never submitted with no customer): verify before confirming.
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const vars = { income: money(ctx, slots.income), employment: ctx.text(`employment.${slots.employment}`), debt: money(ctx, slots.debt) };
    return confirmAction(ctx as never, {
      key: 'card_application.confirm',
      vars,
      fingerprint: { income: slots.income, employment: slots.employment, debt: slots.debt },
      restated,
      execute: async () => {
        const result = await ctx.call<CardApplication>('submit_card_application', { customer_id: ctx.customerId(), monthly_income: slots.income, employment: slots.employment, monthly_debt: slots.debt });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        const application = result.result!;
        ctx.say('card_application.submitted', { application: application.application_id });
        const reasons = application.reasons.map((r) => `${r.factor}=${r.value} (${r.contribution >= 0 ? '+' : ''}${r.contribution})`).join(', ');
        ctx.handoff('policy', `credit card pre-screen ${application.application_id}: recommendation=${application.recommendation}, score=${application.score}, rules=[${application.rule_hits.join(', ')}], reasons: ${reasons}; pending officer review`);
      },
    });
  },
};
