import { normalize } from '../../text/normalize.ts';
import type { Tokenizer } from '../../text/tokenize.ts';

/** Chinese and (stemmed) English words that negate what follows in the same clause. */
export const NEGATORS = new Set([
  '不', '没', '没有', '无', '非', '别', '未', '不是', '并非', '毫无', '从不', '从没', '从来不', '从来没', '不太', '不够',
  '不会', '不怎么', '没什么', '绝不', '决不', '并不', '并没有', '不算', '谈不上', '称不上',
  'not', 'no', 'never', 'nor', 'none', 'nothing', 'without', 'hardly', 'neither', 'cannot',
]);

const CLAUSE_BREAK = /[,.!?;:~。、…\n]+|\s[-–—]\s/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
/** How many words after a negator it still governs: Chinese negation binds to the next predicate. */
const NEGATION_SCOPE = 3;
/** A Latin word no customer writes; it marks clause ends inside one tokenizer call. */
const CLAUSE_MARKER = 'zqxclausezqx';
const markers = new WeakMap<Tokenizer, string>();
const CONTRACTION = /^(?:do|does|did|is|are|was|were|ca|can|could|would|should|wo|won|have|has|had|ai|need|must)n'?t$/;

/** A negator in English also comes as a contraction: "don't", "isn't", "dont", "cant". */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || CONTRACTION.test(word);
}

/** Splits normalised text into clauses at punctuation; negation never crosses a clause. */
export function splitClauses(normalized: string): string[] {
  return normalized.split(CLAUSE_BREAK).map((clause) => clause.trim()).filter(Boolean);
}

/**
 * Sparse features for the polarity and emotion models:
 * - `w:word` for every word (jieba words, stemmed English words), `n:word` when a negator governs it — a second
 *   negator flips back, so "不是不满意" gives `n:不`… then plain `w:满意`;
 * - `b:xy` Chinese character bigrams, which survive jieba's segmentation mistakes ("没有想象中好" → "中好");
 * - `e:😡` emoji, `p:!` / `p:?` when the message exclaims or asks.
 * Training and inference call this same function, so the shipped weights always match the features.
 */
export function sentimentFeatures(text: string, tokenizer: Tokenizer): string[] {
  return featuresOfNormalized(normalize(text), tokenizer);
}

/** {@link sentimentFeatures} for text that already went through `normalize` (saves one pass). */
export function featuresOfNormalized(normalized: string, tokenizer: Tokenizer): string[] {
  const clauses = splitClauses(normalized);
  const features: string[] = [];
  // One tokenizer call for the whole message (each call normalises again): clauses are joined by a marker word
  // that the tokenizer passes through as a token of its own, and split again on it.
  const marker = (markers.get(tokenizer) ?? markers.set(tokenizer, tokenizer.words(CLAUSE_MARKER)[0] ?? CLAUSE_MARKER).get(tokenizer))!;
  const words = tokenizer.words(clauses.join(` ${CLAUSE_MARKER} `));
  let negated = false;
  let scope = 0;
  for (const word of words) {
    if (word === marker) {
      negated = false;
      continue;
    }
    if (isNegator(word)) {
      features.push(`w:${word}`);
      negated = !negated;
      scope = NEGATION_SCOPE;
      continue;
    }
    features.push(negated ? `n:${word}` : `w:${word}`);
    if (negated && --scope <= 0) negated = false;
  }
  for (const clause of clauses) {
    for (const run of clause.match(HAN_RUN) ?? []) {
      const chars = Array.from(run);
      if (chars.length === 1) features.push(`b:${chars[0]}`);
      for (let i = 0; i + 1 < chars.length; i++) features.push(`b:${chars[i]}${chars[i + 1]}`);
    }
  }
  for (const emoji of normalized.match(EMOJI) ?? []) features.push(`e:${emoji}`);
  if (normalized.includes('!')) features.push('p:!');
  if (normalized.includes('?')) features.push('p:?');
  return features;
}
