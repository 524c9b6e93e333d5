/**
 * Grounding check for model replies (a code-level guardrail, independent of the prompt): every order id,
 * amount or other figure a reply states must appear in this conversation's tool results, the customer's own
 * messages or the pack's policy. A model that invents an order total or an order id is caught here.
 *
 * Facts are normalised tokens: identifiers that mix letters and digits ("#W2378156" → "w2378156",
 * "gift_card_0000000"), and numbers rounded to cents ("$1,234.50" → "1234.5"). Integers below 10 are not
 * checked (counts, list numbering).
 */
const IDENTIFIER = /[A-Za-z][A-Za-z_]*\d[A-Za-z0-9_]*|\d+[A-Za-z_][A-Za-z0-9_]*/g;
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

/** Normalised facts found in a text (see the module comment). */
export function extractFacts(text: string): string[] {
  const facts: string[] = [];
  const rest = text.replace(IDENTIFIER, (token) => {
    facts.push(token.toLowerCase());
    return ' ';
  });
  for (const match of rest.matchAll(NUMBER)) {
    const value = Number(match[0].replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    if (Number.isInteger(value) && value < 10 && !match[0].includes('.')) continue;
    facts.push(canonicalNumber(value));
  }
  return facts;
}

/** Facts of any JSON value: strings are scanned, numbers taken as they are (so 1234.5 matches "$1,234.50"). */
export function extractFactsFromValue(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'number') {
    into.add(canonicalNumber(value));
  } else if (typeof value === 'string') {
    for (const fact of extractFacts(value)) into.add(fact);
  } else if (Array.isArray(value)) {
    for (const item of value) extractFactsFromValue(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      for (const fact of extractFacts(key)) into.add(fact);
      extractFactsFromValue(item, into);
    }
  }
  return into;
}

/** The facts of `reply` that appear nowhere in `grounded`; an empty list means the reply is grounded. */
export function findUngroundedFacts(reply: string, grounded: ReadonlySet<string>): string[] {
  return [...new Set(extractFacts(reply))].filter((fact) => !grounded.has(fact) && !grounded.has(withoutLeadingZeros(fact)));
}

/**
 * A streaming companion: returns the longest prefix of `text` made of whole sentences, so a caller can
 * check and release text sentence by sentence while the model is still writing.
 */
export function completeSentences(text: string): string {
  let end = 0;
  for (const match of text.matchAll(/[.!?](?=\s)|[。！？\n]/g)) end = (match.index ?? 0) + match[0].length;
  return text.slice(0, end);
}

function canonicalNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function withoutLeadingZeros(fact: string): string {
  return /^\d/.test(fact) ? fact.replace(/^0+(?=\d)/, '') : fact;
}
