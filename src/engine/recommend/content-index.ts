import type { Tokenizer } from '../text/tokenize.ts';
import type { RecommendProduct } from './types.ts';

/** Sparse vector: token → weight, L2-normalised. */
export type SparseVector = Map<string, number>;

export interface ContentIndex {
  vectors: Map<string, SparseVector>;
  /** Vector of free text in the same space (unknown tokens are dropped: they cannot match anything). */
  embed(text: string): SparseVector;
}

/** Text of a product's attributes: name (twice: it is what the product is), other name, category, brand, option values. */
export function productText(product: RecommendProduct): string {
  return [product.name, product.name, product.nameAlt ?? '', product.category ?? '', product.brand ?? '', product.optionValues.join(' '), product.description ?? ''].join(' ');
}

const normaliseVector = (counts: Map<string, number>): SparseVector => {
  let norm = 0;
  for (const value of counts.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return new Map([...counts].map(([token, value]) => [token, value / norm]));
};

/** Cosine of two L2-normalised sparse vectors. */
export function cosine(left: SparseVector, right: SparseVector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let sum = 0;
  for (const [token, value] of small) sum += value * (large.get(token) ?? 0);
  return sum;
}

/** Adds `vector · weight` into `target` (for recency-weighted profiles); normalise the result with {@link normalise}. */
export function addInto(target: Map<string, number>, vector: SparseVector, weight: number): void {
  for (const [token, value] of vector) target.set(token, (target.get(token) ?? 0) + value * weight);
}

export const normalise = normaliseVector;

/**
 * TF-IDF over the tokenizer's features (jieba words, stemmed English, Chinese character bigrams), so "跑步鞋" meets
 * "跑步" and "running shoes" meets "runner". Tokens of a single product carry no similarity and tokens of every
 * product carry none either; both get idf ≈ 0 through the usual smoothing.
 */
export function createContentIndex(products: RecommendProduct[], tokenizer: Tokenizer): ContentIndex {
  const tokenize = (text: string) => tokenizer.features(text).filter((token) => !token.startsWith('c:'));
  const termCounts = new Map<string, Map<string, number>>();
  const documentFrequency = new Map<string, number>();
  for (const product of products) {
    const counts = new Map<string, number>();
    for (const token of tokenize(productText(product))) counts.set(token, (counts.get(token) ?? 0) + 1);
    termCounts.set(product.id, counts);
    for (const token of counts.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const total = products.length;
  const idf = (token: string) => {
    const frequency = documentFrequency.get(token);
    return frequency ? Math.log((1 + total) / (1 + frequency)) : 0;
  };
  const weigh = (counts: Map<string, number>) => {
    const weighted = new Map<string, number>();
    for (const [token, count] of counts) {
      const weight = (1 + Math.log(count)) * idf(token);
      if (weight > 0) weighted.set(token, weight);
    }
    return normaliseVector(weighted);
  };
  const vectors = new Map([...termCounts].map(([id, counts]) => [id, weigh(counts)]));
  return {
    vectors,
    embed(text) {
      const counts = new Map<string, number>();
      for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
      return weigh(counts);
    },
  };
}
