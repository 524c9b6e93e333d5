import type { SkillContext } from '../../../engine/pack.ts';

/**
 * Where and when the conversation is about: "后天去八达岭，天气怎么样？路上堵不堵？" asks the traffic question about
 * the same place and day as the weather one, and "那边明天冷吗" after a sight was shown is about that sight.
 * Kept for a couple of turns only, so an old topic does not leak into a new one.
 */
export interface TripFocus {
  district?: string;
  offset?: number;
  turn: number;
}

const MEMORY_KEY = 'tripFocus';
const KEPT_TURNS = 2;

export function rememberFocus(ctx: SkillContext<unknown>, focus: { district?: string; offset?: number }): void {
  const previous = recentFocus(ctx);
  ctx.memory[MEMORY_KEY] = { ...previous, ...focus, turn: ctx.state.turns };
}

/** The focus set this turn or in the last couple of turns, or null. */
export function recentFocus(ctx: SkillContext<unknown>): TripFocus | null {
  const focus = ctx.memory[MEMORY_KEY] as TripFocus | undefined;
  return focus && ctx.state.turns - focus.turn <= KEPT_TURNS ? focus : null;
}
