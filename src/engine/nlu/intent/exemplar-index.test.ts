import { describe, expect, it } from 'vitest';
import { addExemplarEvidence, createExemplarIndex, exemplarCandidates } from './exemplar-index.ts';

const unit = (entries: Array<[number, number]>) => {
  const norm = Math.hypot(...entries.map(([, value]) => value));
  return { indices: entries.map(([id]) => id), values: entries.map(([, value]) => value / norm) };
};

describe('exemplar index', () => {
  const vectors = [unit([[0, 1], [1, 1]]), unit([[2, 1]]), unit([[0, 1], [2, 1]]), unit([[3, 1]])];
  const labels = [0, 0, 1, 2];
  const index = createExemplarIndex(vectors, labels, 3);

  it('returns the highest cosine among the exemplars of the asked class only', () => {
    const query = unit([[0, 1], [1, 1]]);
    expect(index.maxCosine(query.indices, query.values, 0)).toBeCloseTo(1, 6);
    expect(index.maxCosine(query.indices, query.values, 1)).toBeCloseTo(0.5, 6);
    expect(index.maxCosine(query.indices, query.values, 2)).toBe(0);
    // no state leaks between calls
    expect(index.maxCosine(query.indices, query.values, 0)).toBeCloseTo(1, 6);
  });

  it('re-ranks the best candidates by exemplar evidence', () => {
    const query = unit([[2, 1]]);
    const scores = Float64Array.from([1.0, 1.2, 0.1]);
    const candidates = exemplarCandidates(scores, index, query, 2);
    expect(candidates.map(({ label }) => label)).toEqual([1, 0]);
    expect(candidates[1].cosine).toBeCloseTo(1, 6);
    const { best, similarity } = addExemplarEvidence(scores, candidates, 1);
    expect(best).toBe(0);
    expect(similarity).toBeCloseTo(1, 6);
    expect(scores[0]).toBeCloseTo(2, 6);
  });
});
