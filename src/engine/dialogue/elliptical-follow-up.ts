/**
 * Whether a message is an elliptical follow-up that only changes one detail of the request just answered
 * ("那周四呢", "那要是走特快呢", "換成上海呢", "what about Monday?", "and for 5 kg?"). Such a message names no task of its
 * own; the engine re-runs the last read-only skill with the earlier request plus this message, the newest detail
 * winning. Kept short on purpose: a long message is a request of its own.
 */
const ZH_FOLLOW_UP = /^(?:那|那么|那要是|要是|如果|如果是|换成|換成|改成|换|換)[^。！!]{0,16}呢[?？]?$/u;
const EN_FOLLOW_UP = /^(?:and |so |ok |okay |then )?(?:what|how) about\b[^.!]{0,40}\??$|^(?:and|what if|and if)\b[^.!]{0,40}\?$/iu;

export function isEllipticalFollowUp(text: string): boolean {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return ZH_FOLLOW_UP.test(trimmed) || EN_FOLLOW_UP.test(trimmed);
}
