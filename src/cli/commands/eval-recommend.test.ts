import { describe, expect, it } from 'vitest';
import { holdOutLast, pairedNdcgDifference, rankingMetrics } from './eval-recommend.ts';

describe('eval recommend', () => {
  it('holds out each customer\'s last order (by date when every order has one) and trains on the rest', () => {
    const split = holdOutLast([
      { id: 'o2', customerId: 'a', productIds: ['y'], createdAt: '2026-02-01' },
      { id: 'o1', customerId: 'a', productIds: ['x'], createdAt: '2026-01-01' },
      { id: 'o3', customerId: 'b', productIds: ['z'] },
      { id: 'o4', customerId: 'c', productIds: ['p'] },
      { id: 'o5', customerId: 'c', productIds: ['q'] },
    ]);
    expect(split.train.map((order) => order.id).sort()).toEqual(['o1', 'o3', 'o4']);
    expect(split.targets).toEqual([{ customerId: 'a', products: new Set(['y']) }, { customerId: 'c', products: new Set(['q']) }]);
  });

  it('computes hit-rate@10 and NDCG@10 with binary relevance', () => {
    const metrics = rankingMetrics([['a', 'b'], ['c', 'x'], ['d']], [new Set(['a']), new Set(['x']), new Set(['z'])]);
    expect(metrics.hitRate).toBeCloseTo(2 / 3);
    expect(metrics.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 3);
    // Per-customer NDCG 1, 1/log2(3), 0: the half-width is 1.96 · population sd / √3.
    const values = [1, 1 / Math.log2(3), 0];
    const mean = values.reduce((sum, value) => sum + value, 0) / 3;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 3);
    expect(metrics.ndcgMargin).toBeCloseTo(1.96 * sd / Math.sqrt(3));
  });

  it('compares NDCG of two rankings paired over the same customers', () => {
    const targets = [new Set(['a']), new Set(['b']), new Set(['c'])];
    const better = [['a'], ['b'], ['x', 'c']];
    const worse = [['x', 'a'], ['b'], ['x']];
    const paired = pairedNdcgDifference(better, worse, targets);
    const differences = [1 - 1 / Math.log2(3), 0, 1 / Math.log2(3)];
    expect(paired.difference).toBeCloseTo((differences[0] + differences[1] + differences[2]) / 3);
    expect(paired.margin).toBeGreaterThan(0);
    expect(pairedNdcgDifference(worse, worse, targets)).toEqual({ difference: 0, margin: 0 });
  });
});
