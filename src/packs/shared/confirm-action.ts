import type { ReplyExtras, SkillContext } from '../../engine/pack.ts';

const CONFIRMED_SLOT = '__confirmed';

export interface ConfirmActionOptions {
  /** Template that states what will happen and asks "shall I go ahead?". */
  key: string;
  vars?: Record<string, unknown>;
  extras?: ReplyExtras;
  /** What is being confirmed; a yes only counts for exactly these details (changed details are asked again). */
  fingerprint: unknown;
  /** Runs the write; called only after an explicit yes to the same fingerprint. */
  execute(): void | Promise<void>;
  /** Template said when the customer declines (default 'action.not_done'). */
  declinedKey?: string;
  /**
   * The message restated or corrected a detail ("不对，月薪是一万二"): its "不对" is not a "no" to the action, so the
   * (possibly unchanged) details are confirmed again instead of dropping the request.
   */
  restated?: boolean;
}

/**
 * The confirmation step every write action goes through (policy: explicit confirmation before changing data).
 * Returns 'done' after executing or after a "no", else asks and returns 'waiting'.
 *
 * @example return confirmAction(ctx, { key: 'card.freeze_confirm', vars: { card }, fingerprint: card, execute: () => … });
 */
export async function confirmAction(ctx: SkillContext<unknown>, options: ConfirmActionOptions): Promise<'waiting' | 'done'> {
  const fingerprint = JSON.stringify(options.fingerprint);
  if (ctx.awaiting === 'confirmation' && ctx.slots[CONFIRMED_SLOT] === fingerprint && !options.restated) {
    if (ctx.isAffirm()) { await options.execute(); return 'done'; }
    if (ctx.isDeny()) { ctx.say(options.declinedKey ?? 'action.not_done'); return 'done'; }
  }
  ctx.slots[CONFIRMED_SLOT] = fingerprint;
  const yes = ctx.text('quick.yes');
  const no = ctx.text('quick.no');
  ctx.ask('confirmation', options.key, options.vars, { quickReplies: [{ label: yes, payload: yes }, { label: no, payload: no }], ...options.extras });
  return 'waiting';
}
