/** Options of {@link createLoginLockout}. */
export interface LoginLockoutOptions {
  /** Failed sign-ins of one account from one address before it is locked. */
  maxFailures: number;
  /** How long the lock lasts; failures older than this are forgotten too. */
  lockSeconds: number;
  now?: () => number;
  /** Bound on remembered (account, address) pairs, so that a spray of random e-mails cannot grow memory without end. */
  maxEntries?: number;
}

/**
 * Login lockout per (account, client address), time-based: after `maxFailures` wrong passwords within `lockSeconds`
 * that pair is refused for `lockSeconds`, even with the right password. Keyed on the pair so that an attacker cannot
 * lock the real user out from another address (OWASP "account lockout" advice); the per-IP rate limit on the route
 * bounds spraying many accounts. In memory, per node.
 */
export function createLoginLockout(options: LoginLockoutOptions) {
  const now = options.now ?? Date.now;
  const windowMs = options.lockSeconds * 1000;
  const entries = new Map<string, { failures: number[]; lockedUntil: number }>();
  const keyOf = (email: string, address: string) => `${email.trim().toLowerCase()}|${address}`;
  return {
    /** Seconds until the pair may try again, or 0 when it may try now. */
    retryAfterSeconds(email: string, address: string): number {
      const entry = entries.get(keyOf(email, address));
      const remaining = entry ? entry.lockedUntil - now() : 0;
      return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
    },
    recordFailure(email: string, address: string): void {
      const key = keyOf(email, address);
      const time = now();
      const entry = entries.get(key) ?? { failures: [], lockedUntil: 0 };
      entry.failures = [...entry.failures.filter((at) => time - at < windowMs), time];
      if (entry.failures.length >= options.maxFailures) {
        entry.lockedUntil = time + windowMs;
        entry.failures = [];
      }
      entries.delete(key);
      entries.set(key, entry);
      // Oldest first in a Map: drop the least recently failed pairs beyond the bound.
      for (const oldest of entries.keys()) {
        if (entries.size <= (options.maxEntries ?? 100_000)) break;
        entries.delete(oldest);
      }
    },
    recordSuccess(email: string, address: string): void {
      entries.delete(keyOf(email, address));
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;
