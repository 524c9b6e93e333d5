import type { Entity } from '../nlu/types.ts';

/**
 * The customer's previous message, kept for one turn: what "it", "这个", "帮我报上吧" point back to. A customer asks
 * about something ("数据结构那门课多少钱？", "which day is Business English?") and, once answered, asks for the task
 * without naming it again ("时间可以，帮我报上吧", "great, sign me up for it"). People do this all the time; a bot that
 * then asks "which course?" makes them repeat what it has just shown.
 */
export interface PreviousMessage {
  text: string;
  entities: Array<Pick<Entity, 'type' | 'value' | 'meta'>>;
  /** The turn number it was said in. */
  turn: number;
}

/** Memory key of {@link PreviousMessage}. */
export const PREVIOUS_MESSAGE = 'previousMessage';

// Words that point back ("it", "that one", "这个", "那门") — the object of the request is what was just talked about.
const ZH_POINTERS = /[它它們它们]|这(?:个|門|门|款|家|件|单|笔|位|科|次|趟)?|這(?:個|門|款|家|件|單|筆|位|科|次|趟)?|那(?:个|個|门|門|款|家|件|单|單|笔|筆|位|科|次|趟)|上面|刚才|剛才|刚刚|剛剛/u;
const EN_POINTERS = /\b(?:it|its|that|this|these|those|them|the same|that one|this one|the one)\b/iu;

/**
 * Whether a message that starts a task leans on the previous one for its object: it points back ("sign me up for
 * it", "这个科在哪", "那门课帮我报了"), or it is too short to name one ("帮我报上吧", "book it", "cancel please").
 * A long message is its own request and is read on its own.
 */
export function leansOnPrevious(text: string): boolean {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  const chinese = /\p{Script=Han}/u.test(trimmed);
  const short = chinese ? trimmed.replace(/[\s\p{P}]/gu, '').length <= 12 : trimmed.split(' ').length <= 6;
  return short || (chinese ? ZH_POINTERS.test(trimmed) : EN_POINTERS.test(trimmed)) && trimmed.length <= (chinese ? 30 : 120);
}

/** One thing the bot's last reply offered to do (its only quick reply, a task or a person), for one turn. */
export interface Offer {
  payload: string;
  turn: number;
}

/** Memory key of {@link Offer}. */
export const OFFER = 'offer';

/**
 * Remembers what this turn's last reply with quick replies offered, when it offered exactly one thing and that thing
 * is a task or a person (`actionable`): "符合赔付条件…需要的话可以点「申请理赔」" → a "行吧，确认提交" next is taking it, as a
 * yes to "shall I get you a person?" is. A reply with a menu of several choices offers no one thing; a yes/no pair
 * is a question the running flow handles itself.
 */
export function rememberOffer(state: { turns: number; memory: Record<string, unknown> }, replies: Array<{ quickReplies: Array<{ payload: string }> }>, actionable: (payload: string) => boolean): void {
  const last = [...replies].reverse().find((reply) => reply.quickReplies.length > 0);
  const only = last?.quickReplies.length === 1 ? last.quickReplies[0].payload : null;
  if (only && actionable(only)) state.memory[OFFER] = { payload: only, turn: state.turns } satisfies Offer;
  else delete state.memory[OFFER];
}

/** A write task that just ended without writing (refused, or the customer said no), for one turn. */
export interface LastTask {
  skill: string;
  texts: string[];
  entities: unknown[];
  turn: number;
}

/** Memory key of {@link LastTask}. */
export const LAST_TASK = 'lastTask';

// A message that opens by taking back what the last request said ("不对不对，是另一单", "sorry, I meant the other one").
const ZH_TAKE_BACK = /^(?:啊|哦|噢|呃|嗯)?[，,\s]*(?:不对|不是|错了|搞错了|弄错了|说错了|记错了|发错了|写错了|我说错|我搞错|我弄错|是另一|不好意思[，,\s]*(?:是|我|错|不对|搞错|说错|弄错))/u;
const EN_TAKE_BACK = /^(?:oh|oops|sorry|wait|no)?[,.!\s]*(?:no[,.!\s]+)?(?:sorry[,.!\s]+)?(?:i meant|i mean|wrong (?:order|one|item|number)|not that one|that'?s the wrong|it'?s the other|the other one)/iu;

/** Whether a message corrects the request just handled ("不对，是另一单", "sorry, I meant the other order"). */
export function correctsLastTask(text: string): boolean {
  const trimmed = text.trim();
  return ZH_TAKE_BACK.test(trimmed) || EN_TAKE_BACK.test(trimmed);
}
