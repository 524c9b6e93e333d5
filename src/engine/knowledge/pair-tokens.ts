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
