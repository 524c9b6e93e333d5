/** Okapi BM25 over documents made of weighted fields (each field's terms count `weight` times). */
export interface Bm25Options {
  k1: number;
  b: number;
}

export interface Bm25Index {
  /** Scores of all documents with at least one query term; index = document number. */
  search(terms: string[]): Map<number, number>;
}

/** Builds the index; `documents[d]` lists `{ terms, weight }` fields of document d. */
export function createBm25Index(documents: Array<Array<{ terms: string[]; weight: number }>>, options: Bm25Options = { k1: 1.2, b: 0.75 }): Bm25Index {
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = documents.map((fields, d) => {
    const frequencies = new Map<string, number>();
    let length = 0;
    for (const { terms, weight } of fields) {
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
      length += terms.length * weight;
    }
    for (const [term, frequency] of frequencies) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([d, frequency]);
    }
    return length;
  });
  const average = lengths.reduce((sum, length) => sum + length, 0) / (lengths.length || 1) || 1;
  const count = documents.length;
  return {
    search(terms) {
      const scores = new Map<number, number>();
      for (const term of new Set(terms)) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (count - list.length + 0.5) / (list.length + 0.5));
        for (const [d, frequency] of list) {
          const norm = frequency + options.k1 * (1 - options.b + (options.b * lengths[d]) / average);
          scores.set(d, (scores.get(d) ?? 0) + (idf * frequency * (options.k1 + 1)) / norm);
        }
      }
      return scores;
    },
  };
}
