import { normalizeKeepCase, toWellFormed } from '../../text/normalize.ts';

/** Longest stretch of a message the extractor looks at; the rest is ignored so huge inputs stay cheap. */
export const MAX_ENTITY_SCAN_CHARS = 4_000;

/**
 * A message prepared for recognisers: `text` is NFKC-folded (full-width → half-width), traditional Chinese is
 * simplified and invisible characters are dropped, but letter case and whitespace are kept. `lower` is the same
 * string lower-cased with identical length. Every working position maps back to the original message.
 */
export interface PreparedText {
  original: string;
  text: string;
  lower: string;
  /** Converts a working span [start, end) into a span of the original message. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

const INVISIBLE = /^[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]$/;
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;
const HAN = /\p{Script=Han}/u;
const WHITESPACE = /\s/g;
// A private-use character survives NFKC and OpenCC untouched, so it can stand in for whitespace while
// normalizeKeepCase (which collapses whitespace) simplifies the Chinese.
const PLACEHOLDER = '\uE000';
const SIMPLIFY_CHUNK = 1_900;

/**
 * Builds the working text. Folding is done per character cluster so that each working character knows which
 * original characters it came from; that is what lets entity spans index the ORIGINAL message.
 */
export function prepareText(message: string): PreparedText {
  const original = toWellFormed(message.length > MAX_ENTITY_SCAN_CHARS ? message.slice(0, MAX_ENTITY_SCAN_CHARS) : message);
  const pieces: string[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  for (const match of original.matchAll(CLUSTER)) {
    const cluster = match[0];
    const index = match.index;
    if (cluster.length === 1 && INVISIBLE.test(cluster)) continue;
    const folded = cluster.normalize('NFKC');
    for (let offset = 0; offset < folded.length; offset += 1) {
      pieces.push(folded[offset]);
      sourceStart.push(index);
      sourceEnd.push(index + cluster.length);
    }
  }
  let text = pieces.join('');
  if (HAN.test(text)) text = simplifyChinese(text);
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = Array.from(text, lowerSameLength).join('');
  return {
    original,
    text,
    lower,
    toOriginal(start, end) {
      if (end <= start || start >= sourceStart.length) return { start: original.length, end: original.length };
      return { start: sourceStart[start], end: sourceEnd[Math.min(end, sourceEnd.length) - 1] };
    },
  };
}

function lowerSameLength(character: string): string {
  const lowered = character.toLowerCase();
  return lowered.length === character.length ? lowered : character;
}

/** Traditional → simplified through the shared normaliser, keeping the length (or the text unchanged). */
function simplifyChinese(text: string): string {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + SIMPLIFY_CHUNK);
    // Never split a surrogate pair between chunks.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    const chunk = text.slice(start, end);
    start = end;
    if (!HAN.test(chunk)) {
      parts.push(chunk);
      continue;
    }
    const shielded = chunk.replace(WHITESPACE, PLACEHOLDER);
    const simplified = normalizeKeepCase(shielded);
    if (simplified.length !== chunk.length) {
      parts.push(chunk);
      continue;
    }
    let restored = '';
    for (let index = 0; index < chunk.length; index += 1) {
      restored += simplified[index] === PLACEHOLDER ? chunk[index] : simplified[index];
    }
    parts.push(restored);
  }
  return parts.join('');
}
