import type { Tokenizer } from '../text/tokenize.ts';
import { normalize } from '../text/normalize.ts';

/** Names of the pair features, in the order of {@link pairFeatures}' output (and of the matcher's weights). */
export const PAIR_FEATURE_NAMES = [
  'bigramJaccard', // Chinese char bigrams + words: shared phrasing
  'charCosine', // character unigram cosine: robust to word order
  'wordDice', // jieba / stemmed word overlap
  'lengthRatio', // shorter / longer
  'editSimilarity', // 1 - normalised Levenshtein distance
  'commonSubstring', // longest common substring / shorter length
  'numberAgreement', // 1 when both mention the same numbers (or none), 0 otherwise
  'containment', // share of the shorter text's words found in the longer
] as const;

/** Characters compared by the edit and common-substring features (both are quadratic in it). */
export const ALIGNED_CHARS = 64;

/**
 * Pre-computed views of one text, so a query is analysed once when compared with many questions (and each FAQ
 * question once per retriever).
 */
export interface TextProfile {
  chars: string[];
  /** Code points of the first {@link ALIGNED_CHARS} chars: integer comparisons in the quadratic features. */
  codes: Int32Array;
  /** Bit mask of the positions of each code point in `codes`, when there are at most 32 of them (else empty). */
  positions: Map<number, number>;
  charCounts: Map<string, number>;
  /** `charCounts`' keys and counts as arrays (iterating arrays allocates nothing in the hot loop). */
  charList: string[];
  countList: Int32Array;
  /** Σ count² over `charCounts` (an integer, so the cosine is bit-identical however it is summed). */
  charNorm: number;
  bigrams: Set<string>;
  words: Set<string>;
  /** `bigrams` and `words` in insertion order. */
  bigramList: string[];
  wordList: string[];
  numbers: string;
  /** Cache slot for the matcher's hashed difference keys of this text (see pair-tokens.ts); undefined until used. */
  differenceKeys: unknown;
}

const NON_CONTENT = /[\s\p{P}\p{S}]/u;

/** Analyses a text for pair features. */
export function profileText(text: string, tokenizer: Tokenizer): TextProfile {
  const chars = Array.from(normalize(text)).filter((char) => !NON_CONTENT.test(char)).slice(0, 200);
  const charCounts = new Map<string, number>();
  for (const char of chars) charCounts.set(char, (charCounts.get(char) ?? 0) + 1);
  let charNorm = 0;
  for (const count of charCounts.values()) charNorm += count * count;
  const codes = Int32Array.from(chars.slice(0, ALIGNED_CHARS), (char) => char.codePointAt(0)!);
  const positions = new Map<number, number>();
  if (codes.length <= 32) codes.forEach((code, i) => positions.set(code, (positions.get(code) ?? 0) | (1 << i)));
  const features = tokenizer.features(text);
  const words = new Set(features.filter((feature) => !feature.startsWith('c:') && !feature.startsWith('b:')));
  const bigrams = new Set(features.filter((feature) => !feature.startsWith('c:')));
  const numbers = [...words].filter((word) => /^\d/.test(word)).sort().join(',');
  return {
    chars, codes, positions, charCounts, charList: [...charCounts.keys()], countList: Int32Array.from(charCounts.values()), charNorm,
    bigrams, words, bigramList: [...bigrams], wordList: [...words], numbers, differenceKeys: undefined,
  };
}

function sharedCount(aList: string[], a: Set<string>, bList: string[], b: Set<string>): number {
  let shared = 0;
  if (aList.length <= bList.length) { for (let i = 0; i < aList.length; i++) if (b.has(aList[i])) shared++; }
  else for (let i = 0; i < bList.length; i++) if (a.has(bList[i])) shared++;
  return shared;
}

// Scratch rows for the dynamic programmes: a retriever compares one query with many questions in a row, so reusing
// two small buffers removes every per-pair allocation. Safe because the engine is single-threaded and synchronous here.
const previousRow = new Int32Array(ALIGNED_CHARS + 1);
const currentRow = new Int32Array(ALIGNED_CHARS + 1);

/** Levenshtein distance of two code-point arrays (each at most {@link ALIGNED_CHARS} long). */
function editDistance(a: Int32Array, b: Int32Array): number {
  const n = a.length;
  const m = b.length;
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    const char = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const substitution = previous[j - 1] + (char === b[j - 1] ? 0 : 1);
      const deletion = previous[j] + 1;
      const insertion = current[j - 1] + 1;
      current[j] = substitution < deletion ? (substitution < insertion ? substitution : insertion) : (deletion < insertion ? deletion : insertion);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[m];
}

/**
 * Levenshtein distance by Myers' bit-parallel algorithm in Hyyrö's formulation (exact): one 32-bit word holds a
 * column of the DP table for a pattern of at most 32 characters, so each character of `text` costs a dozen integer
 * operations instead of a row of the table. `pattern` is given by its length and its position masks.
 */
function bitParallelDistance(patternLength: number, positions: Map<number, number>, text: Int32Array): number {
  const last = 1 << (patternLength - 1);
  let vertical = -1; // Pv: +1 steps down the column
  let minus = 0; // Mv: −1 steps
  let score = patternLength;
  for (let j = 0; j < text.length; j++) {
    const equal = positions.get(text[j]) ?? 0;
    const crossing = equal | minus;
    const horizontal = ((((equal & vertical) + vertical) ^ vertical) | equal);
    let plus = minus | ~(horizontal | vertical);
    let down = vertical & horizontal;
    if (plus & last) score++;
    else if (down & last) score--;
    plus = (plus << 1) | 1; // row 0 of a global alignment grows by one per column
    down <<= 1;
    vertical = down | ~(crossing | plus);
    minus = plus & crossing;
  }
  return score;
}

function editSimilarity(a: TextProfile, b: TextProfile): number {
  const n = a.codes.length;
  const m = b.codes.length;
  if (n === 0 && m === 0) return 1;
  let distance: number;
  if (n === 0 || m === 0) distance = Math.max(n, m);
  else if (n <= 32 && n <= m) distance = bitParallelDistance(n, a.positions, b.codes);
  else if (m <= 32) distance = bitParallelDistance(m, b.positions, a.codes);
  else distance = editDistance(a.codes, b.codes);
  return 1 - distance / Math.max(n, m);
}

/** Length of the longest common substring (one row, filled right to left so row[j - 1] is still the previous row's). */
function longestCommonSubstring(a: Int32Array, b: Int32Array): number {
  const row = previousRow;
  const m = b.length;
  row.fill(0, 0, m + 1);
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    const char = a[i];
    for (let j = m; j >= 1; j--) {
      if (char === b[j - 1]) {
        const length = row[j - 1] + 1;
        row[j] = length;
        if (length > best) best = length;
      } else row[j] = 0;
    }
  }
  return best;
}

/** Writes the pair feature vector of `a` and `b` into `out` (no allocation), in {@link PAIR_FEATURE_NAMES} order. */
export function writePairFeatures(a: TextProfile, b: TextProfile, out: Float64Array | number[]): void {
  let dot = 0;
  const small = a.charList.length <= b.charList.length ? a : b;
  const large = small === a ? b.charCounts : a.charCounts;
  for (let i = 0; i < small.charList.length; i++) {
    const other = large.get(small.charList[i]);
    if (other !== undefined) dot += small.countList[i] * other;
  }
  const sharedBigrams = sharedCount(a.bigramList, a.bigrams, b.bigramList, b.bigrams);
  const sharedWords = sharedCount(a.wordList, a.words, b.wordList, b.words);
  const shorter = Math.min(a.chars.length, b.chars.length);
  const longer = Math.max(a.chars.length, b.chars.length);
  out[0] = a.bigrams.size === 0 && b.bigrams.size === 0 ? 0 : sharedBigrams / (a.bigrams.size + b.bigrams.size - sharedBigrams);
  out[1] = a.charNorm && b.charNorm ? dot / Math.sqrt(a.charNorm * b.charNorm) : 0;
  out[2] = a.words.size + b.words.size ? (2 * sharedWords) / (a.words.size + b.words.size) : 0;
  out[3] = longer ? shorter / longer : 0;
  out[4] = editSimilarity(a, b);
  out[5] = shorter ? longestCommonSubstring(a.codes, b.codes) / shorter : 0;
  out[6] = a.numbers === b.numbers ? 1 : 0;
  out[7] = Math.min(a.words.size, b.words.size) ? sharedWords / Math.min(a.words.size, b.words.size) : 0;
}

/** The pair feature vector (all values in 0…1), in {@link PAIR_FEATURE_NAMES} order. */
export function pairFeatures(a: TextProfile, b: TextProfile): number[] {
  const out = new Array<number>(PAIR_FEATURE_NAMES.length);
  writePairFeatures(a, b, out);
  return out;
}
