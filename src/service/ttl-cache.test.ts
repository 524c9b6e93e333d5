import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.ts';

describe('ttl cache', () => {
  it('shares one load between callers until the time to live ends, and forget drops it at once', async () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('t1', load), cache.get('t1', load)])).toEqual([1, 1]);
    expect(await cache.get('t1', load)).toBe(1);
    cache.forget('t1');
    expect(await cache.get('t1', load)).toBe(2);
    const expired = createTtlCache<number>({ ttlMs: 0 });
    await expired.get('t1', load);
    expect(await expired.get('t1', load)).toBe(4);
  });

  it('does not keep a failed load, and holds at most maxEntries keys', async () => {
    const cache = createTtlCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    await expect(cache.get('a', async () => { throw new Error('database down'); })).rejects.toThrow('database down');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get('a', async () => 'a1')).toBe('a1');
    await cache.get('b', async () => 'b1');
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    expect(await cache.get('c', async () => 'c2')).toBe('c1');
  });
});
