import { describe, expect, it } from 'vitest';
import { holdOutLast, rankingMetrics } from './eval-recommend.ts';

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
  });
});
