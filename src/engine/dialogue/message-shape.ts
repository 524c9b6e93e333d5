/**
 * Shapes of a message that change how the policy treats it, independent of the intent classifier.
 */

// Asking for information ("who pays return shipping?", "退货运费谁出？") rather than asking us to act.
const INFO_WORDS = /谁|多少|多久|几天|怎么算|什么时候|哪些|有没有|是否|能否|收费|费用|运费|规则|政策|条件|需要我|要不要|需不需要|用不用|要我自己|\b(how (long|much|many|do|does|can)|who|what|when|which|is there|are there|do you|does it|policy|fee|cost|do i (need|have) to|should i|will i (need|have) to)\b/;
const REQUEST_WORDS = /帮我|给我|我要|我想|请|麻烦|申请|办理|\b(can you|could you|would you|please|i want|i'd like|i would like|i need|help me)\b/;

export function isInfoQuestion(normalized: string): boolean {
  return /[?？]|吗|呢/.test(normalized) || INFO_WORDS.test(normalized)
    ? INFO_WORDS.test(normalized) && !REQUEST_WORDS.test(normalized)
    : false;
}

// SQL, markup or template syntax pasted into the chat: not a customer question in any language.
const CODE = /<\/?[a-z][^>]*>|\b(select|drop|insert|delete|update|union|truncate|alter)\b[^.?!]{0,60}\b(from|table|into|set|select|database|where)\b|;\s*--|'\s*or\s+'?\d+'?\s*=\s*'?\d|\{\{.*\}\}|\$\{.*\}/i;

export function looksLikeCode(text: string): boolean {
  return CODE.test(text);
}
