/** Options of one job. Attempts include the first try; backoff doubles after each failure. */
export interface JobOptions {
  attempts?: number;
  backoffMs?: number;
}

export type JobHandler<Payload> = (payload: Payload, context: { attempt: number }) => Promise<void>;

/**
 * Background jobs (webhook deliveries, later proactive messages and purges). In-process today; a BullMQ
 * implementation (issue 11) keeps the same interface so that jobs survive restarts and spread over nodes.
 */
export interface JobRunner {
  register<Payload>(name: string, handler: JobHandler<Payload>): void;
  enqueue<Payload>(name: string, payload: Payload, options?: JobOptions): Promise<void>;
  sizes(): { waiting: number; active: number; failed: number; completed: number };
  /** Stops taking jobs and waits (up to timeoutMs) for running ones. */
  close(timeoutMs?: number): Promise<void>;
}
