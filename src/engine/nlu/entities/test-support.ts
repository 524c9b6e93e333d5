import fc from 'fast-check';
import type { Candidate } from './candidate.ts';

// Any UTF-16 code unit, lone surrogates included (fast-check's 'binary' unit is far slower to set up).
const ANY_CODE_UNIT = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/**
 * Test helper: text built from fragments a recogniser cares about mixed with arbitrary strings, so property tests
 * reach the interesting paths instead of only random noise.
 */
export function fragmentText(fragments: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 }), fc.string({ unit: ANY_CODE_UNIT, maxLength: 4 })), {
      maxLength: 14,
    })
    .map((parts) => parts.join(''));
}

/** Asserts the invariants every candidate must satisfy: a non-empty span inside the text whose slice is `text`. */
export function expectWellFormed(text: string, candidates: Candidate[], valueFormat: RegExp): void {
  for (const found of candidates) {
    if (!(found.start >= 0 && found.start < found.end && found.end <= text.length)) {
      throw new Error(`span out of range: ${JSON.stringify(found)} in ${JSON.stringify(text)}`);
    }
    if (text.slice(found.start, found.end) !== found.text) throw new Error(`text mismatch: ${JSON.stringify(found)}`);
    if (!valueFormat.test(found.value)) throw new Error(`bad value ${JSON.stringify(found.value)} from ${JSON.stringify(text)}`);
  }
}

/** `type:value` strings of candidates, for compact assertions. */
export function summary(candidates: Candidate[]): string[] {
  return candidates.map((found) => `${found.type}:${found.value}`);
}
