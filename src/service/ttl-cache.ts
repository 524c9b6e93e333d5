/**
 * A per-node read-through cache of promises with a time to live, for small, hot, rarely changing reads (a tenant's
 * webhooks, a tenant's settings): concurrent callers share one load, a failed load is not kept, and at most
 * `maxEntries` keys are held (oldest out first). Other nodes see a change within `ttlMs`; call `forget` to see it at once
 * on this node.
 */
export function createTtlCache<Value>(options: { ttlMs: number; maxEntries?: number }) {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { until: number; value: Promise<Value> }>();
  return {
    get(key: string, load: () => Promise<Value>): Promise<Value> {
      const cached = entries.get(key);
      if (cached && cached.until > Date.now()) return cached.value;
      const value = load();
      entries.delete(key);
      entries.set(key, { until: Date.now() + options.ttlMs, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
  };
}
