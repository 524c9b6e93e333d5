import type { SkillContext } from '../../../engine/pack.ts';
import { detectFraudCues } from '../rules/fraud-cues.ts';
import type { BankDb } from '../store/types.ts';

export type BankSkillContext = SkillContext<BankDb>;

/** ¥1,234.50 (or -¥…) in the customer's language. */
export function money(ctx: BankSkillContext, amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}¥${Math.abs(amount).toLocaleString(ctx.locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** 'YYYY-MM-DD HH:MM' of an ISO time, as written in the data (bank local time). */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * The scam guard every finance skill runs first: when the message carries a fraud cue, warn, log it for the fraud
 * team and hand over to a person — whatever flow was running. Returns true when it fired.
 */
export async function guardFraud(ctx: BankSkillContext, texts: string[] = [ctx.turn.text], extraCues: string[] = []): Promise<boolean> {
  const cues = [...new Set([...texts.flatMap((text) => detectFraudCues(text)), ...extraCues])];
  if (!cues.length) return false;
  await warnAndHandOff(ctx, cues);
  return true;
}

/** The scam warning itself: one line per cue, the standing advice, a log entry and a handoff. */
export async function warnAndHandOff(ctx: BankSkillContext, cues: string[]): Promise<void> {
  const lines = cues.map((cue) => ctx.text(`fraud.cue.${cue}`)).join('\n');
  await ctx.call('flag_fraud_risk', { cues: cues.length ? cues : ['customer_report'], text: ctx.turn.text.slice(0, 1_000) });
  ctx.say('fraud.warning', { lines: lines || ctx.text('fraud.cue.customer_report') });
  ctx.handoff('policy', `fraud risk: ${cues.join(', ') || 'customer_report'}; customer=${ctx.customerId() ?? 'anonymous'}; last="${ctx.turn.text.slice(0, 200)}"`);
}
