import type { Tokenizer } from '../../text/tokenize.ts';
import { normalize } from '../../text/normalize.ts';

/** Which sparse features the intent classifier builds from a text (on top of `tokenizer.features`). */
export interface FeatureOptions {
  /** Adjacent word pairs (`w2:a_b`): catch phrases like "card arrive" vs "card declin". */
  wordBigrams: boolean;
  /** Character n-grams of Latin words with boundary marks (`g:<car`), range inclusive; [0, 0] turns them off. */
  charNgrams: [number, number];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { wordBigrams: true, charNgrams: [3, 4] };

const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/g;

/**
 * Raw feature strings of a text: jieba words, stemmed English words, Chinese char uni/bigrams (from the
 * tokenizer), plus word bigrams and English char n-grams, which make the model robust to typos and inflections
 * the stemmer misses. Repeated features repeat (the caller counts them).
 */
export function extractFeatures(text: string, tokenizer: Tokenizer, options: FeatureOptions): string[] {
  const base = tokenizer.features(text);
  const out = base.slice();
  if (options.wordBigrams) {
    let previous = '<s>';
    for (const feature of base) {
      if (feature.startsWith('c:') || feature.startsWith('b:')) continue;
      out.push(`w2:${previous}_${feature}`);
      previous = feature;
    }
    if (previous !== '<s>') out.push(`w2:${previous}_</s>`);
  }
  const [min, max] = options.charNgrams;
  if (min > 0 && max >= min) {
    for (const match of normalize(text).matchAll(LATIN_WORD)) {
      const word = `<${match[0]}>`;
      for (let n = min; n <= max; n++) {
        for (let i = 0; i + n <= word.length; i++) out.push(`g:${word.slice(i, i + n)}`);
      }
    }
  }
  return out;
}

/** Counts of each feature string. */
export function countFeatures(features: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}
