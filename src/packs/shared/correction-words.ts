/**
 * Words with which customers take back what they just said: "不对，改成晚上", "不是两个，是三个",
 * "actually make it the evening", "sorry, I meant 5 kg". What follows the last such word replaces what came before.
 */
const CORRECTION = /不对|不是|错了|说错了|改成|改为|改到|换成|换到|应该是|更正一下|更正|actually|instead|make it|change (?:it )?to|sorry,? i meant|i meant|\bsorry\b|no wait|rather|我是说|我的意思是/gi;

/** True when the message corrects something said before. */
export function isCorrection(text: string): boolean {
  return text.search(CORRECTION) >= 0;
}

/**
 * Where the corrected value starts: the offset just after the last correction word when something follows it
 * ("明天下午…不对，改成晚上" → the offset of "晚上"), else 0 (the whole message counts).
 */
export function correctionStart(text: string): number {
  let end = -1;
  for (const match of text.matchAll(CORRECTION)) end = match.index + match[0].length;
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
