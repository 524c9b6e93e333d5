import { LingxiError } from '../../engine/errors.ts';
import type { Store } from './store.ts';

/** Seconds a client should wait before retrying while the database is unreachable (sent as `Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs that mean "the server is going away or refuses work now", not "your statement is wrong". */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * True for errors that say the database cannot be reached or dropped the connection (node errors, PostgreSQL
 * connection-class SQLSTATEs 08xxx, shutdown 57P0x, node-postgres' "Connection terminated" and pool timeouts,
 * PGlite closed). Such errors are temporary; statements that are simply wrong are not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (connectionCodes.has(code) || unavailableStates.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|connect ECONNREFUSED/i.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

/**
 * Wraps every Store method so that a database outage surfaces as LingxiError `unavailable` (HTTP 503 with
 * `Retry-After`, WebSocket error frame the client retries on) instead of an unexpected 500. Writes are transactions,
 * so a failed call has written nothing; the pool reconnects by itself, so the service recovers without a restart.
 */
export function guardStore(store: Store): Store {
  const guarded: Record<string, unknown> = {};
  for (const key of Object.keys(store) as Array<keyof Store>) {
    const value = store[key];
    if (typeof value !== 'function' || key === 'close') {
      guarded[key] = value;
      continue;
    }
    guarded[key] = async (...args: unknown[]) => {
      try {
        return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(store, args);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          throw new LingxiError('unavailable', `The database is unreachable right now; nothing was saved. Retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`, { cause: error });
        }
        throw error;
      }
    };
  }
  return guarded as unknown as Store;
}
