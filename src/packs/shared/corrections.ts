/**
 * Corrections customers make in their own words, in one module: the words with which they take back what they just
 * said ("尾号6621…不对，是4321", "JavaScript, no wait, Python", "明天下午…算了改成晚上", "sorry, I meant 5 kg"), where
 * the corrected value starts, and which of several values named in a message (or a conversation) is the one meant.
 * Matched on normalised (simplified, lower-case) text. What follows the last such word replaces what came before.
 */
export const CORRECTION = /不对|不是|说错了|说错|错了|记错|搞错|打错|口误|改成|改为|改到|换成|换到|应该是|更正一下|更正|其实是|准确地说|我是说|我的意思是|actually|instead|make (?:it|that)|change (?:it )?to|sorry,? (?:it'?s|i meant?)|i meant?\b|\bsorry\b|no wait|correction|rather/giu;

/** Offset just after the last correction word of a text, or -1 when the customer corrected nothing. */
export function lastCorrectionEnd(text: string): number {
  let end = -1;
  for (const match of text.matchAll(CORRECTION)) end = match.index + match[0].length;
  return end;
}

/** True when the message corrects something said before. */
export function isCorrection(text: string): boolean {
  return text.search(CORRECTION) >= 0;
}

/**
 * Where the corrected value starts: the offset just after the last correction word when something follows it
 * ("明天下午…不对，改成晚上" → the offset of "晚上"), else 0 (the whole message counts).
 */
export function correctionStart(text: string): number {
  const end = lastCorrectionEnd(text);
  if (end < 0) return 0;
  const skipped = /^[\s,，。、:：!！]*(是|成|为|到)?/.exec(text.slice(end))![0].length;
  return text.slice(end + skipped).trim().length ? end + skipped : 0;
}

/**
 * The part of a message that holds the corrected value (see `correctionStart`).
 *
 * @example correctedText('两个人，不对，三个') // '三个'
 */
export function correctedText(text: string): string {
  return text.slice(correctionStart(text));
}

/**
 * The text after each correction word, in order ("3 people, sorry, 5 people actually, same days" →
 * [", 5 people actually, same days", ", same days"]): a value stated after any of them replaces what came before,
 * even when a later correction word only adds a remark.
 */
export function correctionTails(text: string): string[] {
  return [...text.matchAll(CORRECTION)].map((match) => text.slice(match.index + match[0].length)).filter((tail) => tail.trim().length > 0);
}

export interface Mention<T> {
  value: T;
  /** Character offset of the mention in the text it was found in. */
  index: number;
}

/**
 * The mention a customer means when one message names several candidates: after a self-correction, the last
 * one named after the cue (the amended value); otherwise the first of `mentions` (the caller's own preference
 * order, e.g. longest name first). Undefined when nothing is mentioned.
 *
 * @example correctedChoice('冻结尾号6621的卡，不对，是4321', [{ value: '6621', index: 4 }, { value: '4321', index: 16 }]) // '4321'
 */
export function correctedChoice<T>(text: string, mentions: Array<Mention<T>>): T | undefined {
  if (!mentions.length) return undefined;
  const cut = lastCorrectionEnd(text);
  if (cut >= 0) {
    const after = mentions.filter((mention) => mention.index >= cut).sort((a, b) => a.index - b.index);
    if (after.length) return after.at(-1)!.value;
  }
  return mentions[0].value;
}

/**
 * The value a conversation currently holds for something the customer may have given in any message: the newest
 * message that mentions it wins, and within a message a self-correction wins (see {@link correctedChoice}).
 */
export function latestMention<T>(texts: readonly string[], find: (text: string) => Array<Mention<T>>): T | undefined {
  for (let i = texts.length - 1; i >= 0; i--) {
    const value = correctedChoice(texts[i], find(texts[i]));
    if (value !== undefined) return value;
  }
  return undefined;
}

const NEGATED_BEFORE = /(?:\bnot|n't|\bnor)\s+(?:the|my|a|an|that|this)?\s*$|(?:不是|而不是|并非|而非|不要)(?:那张|那个|这张|这个)?\s*$/iu;

/**
 * Whether the mention at `index` is the one being ruled out ("the credit card, not the debit one", "是信用卡，不是借记卡"):
 * such a mention must not win as the newest one.
 */
export function negatedAt(text: string, index: number): boolean {
  return NEGATED_BEFORE.test(text.slice(Math.max(0, index - 12), index));
}
