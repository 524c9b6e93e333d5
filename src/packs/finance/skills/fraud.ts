import type { Skill, SkillStatus } from '../../../engine/pack.ts';
import { unusualTransfer } from '../rules/fraud-cues.ts';
import { parseMoney } from '../rules/parse-money.ts';
import type { BankDb } from '../store/types.ts';
import { warnAndHandOff } from './bank-skill-context.ts';

/**
 * A customer describing a possible scam ("someone asked for my code", "转到安全账户", "我好像被骗了"): warn with
 * the cues found, log them, hand over to a fraud specialist. Never continues any money movement.
 */
export const fraudAlertSkill: Skill<BankDb> = {
  name: 'fraud_alert',
  intents: ['fraud_alert'],
  async run(ctx): Promise<SkillStatus> {
    const text = ctx.flowTexts().join(' ');
    const debit = ctx.customerId() ? Object.values(ctx.data.accounts).find((a) => a.customer_id === ctx.customerId() && a.kind === 'debit') : undefined;
    const cues = unusualTransfer(text, /转|汇|transfer|send|wire|move/i.test(text) ? parseMoney(text) : null, debit?.balance ?? null).cues;
    await warnAndHandOff(ctx, cues.length ? cues : ['customer_report']);
    return 'done';
  },
};

/**
 * Transfers are not made in chat. A transfer request is checked for unusual signs (scam cues, a large amount, most
 * of the balance): those get the warning and a person; ordinary ones get the self-service route.
 */
export const transferSkill: Skill<BankDb> = {
  name: 'transfer_money',
  intents: ['transfer_money'],
  async run(ctx): Promise<SkillStatus> {
    const text = ctx.flowTexts().join(' ');
    const amount = parseMoney(text);
    const debit = ctx.customerId() ? Object.values(ctx.data.accounts).find((a) => a.customer_id === ctx.customerId() && a.kind === 'debit') : undefined;
    const check = unusualTransfer(text, amount, debit?.balance ?? null);
    if (check.unusual) {
      await warnAndHandOff(ctx, check.cues);
      return 'done';
    }
    ctx.say('transfer.self_service');
    return 'done';
  },
};
