/**
 * Wording every pack reads the same way, as intent hints a pack puts before its own. "几点有人工客服" / "when are
 * your agents available" asks WHEN people are there (an FAQ answer from the pack's contact entry), it does not ask
 * for a person now — a hand-off rule matching "人工客服" alone would transfer the customer mid-question.
 */
export const HUMAN_HOURS_QUESTION = /(几点|什么时[候间]|啥时候|哪些时间|时间段|上班时间|工作时间|在线时间|服务时间|营业时间|周末|晚上|夜里|节假日).{0,8}(有|在)?(人工|真人|客服)(?!.{0,4}(转|帮我|给我))|(人工|真人|客服).{0,8}(几点|什么时[候间]|啥时候|上班|下班|在线时间|工作时间|服务时间|周末|晚上|节假日)|\b(what time|when|which hours)\b.{0,30}\b(agents?|humans?|people|person|staff|customer service|someone)\b.{0,20}\b(available|online|working|work|on|there)\b|\b(customer service|agent|support|human|staff) hours\b/i;

/**
 * A pack's hand-off wording that does not fire on a question about the hours of the people it names
 * ("周末有人工客服吗" is not "转人工"), so the classifier's hand-off guess is not confirmed by the rule either.
 */
export function handoffRequest(pattern: RegExp): RegExp {
  return new RegExp(`^(?![\\s\\S]*(?:${HUMAN_HOURS_QUESTION.source}))[\\s\\S]*(?:${pattern.source})`, pattern.flags.includes('i') ? pattern.flags : `${pattern.flags}i`);
}

/** The hints every pack puts first (before its own hand-off hint). */
export const COMMON_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  { intent: 'faq', pattern: HUMAN_HOURS_QUESTION },
];
