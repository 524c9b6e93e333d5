import { Queue, Worker, type Job } from 'bullmq';
import type { JobHandler, JobRunner } from './job-runner.ts';

export interface BullmqJobRunnerOptions {
  /** redis://… of the shared Redis. */
  url: string;
  /** Prefix of BullMQ's keys, shared by every node of one deployment (default `lingxi:`). */
  prefix?: string;
  /** Jobs one node runs at the same time (webhook deliveries are I/O bound). */
  concurrency?: number;
  onFailure?: (name: string, error: unknown, attempt: number) => void;
  /** Connection problems; BullMQ reconnects by itself. */
  onConnectionError?: (error: unknown) => void;
}

const QUEUE = 'jobs';

/**
 * JobRunner on BullMQ: one queue per deployment, a worker on every node taking jobs by name. Jobs survive restarts and
 * are spread over the nodes; a node killed mid-job has its job retried elsewhere once BullMQ's lock expires.
 * Retries use BullMQ's exponential backoff (`backoffMs · 2^(attempt-1)`), the same schedule as the in-process runner.
 * `sizes()` is synchronous (metrics), so it returns the queue's counts as last read and refreshes them at most once a second.
 */
export async function createBullmqJobRunner(options: BullmqJobRunnerOptions): Promise<JobRunner> {
  const connection = { url: options.url, maxRetriesPerRequest: null };
  const prefix = `${options.prefix ?? 'lingxi:'}bull`;
  const queue = new Queue(QUEUE, { connection, prefix });
  queue.on('error', (error) => options.onConnectionError?.(error));
  await queue.waitUntilReady();
  const handlers = new Map<string, JobHandler<unknown>>();
  const worker = new Worker(QUEUE, async (job: Job) => {
    const handler = handlers.get(job.name);
    // Retried with backoff: a node of an older version may have picked up a job only newer nodes know.
    if (!handler) throw new Error(`no handler registered for job "${job.name}" on this node`);
    await handler(job.data, { attempt: job.attemptsMade + 1 });
  }, { connection, prefix, concurrency: options.concurrency ?? 8, autorun: false });
  worker.on('error', (error) => options.onConnectionError?.(error));
  worker.on('failed', (job, error) => {
    if (job) options.onFailure?.(job.name, error, job.attemptsMade);
  });
  let counts = { waiting: 0, active: 0, failed: 0, completed: 0 };
  let countsAt = 0;
  let started = false;
  let closed = false;

  const refreshCounts = async () => {
    const raw = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed', 'completed');
    counts = { waiting: (raw.waiting ?? 0) + (raw.delayed ?? 0) + (raw.prioritized ?? 0), active: raw.active ?? 0, failed: raw.failed ?? 0, completed: raw.completed ?? 0 };
  };

  return {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
      // Start on the first registration, after the current synchronous setup has registered its siblings.
      if (!started && !closed) {
        started = true;
        setImmediate(() => {
          if (!closed) void worker.run().catch((error: unknown) => options.onConnectionError?.(error));
        });
      }
    },
    async enqueue(name, payload, jobOptions = {}) {
      if (closed) throw new Error('job runner is closed');
      if (!handlers.has(name)) throw new Error(`no handler registered for job "${name}"`);
      await queue.add(name, payload, {
        attempts: jobOptions.attempts ?? 1,
        backoff: { type: 'exponential', delay: jobOptions.backoffMs ?? 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
    },
    sizes() {
      if (!closed && Date.now() - countsAt > 1000) {
        countsAt = Date.now();
        refreshCounts().catch((error: unknown) => options.onConnectionError?.(error));
      }
      return { ...counts };
    },
    async close(timeoutMs = 5000) {
      if (closed) return;
      closed = true;
      // Graceful first (running jobs finish); past the deadline force it — their locks expire and another node retries them.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      const outcome = await Promise.race([worker.close().then(() => 'closed' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') await worker.close(true);
      await queue.close();
    },
  };
}
