import type { SparseVector } from './softmax-trainer.ts';

/**
 * TF-IDF with sublinear term frequency (1 + ln tf) and smoothed idf (ln((n + 1) / (df + 1)) + 1),
 * L2-normalised over the features the vocabulary knows — the classic strong setting for short texts.
 */
export interface TfidfVocabulary {
  index: Map<string, number>;
  idf: Float32Array;
}

/** Builds the vocabulary and idf from documents given as feature counts. */
export function fitTfidf(documents: Array<Map<string, number>>): TfidfVocabulary {
  const index = new Map<string, number>();
  const frequencies: number[] = [];
  for (const counts of documents) {
    for (const feature of counts.keys()) {
      let id = index.get(feature);
      if (id === undefined) {
        id = frequencies.length;
        index.set(feature, id);
        frequencies.push(0);
      }
      frequencies[id]++;
    }
  }
  const idf = new Float32Array(frequencies.length);
  for (let id = 0; id < idf.length; id++) idf[id] = Math.log((documents.length + 1) / (frequencies[id] + 1)) + 1;
  return { index, idf };
}

/** Vectorises feature counts; unknown features are dropped before normalisation (indices in first-seen order). */
export function tfidfVector(counts: Map<string, number>, vocabulary: TfidfVocabulary): SparseVector {
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let size = 0;
  let norm = 0;
  for (const [feature, count] of counts) {
    const id = vocabulary.index.get(feature);
    if (id === undefined) continue;
    const value = (1 + Math.log(count)) * vocabulary.idf[id];
    indices[size] = id;
    values[size++] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < size; k++) values[k] *= scale;
  return { indices: indices.subarray(0, size), values: values.subarray(0, size) };
}
