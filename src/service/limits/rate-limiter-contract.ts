import { describe, it, expect } from 'vitest';
import type { RateLimiter } from './rate-limiter.ts';

export type CreateLimiter = (options: { limit: number; windowMs: number; now: () => number }) => Promise<RateLimiter>;

/**
 * Behaviour every RateLimiter shares (house style §4): a token bucket of `limit` actions per `windowMs`. `create` must
 * return limiters isolated from other tests' limiters; `cluster`, when given, returns two limiters of two nodes that
 * share their budget.
 */
export function runRateLimiterContract(name: string, options: { create: CreateLimiter; cluster?: (options: Parameters<CreateLimiter>[0]) => Promise<[RateLimiter, RateLimiter]> }): void {
  describe(`RateLimiter contract: ${name}`, () => {
    it('allows a burst up to the limit per key, then refills continuously over the window', async () => {
      let now = 1_000_000;
      const limiter = await options.create({ limit: 3, windowMs: 60_000, now: () => now });
      const burst = [];
      for (let index = 0; index < 4; index++) burst.push(await limiter.consume('a'));
      expect(burst).toEqual([true, true, true, false]);
      expect(await limiter.consume('b')).toBe(true);
      now += 20_000;
      expect(await limiter.consume('a')).toBe(true);
      expect(await limiter.consume('a')).toBe(false);
      now += 60_000;
      const again = [];
      for (let index = 0; index < 4; index++) again.push(await limiter.consume('a'));
      expect(again).toEqual([true, true, true, false]);
    });

    it('counts concurrent attempts exactly once each', async () => {
      const limiter = await options.create({ limit: 10, windowMs: 60_000, now: () => 5_000_000 });
      const results = await Promise.all(Array.from({ length: 25 }, () => limiter.consume('burst')));
      expect(results.filter(Boolean)).toHaveLength(10);
    });

    it.skipIf(!options.cluster)('shares one budget between nodes', async () => {
      const [nodeA, nodeB] = await options.cluster!({ limit: 4, windowMs: 60_000, now: () => 9_000_000 });
      const results = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? nodeB : nodeA).consume('customer-1')));
      expect(results.filter(Boolean)).toHaveLength(4);
    });
  });
}
