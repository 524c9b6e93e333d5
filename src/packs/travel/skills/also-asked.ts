import type { SkillContext } from '../../../engine/pack.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';

/** What each travel skill answers, in words that stay unmistakable inside a longer message. */
const QUESTIONS: Array<{ skill: string; pattern: RegExp }> = [
  { skill: 'weather', pattern: /天气|下雨|下雪|气温|多少度|冷不冷|热不热|带伞|\b(weather|forecast|rain|snow|umbrella|temperature)\b/i },
  { skill: 'traffic', pattern: /路况|堵|限行|限号|\b(traffic|jam(med)?|congest\w*|rush hour|driving restriction)\b/i },
  { skill: 'place_lookup', pattern: /门票|票价|要不要钱|收费吗|人均|几点(开|关)门|营业时间|开放时间|\b(tickets?|admission|entry fee|opening hours)\b/i },
];

const MEMORY_KEY = 'askedTogether';

/** Clause boundaries a customer uses between two questions in one message. */
const BOUNDARY = /[，,。？?！!；;]|\band\b|还有|另外|顺便|以及/i;

/**
 * "北京动物园门票多少，开车去堵不堵": two questions joined by a comma reach the skill as one message. After a travel
 * skill answers its part, every other question of the message is queued for the skill that answers it — unless
 * the engine already queued it from a clause of its own.
 */
export function enqueueOtherQuestions(ctx: SkillContext<unknown>, self: string): void {
  const text = normalizeKeepCase(ctx.turn.text);
  const previous = ctx.memory[MEMORY_KEY] as { text: string; skills: string[] } | undefined;
  // Skills that already answered (or were queued for) this very message: a queued skill must not queue back.
  const handled = new Set(previous?.text === text ? previous.skills : []);
  handled.add(self);
  for (const task of (ctx.memory.queue as Array<{ skill: string }> | undefined) ?? []) handled.add(task.skill);
  const pieces = text.split(BOUNDARY).map((piece) => piece.trim()).filter(Boolean);
  for (const question of QUESTIONS) {
    if (handled.has(question.skill) || !pieces.some((piece) => question.pattern.test(piece))) continue;
    handled.add(question.skill);
    // The whole message goes along: the other question needs its place and day ("北京动物园…开车去堵不堵").
    ctx.enqueue(question.skill, text);
  }
  ctx.memory[MEMORY_KEY] = { text, skills: [...handled] };
}
