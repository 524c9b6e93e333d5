/**
 * Splits a message into clauses that may each carry a request
 * ("取消订单#W1，另外把#W2的地址改一下" → two clauses). Used to queue several tasks from one message.
 * Splits on sentence punctuation and on connectives; pieces shorter than 3 characters are merged back.
 */
const SPLIT = /(?<=[.!?;])\s+|(?<=[。！？；\n])\s*|[,，]\s*(?=(?:(?:and )?(?:also|then|plus)\b|另外|还有|然后|以及|顺便|同时|再))|\s+(?=also\b|additionally\b|另外|还有|然后|顺便)|(?<=\S)\s+and\s+(?=(?:i|i'd|i'm|please|also|can you|could you)\b)|,?\s+and\s+(?=(?:please\s+)?(?:change|switch|swap|return|exchange|cancel|modify|update|replace|refund)\b)|[,，]\s*(?=(?:并且|还要|再把|也要|另外还))/i;

export function splitClauses(text: string): string[] {
  const pieces = text.split(SPLIT).map((p) => p?.trim() ?? '').filter(Boolean);
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length && piece.replace(/[\p{P}\s]/gu, '').length < 3) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  return out.length ? out : [text];
}
