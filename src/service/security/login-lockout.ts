/**
 * Login lockout per (account, client address): after `maxFailures` wrong passwords within `lockSeconds` the pair is
 * refused for `lockSeconds`, even with the right password. Keyed on the pair so that an attacker cannot lock the real
 * user out from another address (OWASP "account lockout" advice); the per-IP rate limit on the route bounds spraying
 * many accounts. Async so that a Redis implementation shared by every node fits (`redis-login-lockout.ts`).
 */
export interface LoginLockout {
  /** Seconds until the pair may try again, or 0 when it may try now. */
  retryAfterSeconds(email: string, address: string): Promise<number>;
  /** Counts a wrong password; the `maxFailures`-th within the window locks the pair. */
  recordFailure(email: string, address: string): Promise<void>;
  /** A successful sign-in forgets the pair's failures. */
  recordSuccess(email: string, address: string): Promise<void>;
}

/** Options shared by every {@link LoginLockout} implementation. */
export interface LoginLockoutOptions {
  /** Failed sign-ins of one account from one address before it is locked. */
  maxFailures: number;
  /** How long the lock lasts; failures older than this are forgotten too. */
  lockSeconds: number;
  /** Test clock in ms. */
  now?: () => number;
}

/** The pair's key: e-mail compared case- and space-insensitively, as sign-in does. */
export const lockoutKey = (email: string, address: string): string => `${email.trim().toLowerCase()}|${address}`;

/**
 * {@link LoginLockout} in this process (the default, one node). `maxEntries` bounds the remembered pairs so that a
 * spray of random e-mails cannot grow memory without end.
 */
export function createMemoryLoginLockout(options: LoginLockoutOptions & { maxEntries?: number }): LoginLockout {
  const now = options.now ?? Date.now;
  const windowMs = options.lockSeconds * 1000;
  const entries = new Map<string, { failures: number[]; lockedUntil: number }>();
  return {
    async retryAfterSeconds(email, address) {
      const entry = entries.get(lockoutKey(email, address));
      const remaining = entry ? entry.lockedUntil - now() : 0;
      return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
    },
    async recordFailure(email, address) {
      const key = lockoutKey(email, address);
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
    async recordSuccess(email, address) {
      entries.delete(lockoutKey(email, address));
    },
  };
}
