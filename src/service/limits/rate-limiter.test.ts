import { describe, it, expect } from 'vitest';
import { createMemoryRateLimiter } from './rate-limiter.ts';

describe('memory rate limiter', () => {
  it('allows a burst up to the limit, then refills over the window', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([await limiter.consume('a'), await limiter.consume('a'), await limiter.consume('a'), await limiter.consume('a')]).toEqual([true, true, true, false]);
    expect(await limiter.consume('b')).toBe(true);
    now += 20_000;
    expect(await limiter.consume('a')).toBe(true);
    expect(await limiter.consume('a')).toBe(false);
  });
});
