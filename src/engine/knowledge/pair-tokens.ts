import type { TextProfile } from './pair-features.ts';

const HAN = /^\p{Script=Han}+$/u;

/**
 * Sparse "what differs" keys of a question pair, hashed into `buckets` by {@link hashKey}: each word and each
 * character found in only one of the two texts (`d:` / `dc:`), and, when few words differ, each pairing of an
 * a-only word with a b-only word (`x:花呗|借呗`). Lexical overlap cannot tell 花呗/借呗 or 开通/关闭 apart; a learned
 * weight per differing token can. Only Chinese tokens get keys: the default weights are learned on Chinese pairs
 * (AFQMC), and an English word would only land on a bucket trained for unrelated Chinese ones.
 * Order-independent: pairFeatureKeys(a, b) equals pairFeatureKeys(b, a) as a multiset.
 */
export function pairFeatureKeys(a: TextProfile, b: TextProfile): string[] {
  const keys: string[] = [];
  const onlyA = [...a.words].filter((word) => HAN.test(word) && !b.words.has(word));
  const onlyB = [...b.words].filter((word) => HAN.test(word) && !a.words.has(word));
  for (const word of onlyA) keys.push(`d:${word}`);
  for (const word of onlyB) keys.push(`d:${word}`);
  if (onlyA.length > 0 && onlyB.length > 0 && onlyA.length <= 3 && onlyB.length <= 3) {
    for (const x of onlyA) for (const y of onlyB) keys.push(x < y ? `x:${x}|${y}` : `x:${y}|${x}`);
  }
  for (const char of a.charCounts.keys()) if (HAN.test(char) && !b.charCounts.has(char)) keys.push(`dc:${char}`);
  for (const char of b.charCounts.keys()) if (HAN.test(char) && !a.charCounts.has(char)) keys.push(`dc:${char}`);
  return keys;
}

/** FNV-1a (32 bit) of a key, modulo the bucket count: deterministic and dependency-free. */
export function hashKey(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/** The buckets of a profile's possible difference keys (`d:` per Chinese word, `dc:` per Chinese character), per profile. */
interface HanParts {
  buckets: number;
  words: string[];
  wordBuckets: Int32Array;
  chars: string[];
  charBuckets: Int32Array;
}
function partsOf(profile: TextProfile, buckets: number): HanParts {
  let parts = profile.differenceKeys as HanParts | undefined;
  if (!parts || parts.buckets !== buckets) {
    const words = profile.wordList.filter((word) => HAN.test(word));
    const chars = profile.charList.filter((char) => HAN.test(char));
    parts = {
      buckets, words, wordBuckets: Int32Array.from(words, (word) => hashKey(`d:${word}`, buckets)),
      chars, charBuckets: Int32Array.from(chars, (char) => hashKey(`dc:${char}`, buckets)),
    };
    profile.differenceKeys = parts;
  }
  return parts;
}

// Positions of the first differing words of each side (only up to three are ever paired).
const differingA = new Int32Array(4);
const differingB = new Int32Array(4);

// Buckets of `x:` pairings, by bucket count and then by the two words (no key string once a pairing has been seen);
// bounded, because queries bring new words without end.
const crossBuckets = new Map<number, Map<string, Map<string, number>>>();
let crossEntries = 0;
function crossBucket(x: string, y: string, buckets: number): number {
  let byFirst = crossBuckets.get(buckets);
  if (!byFirst || crossEntries >= 100_000) {
    if (crossEntries >= 100_000) { crossBuckets.clear(); crossEntries = 0; }
    crossBuckets.set(buckets, (byFirst = new Map()));
  }
  let bySecond = byFirst.get(x);
  if (!bySecond) byFirst.set(x, (bySecond = new Map()));
  let bucket = bySecond.get(y);
  if (bucket === undefined) {
    bucket = hashKey(x < y ? `x:${x}|${y}` : `x:${y}|${x}`, buckets);
    bySecond.set(y, bucket);
    crossEntries++;
  }
  return bucket;
}

/**
 * `start` plus the weights of the pair's difference keys: the same sum, in the same order (so bit-identical), as
 * adding `weights[hashKey(key, weights.length)]` for each key of {@link pairFeatureKeys}, without building key
 * strings (each profile's keys are hashed once; only the rare `x:` pairings are hashed per pair).
 */
export function addPairKeyWeights(a: TextProfile, b: TextProfile, weights: ArrayLike<number>, start: number): number {
  const buckets = weights.length;
  if (buckets === 0) return start;
  const partsA = partsOf(a, buckets);
  const partsB = partsOf(b, buckets);
  let sum = start;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < partsA.words.length; i++) {
    if (b.words.has(partsA.words[i])) continue;
    sum += weights[partsA.wordBuckets[i]];
    if (onlyA < 4) differingA[onlyA] = i;
    onlyA++;
  }
  for (let i = 0; i < partsB.words.length; i++) {
    if (a.words.has(partsB.words[i])) continue;
    sum += weights[partsB.wordBuckets[i]];
    if (onlyB < 4) differingB[onlyB] = i;
    onlyB++;
  }
  if (onlyA > 0 && onlyB > 0 && onlyA <= 3 && onlyB <= 3) {
    for (let i = 0; i < onlyA; i++) {
      for (let j = 0; j < onlyB; j++) sum += weights[crossBucket(partsA.words[differingA[i]], partsB.words[differingB[j]], buckets)];
    }
  }
  for (let i = 0; i < partsA.chars.length; i++) if (!b.charCounts.has(partsA.chars[i])) sum += weights[partsA.charBuckets[i]];
  for (let i = 0; i < partsB.chars.length; i++) if (!a.charCounts.has(partsB.chars[i])) sum += weights[partsB.charBuckets[i]];
  return sum;
}
