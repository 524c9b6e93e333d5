/**
 * Remembers signed callbacks (timestamp + nonce) for the timestamp window so that a captured request cannot be replayed:
 * the same key with the same body is the platform retrying (answered without processing again), the same key with a
 * different body is a replay attempt. Message ids are deduplicated durably by the gateway (clientId); this guard is
 * per process (see docs/channels.md).
 */
export function createReplayGuard(options: { windowMs: number; now: () => Date; maxEntries?: number }) {
  const seen = new Map<string, { bodyHash: string; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 100_000;
  const prune = () => {
    const now = options.now().getTime();
    for (const [key, entry] of seen) {
      if (entry.expiresAt > now && seen.size <= maxEntries) break;
      seen.delete(key);
    }
  };
  return {
    /** `new` (never seen), `retry` (seen with this body) or `replayed` (seen with another body). */
    check(key: string, bodyHash: string): 'new' | 'retry' | 'replayed' {
      const entry = seen.get(key);
      if (!entry || entry.expiresAt <= options.now().getTime()) return 'new';
      return entry.bodyHash === bodyHash ? 'retry' : 'replayed';
    },
    /** Records a request once it was processed, so a retry after a failure is processed again. */
    remember(key: string, bodyHash: string): void {
      prune();
      seen.set(key, { bodyHash, expiresAt: options.now().getTime() + options.windowMs * 2 });
    },
  };
}
