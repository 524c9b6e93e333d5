/**
 * Words with which customers take back what they just said in the same message ("尾号6621…不对，是4321",
 * "JavaScript, no wait, Python", "明天…算了改成后天"). Matched on normalised (simplified, lower-case) text.
 */
export const CORRECTION_CUE = /不对|不是|错了|说错|记错|搞错|打错|口误|改成|改为|换成|改到|更正|应该是|其实是|准确地说|actually|i mean|i meant|no wait|sorry,? (?:it'?s|make that)|make that|correction|rather|instead/giu;

export interface Mention<T> {
  value: T;
  /** Character offset of the mention in the text it was found in. */
  index: number;
}

/** Offset just after the last correction cue of a text, or -1 when the customer corrected nothing. */
export function lastCorrectionEnd(text: string): number {
  let end = -1;
  for (const match of text.matchAll(CORRECTION_CUE)) end = match.index + match[0].length;
  return end;
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
