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

/** Pre-computed views of one text, so a query is analysed once when compared with many questions. */
export interface TextProfile {
  chars: string[];
  charCounts: Map<string, number>;
  bigrams: Set<string>;
  words: Set<string>;
  numbers: string;
}

const NON_CONTENT = /[\s\p{P}\p{S}]/u;

/** Analyses a text for pair features. */
export function profileText(text: string, tokenizer: Tokenizer): TextProfile {
  const chars = Array.from(normalize(text)).filter((char) => !NON_CONTENT.test(char)).slice(0, 200);
  const charCounts = new Map<string, number>();
  for (const char of chars) charCounts.set(char, (charCounts.get(char) ?? 0) + 1);
  const features = tokenizer.features(text);
  const words = new Set(features.filter((feature) => !feature.startsWith('c:') && !feature.startsWith('b:')));
  const bigrams = new Set(features.filter((feature) => !feature.startsWith('c:')));
  const numbers = [...words].filter((word) => /^\d/.test(word)).sort().join(',');
  return { chars, charCounts, bigrams, words, numbers };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

function editSimilarity(a: string[], b: string[]): number {
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

function longestCommonSubstring(a: string[], b: string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= Math.min(a.length, 64); i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= Math.min(b.length, 64); j++) {
      if (a[i - 1] === b[j - 1]) best = Math.max(best, (current[j] = previous[j - 1] + 1));
    }
    previous = current;
  }
  return best;
}

/** The pair feature vector (all values in 0…1), in {@link PAIR_FEATURE_NAMES} order. */
export function pairFeatures(a: TextProfile, b: TextProfile): number[] {
  let dot = 0, normA = 0, normB = 0;
  for (const [char, count] of a.charCounts) {
    normA += count * count;
    dot += count * (b.charCounts.get(char) ?? 0);
  }
  for (const count of b.charCounts.values()) normB += count * count;
  const charCosine = normA && normB ? dot / Math.sqrt(normA * normB) : 0;
  let sharedWords = 0;
  for (const word of a.words) if (b.words.has(word)) sharedWords++;
  const wordDice = a.words.size + b.words.size ? (2 * sharedWords) / (a.words.size + b.words.size) : 0;
  const shorter = Math.min(a.chars.length, b.chars.length);
  const longer = Math.max(a.chars.length, b.chars.length);
  return [
    jaccard(a.bigrams, b.bigrams),
    charCosine,
    wordDice,
    longer ? shorter / longer : 0,
    editSimilarity(a.chars, b.chars),
    shorter ? longestCommonSubstring(a.chars, b.chars) / shorter : 0,
    a.numbers === b.numbers ? 1 : 0,
    Math.min(a.words.size, b.words.size) ? sharedWords / Math.min(a.words.size, b.words.size) : 0,
  ];
}
