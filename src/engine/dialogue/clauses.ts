/**
 * Splits a message into clauses that may each carry a request
 * ("取消订单#W1，另外把#W2的地址改一下" → two clauses). Used to queue several tasks from one message.
 * Splits on sentence punctuation and on connectives; pieces shorter than 3 characters are merged back.
 */
const SPLIT = /(?<=[.!?;])\s+|(?<=[。！？；\n])\s*|[,，]\s*(?=(?:(?:and )?(?:also|then|plus)\b|另外|还有|然后|以及|顺便|同时|再))|\s+(?=also\b|additionally\b|另外|还有|然后|顺便)|(?<=\S)\s+and\s+(?=(?:i|i'd|i'm|please|also|can you|could you)\b)|,?\s+and\s+(?=(?:please\s+)?(?:change|switch|swap|return|exchange|cancel|modify|update|replace|refund)\b)|[,，]\s*(?=(?:并且|还要|再把|也要|另外还))/i;

const CONNECTIVE_ONLY = /^[\p{P}\s]*(and|also|then|plus|so|but|然后|还有|另外|并且|以及)[\p{P}\s]*$/iu;

export function splitClauses(text: string): string[] {
  const pieces = text.split(SPLIT).map((p) => p?.trim() ?? '').filter(Boolean);
  const out: string[] = [];
  let connective = '';
  for (const raw of pieces) {
    // A lone connective between two split points ("…, and | also …") carries no request of its own: it opens the next.
    if (CONNECTIVE_ONLY.test(raw)) { connective += `${raw} `; continue; }
    const piece = `${connective}${raw}`;
    connective = '';
    if (out.length && piece.replace(/[\p{P}\s]/gu, '').length < 3) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  if (connective) out.push(connective.trim());
  return out.length ? out : [text];
}
