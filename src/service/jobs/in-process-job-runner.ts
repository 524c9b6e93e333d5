import type { JobHandler, JobRunner } from './job-runner.ts';

/** JobRunner on timers in this process. Jobs are lost on restart — acceptable for the embedded mode. */
export function createInProcessJobRunner(options: { onFailure?: (name: string, error: unknown, attempt: number) => void } = {}): JobRunner {
  const handlers = new Map<string, JobHandler<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const counts = { waiting: 0, active: 0, failed: 0, completed: 0 };
  let closed = false;

  const schedule = (name: string, payload: unknown, attempt: number, attempts: number, backoffMs: number, delayMs: number) => {
    counts.waiting++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      counts.waiting--;
      if (closed) return;
      counts.active++;
      const run = (async () => {
        try {
          await handlers.get(name)!(payload, { attempt });
          counts.completed++;
        } catch (error) {
          options.onFailure?.(name, error, attempt);
          if (attempt < attempts && !closed) schedule(name, payload, attempt + 1, attempts, backoffMs, backoffMs * 2 ** (attempt - 1));
          else counts.failed++;
        } finally {
          counts.active--;
        }
      })();
      running.add(run);
      void run.finally(() => running.delete(run));
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };

  return {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async enqueue(name, payload, jobOptions = {}) {
      if (closed) throw new Error('job runner is closed');
      if (!handlers.has(name)) throw new Error(`no handler registered for job "${name}"`);
      schedule(name, payload, 1, jobOptions.attempts ?? 1, jobOptions.backoffMs ?? 1000, 0);
    },
    sizes: () => ({ ...counts }),
    async close(timeoutMs = 5000) {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      counts.waiting -= timers.size;
      timers.clear();
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
