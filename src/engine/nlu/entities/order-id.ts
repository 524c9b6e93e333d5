import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

// Store A (τ-bench): #W + 7 digits. Store B (Chinese demo store): #CN + 10 digits.
const STORE_A = /(?<![A-Za-z0-9_])#?\s?W(\d{7})(?![0-9])/gi;
const STORE_B = /(?<![A-Za-z0-9_])#?\s?CN(\d{10})(?![0-9])/gi;
// Bare digits after an order cue: "order 2378156", "order number is 2378156", "订单2378156", "订单号：2611000123".
const CUED_DIGITS =
  /(?:\border|订单|单号)(?:\s*(?:id|number|num|no\.?|#|号码?|编号))?(?:\s*(?:is|was|:|：|是|为))?\s*#?\s*(?<![0-9])(\d{7}|\d{10})(?![0-9])/gi;

/**
 * Finds order ids. Value is canonical: '#W' + 7 digits or '#CN' + 10 digits, whatever the case, full-width
 * form or missing '#' the customer used. Digits alone count only after an order cue (the span is the digits).
 */
export function recogniseOrderIds(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(STORE_A)) {
    found.push(candidate('order_id', `#W${match[1]}`, text, match.index, match.index + match[0].length, { store: 'A' }));
  }
  for (const match of text.matchAll(STORE_B)) {
    found.push(candidate('order_id', `#CN${match[1]}`, text, match.index, match.index + match[0].length, { store: 'B' }));
  }
  for (const match of text.matchAll(CUED_DIGITS)) {
    const digits = match[1];
    const end = match.index + match[0].length;
    const value = digits.length === 7 ? `#W${digits}` : `#CN${digits}`;
    found.push(candidate('order_id', value, text, end - digits.length, end, { store: digits.length === 7 ? 'A' : 'B' }));
  }
  return found;
}
