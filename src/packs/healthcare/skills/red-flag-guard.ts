import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { detectRedFlag } from '../safety/red-flags.ts';

/**
 * Checks the message for a red flag and, if there is one, tells the person to call emergency services and stops:
 * the running flow ends, interrupted flows and queued requests are dropped (nothing resumes after an emergency).
 * Returns true when it stopped the conversation's flow.
 */
export function stopForRedFlag(ctx: SkillContext<unknown>): boolean {
  const flag = detectRedFlag(ctx.turn.text);
  if (!flag) return false;
  const call = ctx.text('quick.call_emergency');
  ctx.say(`emergency.${flag.category}`, { matched: flag.matched }, { quickReplies: [{ label: call, payload: call }] });
  ctx.state.suspended.splice(0);
  ctx.memory.queue = [];
  ctx.memory.redFlag = { category: flag.category, at: ctx.now() };
  return true;
}

/**
 * Wraps a skill so that the red-flag rules run on EVERY message it receives, before anything else — including
 * mid-flow answers such as "yes, but my chest really hurts now" while a booking waits for confirmation.
 */
export function withRedFlagGuard<Data>(skill: Skill<Data>): Skill<Data> {
  return {
    ...skill,
    run(ctx) {
      if (stopForRedFlag(ctx as SkillContext<unknown>)) return 'cancelled';
      return skill.run(ctx);
    },
  };
}
