/** A per-key limit (e.g. messages per customer). Async so that a Redis implementation (issue 11) fits. */
export interface RateLimiter {
  /** True when the key may act now (and the action is counted); false when it is over its limit. */
  consume(key: string): Promise<boolean>;
}

/**
 * Token bucket per key in this process: `limit` actions per `windowMs`, refilled continuously, bursts up to `limit`.
 * Idle buckets are dropped so memory stays bounded by the active keys.
 */
export function createMemoryRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = options.limit / options.windowMs;
  let lastSweep = now();
  return {
    async consume(key) {
      const time = now();
      if (time - lastSweep > options.windowMs) {
        for (const [name, bucket] of buckets) if (bucket.tokens + (time - bucket.at) * ratePerMs >= options.limit) buckets.delete(name);
        lastSweep = time;
      }
      const bucket = buckets.get(key) ?? { tokens: options.limit, at: time };
      bucket.tokens = Math.min(options.limit, bucket.tokens + (time - bucket.at) * ratePerMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
