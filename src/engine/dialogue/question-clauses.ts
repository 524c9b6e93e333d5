/**
 * Splits a message into the separate questions it asks ("一节课多长？能分期吗" → two; "how long is a lesson? and if I
 * miss one can I catch up?" → two), so each can be answered from the knowledge base instead of only the best match
 * of the whole message. Splits after question marks and before connectives that open a new question; pieces with
 * fewer than 4 letters or digits are merged into the previous one. A message with one question returns `[text]`.
 */
const QUESTION_SPLIT = /(?<=[?？])\s*|[,，;；]?\s*(?=(?:还有|另外|顺便问一?下|顺便|以及|再问一?下|還有|另外還有)(?!\s*[?？]))|[,，;；]?\s+(?=(?:and|also|plus)\s+(?:if|what|how|when|where|why|is|are|can|could|do|does|will|should|which|who)\b)/iu;

export function splitQuestions(text: string): string[] {
  const pieces = text.split(QUESTION_SPLIT).map((piece) => piece.trim()).filter(Boolean);
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length && piece.replace(/[^\p{L}\p{N}]/gu, '').length < 4) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  return out.length ? out : [text];
}
