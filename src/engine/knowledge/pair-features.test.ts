import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTokenizer } from '../text/tokenize.ts';
import { pairFeatures, profileText, writePairFeatures, type TextProfile } from './pair-features.ts';
import { addPairKeyWeights, hashKey, pairFeatureKeys } from './pair-tokens.ts';

const tokenizer = createTokenizer();

// The straightforward definitions the fast versions replaced (string arrays, full DP tables): the oracle.
function referenceEdit(a: string[], b: string[]): number {
  const n = Math.min(a.length, 64);
  const m = Math.min(b.length, 64);
  if (n === 0 && m === 0) return 1;
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    for (let j = 1; j <= m; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return 1 - previous[m] / Math.max(n, m);
}
function referenceCommon(a: string[], b: string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= Math.min(a.length, 64); i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= Math.min(b.length, 64); j++) if (a[i - 1] === b[j - 1]) best = Math.max(best, (current[j] = previous[j - 1] + 1));
    previous = current;
  }
  return best;
}
function referenceFeatures(a: TextProfile, b: TextProfile): number[] {
  const jaccard = (x: Set<string>, y: Set<string>) => {
    if (x.size === 0 && y.size === 0) return 0;
    const shared = [...x].filter((item) => y.has(item)).length;
    return shared / (x.size + y.size - shared);
  };
  let dot = 0, normA = 0, normB = 0;
  for (const [char, count] of a.charCounts) { normA += count * count; dot += count * (b.charCounts.get(char) ?? 0); }
  for (const count of b.charCounts.values()) normB += count * count;
  const shared = [...a.words].filter((word) => b.words.has(word)).length;
  const shorter = Math.min(a.chars.length, b.chars.length);
  const longer = Math.max(a.chars.length, b.chars.length);
  return [
    jaccard(a.bigrams, b.bigrams), normA && normB ? dot / Math.sqrt(normA * normB) : 0,
    a.words.size + b.words.size ? (2 * shared) / (a.words.size + b.words.size) : 0, longer ? shorter / longer : 0,
    referenceEdit(a.chars, b.chars), shorter ? referenceCommon(a.chars, b.chars) / shorter : 0, a.numbers === b.numbers ? 1 : 0,
    Math.min(a.words.size, b.words.size) ? shared / Math.min(a.words.size, b.words.size) : 0,
  ];
}

// Small alphabets so that random texts share characters and words; long ones cross the 64-character cut.
const piece = fc.constantFrom('退货', '怎么', '运费', '花呗', '借呗', '开发票', '多久', '吗', '？', 'how', 'long', 'shipping', 'return', ' ', '12', '3', '😀', '啊', '包邮');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('pair features (fast paths)', () => {
  it('equal the reference definitions exactly, for any pair of texts', () => {
    fc.assert(fc.property(text, text, (x, y) => {
      const a = profileText(x, tokenizer);
      const b = profileText(y, tokenizer);
      const expected = referenceFeatures(a, b);
      expect(pairFeatures(a, b)).toEqual(expected);
      const out = new Float64Array(8);
      writePairFeatures(b, a, out);
      expect(Array.from(out)).toEqual(referenceFeatures(b, a));
    }), { numRuns: 300 });
  });

  it('compute edit and common-substring similarity exactly on both sides of the 32- and 64-character cuts', () => {
    const letters = fc.array(fc.constantFrom('a', 'b', 'c', '我', '你', '7'), { maxLength: 70 }).map((chars) => chars.join(''));
    fc.assert(fc.property(letters, letters, (x, y) => {
      const a = profileText(x, tokenizer);
      const b = profileText(y, tokenizer);
      const [, , , , edit, common] = pairFeatures(a, b);
      expect(edit).toBe(referenceEdit(a.chars, b.chars));
      expect(common).toBe(Math.min(a.chars.length, b.chars.length) ? referenceCommon(a.chars, b.chars) / Math.min(a.chars.length, b.chars.length) : 0);
    }), { numRuns: 1500 });
  });

  it('add the difference-key weights in the same order as hashing each key', () => {
    const weights = Float64Array.from({ length: 4096 }, (_, i) => Math.sin(i) / 3);
    fc.assert(fc.property(text, text, fc.double({ min: -2, max: 2, noNaN: true }), (x, y, start) => {
      const a = profileText(x, tokenizer);
      const b = profileText(y, tokenizer);
      let expected = start;
      for (const key of pairFeatureKeys(a, b)) expected += weights[hashKey(key, weights.length)];
      expect(addPairKeyWeights(a, b, weights, start)).toBe(expected);
    }), { numRuns: 300 });
  });

  it('scores known pairs as before', () => {
    const [bigram, , , lengthRatio, edit, common] = pairFeatures(profileText('怎么开发票', tokenizer), profileText('开发票怎么开', tokenizer));
    expect(lengthRatio).toBeCloseTo(5 / 6);
    expect(edit).toBeCloseTo(1 - 5 / 6); // drop 怎么 in front, add 怎么开 at the end
    expect(common).toBeCloseTo(3 / 5);
    expect(bigram).toBeGreaterThan(0);
  });
});
