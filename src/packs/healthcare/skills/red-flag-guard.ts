import type { Skill, SkillContext } from '../../../engine/pack.ts';
import { detectRedFlag, type RedFlag } from '../safety/red-flags.ts';

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
 * The red flag raised earlier in this conversation, if any: the one the guard remembered, or one in the messages
 * just before this one (the engine's own safety check answers those without running a skill, so the guard reads
 * the engine's `recentTexts` — the last few normalised messages — rather than relying on having seen them).
 */
function earlierRedFlag(ctx: SkillContext<unknown>): RedFlag | null {
  const remembered = ctx.memory.redFlag as { category?: RedFlag['category'] } | undefined;
  if (remembered?.category) return { category: remembered.category, matched: '' };
  const recent = (ctx.memory.recentTexts as string[] | undefined) ?? [];
  for (const text of recent.slice(0, -1).reverse()) {
    const flag = detectRedFlag(text);
    if (flag) return flag;
  }
  return null;
}

/**
 * After an emergency warning, anything the person asks next ("he says he'll rest, book cardiology for tomorrow")
 * is answered only after the warning is restated with the emergency path first. The skill then runs as asked:
 * refusing a booking would not make anyone safer, staying silent about the warning might.
 */
function restateEarlierWarning(ctx: SkillContext<unknown>): void {
  const flag = earlierRedFlag(ctx);
  if (!flag) return;
  ctx.memory.redFlag = { category: flag.category, at: (ctx.memory.redFlag as { at?: string } | undefined)?.at ?? ctx.now() };
  if (ctx.memory.redFlagRestatedTurn === ctx.state.turns) return;
  ctx.memory.redFlagRestatedTurn = ctx.state.turns;
  const call = ctx.text('quick.call_emergency');
  ctx.say('emergency.reminder', { symptom: ctx.text(`redflag.${flag.category}`) }, { quickReplies: [{ label: call, payload: call }] });
}

/**
 * Wraps a skill so that the red-flag rules run on EVERY message it receives, before anything else — including
 * mid-flow answers such as "yes, but my chest really hurts now" while a booking waits for confirmation — and so
 * that a warning given earlier in the conversation is restated before the skill answers.
 */
export function withRedFlagGuard<Data>(skill: Skill<Data>): Skill<Data> {
  return {
    ...skill,
    async run(ctx) {
      if (stopForRedFlag(ctx as SkillContext<unknown>)) return 'cancelled';
      restateEarlierWarning(ctx as SkillContext<unknown>);
      return skill.run(ctx);
    },
  };
}
