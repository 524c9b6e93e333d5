/** Breaker settings: `failures` in a row open it; after `cooldownMs` one trial call may go through. */
export interface CircuitBreakerConfig {
  failures: number;
  cooldownMs: number;
}

export interface CircuitBreaker {
  /** False while open: the call is not made at all (the backend gets time to recover, the customer an answer at once). */
  allow(): boolean;
  succeeded(): void;
  failed(): void;
  readonly state: 'closed' | 'open' | 'half-open';
}

/**
 * A consecutive-failure circuit breaker (closed → open → half-open → closed). Only backend failures count (timeouts,
 * 5xx, malformed answers, refused credentials); a business refusal such as "this order cannot be cancelled" is an answer.
 */
export function createCircuitBreaker(config: CircuitBreakerConfig, deps: { now?: () => number } = {}): CircuitBreaker {
  const now = deps.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let trial = false;
  return {
    allow() {
      if (openedAt === null) return true;
      if (now() - openedAt < config.cooldownMs || trial) return false;
      trial = true;
      return true;
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      trial = false;
    },
    failed() {
      failures++;
      if (trial || failures >= config.failures) openedAt = now();
      trial = false;
    },
    get state() {
      if (openedAt === null) return 'closed';
      return now() - openedAt < config.cooldownMs || trial ? (trial ? 'half-open' : 'open') : 'half-open';
    },
  };
}
