/**
 * Ports: the only way the pure engine touches the outside world (house style §1).
 * The CLI, the server, tests and benchmarks pass their own implementations.
 */
export interface Clock {
  /** Current time as an ISO-8601 string. */
  now(): string;
}

export interface IdGenerator {
  next(prefix?: string): string;
}

/** Key–value cache for trained models (keyed by a hash of the training data). */
export interface ModelCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export function fixedClock(iso: string): Clock {
  return { now: () => iso };
}

/** Counter-based ids: deterministic, which keeps tests and replays reproducible. */
export function createCounterIds(seed = 0): IdGenerator {
  let counter = seed;
  return { next: (prefix = 'id') => `${prefix}_${(++counter).toString(36).padStart(6, '0')}` };
}

export const noCache: ModelCache = { get: async () => undefined, set: async () => {} };

export function createMemoryCache(): ModelCache {
  const map = new Map<string, string>();
  return { get: async (key) => map.get(key), set: async (key, value) => void map.set(key, value) };
}

/**
 * Checks a one-time code a customer typed (issue 20 item 3). Synchronous and pure from the engine's side: the service
 * implements it (codes derived from a secret, the conversation and the customer, valid for a few minutes) and sends the
 * code through its own sender when the engine emits `identity.challenged`.
 */
export interface IdentityVerifier {
  check(subject: { conversationId: string; customerId: string }, code: string): boolean;
}
