import type { RecommendOrder } from './types.ts';

export interface CoOccurrence {
  /** Orders containing the product (each order counts once). */
  count(productId: string): number;
  maxCount(): number;
  /** Cosine association: orders with both / √(orders with a · orders with b); 0 when never together. */
  association(left: string, right: string): number;
  /** Products bought together with `productId`. */
  neighbours(productId: string): Map<string, number>;
}

/** Item-to-item co-occurrence from orders: the "customers who bought X also bought Y" signal. */
export function createCoOccurrence(orders: RecommendOrder[]): CoOccurrence {
  const counts = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  for (const order of orders) {
    const unique = [...new Set(order.productIds)];
    for (const product of unique) counts.set(product, (counts.get(product) ?? 0) + 1);
    for (const left of unique) {
      let row = pairs.get(left);
      if (!row) pairs.set(left, (row = new Map()));
      for (const right of unique) if (left !== right) row.set(right, (row.get(right) ?? 0) + 1);
    }
  }
  const max = Math.max(0, ...counts.values());
  const count = (id: string) => counts.get(id) ?? 0;
  return {
    count,
    maxCount: () => max,
    association(left, right) {
      const together = pairs.get(left)?.get(right) ?? 0;
      return together ? together / Math.sqrt(count(left) * count(right)) : 0;
    },
    neighbours: (id) => pairs.get(id) ?? new Map(),
  };
}
