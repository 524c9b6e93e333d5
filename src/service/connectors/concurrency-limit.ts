import { LingxiError } from '../../engine/errors.ts';

export interface ConcurrencyLimit {
  /** Runs `work` when one of the `max` places is free; waits at most `waitMs`, then fails with `unavailable`. */
  run<T>(work: () => Promise<T>, waitMs: number): Promise<T>;
  readonly active: number;
}

/**
 * A counting semaphore with a bounded wait: a tenant's connector calls never take more than `max` sockets of the node,
 * so one slow backend cannot starve the other tenants, and a customer never waits forever for a free place.
 */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A freed place goes straight to the oldest waiter, so a newcomer cannot slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    get active() { return active; },
    async run(work, waitMs) {
      if (active >= max) {
        await new Promise<void>((resolve, reject) => {
          const grant = () => { clearTimeout(timer); resolve(); };
          const timer = setTimeout(() => {
            const index = waiting.indexOf(grant);
            if (index >= 0) waiting.splice(index, 1);
            reject(new LingxiError('unavailable', `Too many calls to the business backend at once (limit ${max}).`, { details: { reason: 'busy' } }));
          }, waitMs);
          waiting.push(grant);
        });
      } else {
        active++;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
