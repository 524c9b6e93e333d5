import type { Logger } from 'pino';
import { z } from 'zod';
import type { SqlClient, SqlExecutor } from '../storage/sql-client.ts';
import { mergeBatchSql, nextBatchSql } from './facts-merge-sql.ts';
import { resolutionKindSql } from './resolution-sql.ts';

/** Arbitrary constant: the advisory lock held by the node folding a batch (house style: one writer at a time). */
const AGGREGATOR_LOCK = 742_010;
const WATERMARK = 'conversation_facts';

export const analyticsAggregatorConfigSchema = z.object({
  /** Events folded per transaction. */
  batchSize: z.number().int().min(1).max(100_000).default(20_000),
  /**
   * Hours of customer silence after which a bot conversation is decided: `assumed` resolved when it has evidence (a
   * completed task or a knowledge answer last, no flow waiting), otherwise `unresolved` (resolution-sql.ts).
   */
  assumeResolvedAfterHours: z.number().positive().max(24 * 90).default(24),
  /**
   * Timer period of `start()`. Each tick folds at most `tickBatchSize` events in one transaction: short, frequent
   * catch-ups instead of a long one every 15 s, whose database time showed up as a latency spike in the conversations
   * running beside it (issue 11: p99 of a 5,000-conversation run).
   */
  intervalMs: z.number().int().min(100).default(1_000),
  tickBatchSize: z.number().int().min(1).max(100_000).default(10_000),
  /** The timer's sweep of long-silent conversations to `assumed` runs at most this often (a dashboard read always sweeps). */
  sweepEveryMs: z.number().int().min(0).default(60_000),
  /** A gap in event ids younger than this may be a transaction still committing: the batch stops before it. */
  settleMs: z.number().int().min(0).default(5_000),
  /** How long `catchUp` keeps folding before it returns (a dashboard request waits at most this long). */
  budgetMs: z.number().int().min(1).default(2_000),
});
export type AnalyticsAggregatorConfig = z.infer<typeof analyticsAggregatorConfigSchema>;

export interface AnalyticsAggregatorDeps {
  sql: SqlClient;
  logger?: Logger;
  now?: () => Date;
}

export interface CatchUpResult {
  /** Transactions committed by this call. */
  batches: number;
  /** Facts rows written. */
  conversations: number;
  /** events.id folded up to (inclusive). */
  watermark: number;
  /** False when the budget ran out, another node held the lock, or a young gap made the batch wait. */
  caughtUp: boolean;
}

export interface AnalyticsAggregator {
  /** Folds pending events batch by batch (one transaction each, with the watermark) until none remain or the budget ends. */
  catchUp(options?: { budgetMs?: number }): Promise<CatchUpResult>;
  /** Drops every facts row and the watermark, so the next catch-up refolds the whole log (after a definition change). */
  rebuild(): Promise<void>;
  /** events.id folded so far. */
  watermark(): Promise<number>;
  /** One timer step (what `start()` runs every `intervalMs`): at most one batch of `tickBatchSize` events. */
  tick(): Promise<CatchUpResult>;
  start(): void;
  stop(): void;
  readonly config: AnalyticsAggregatorConfig;
}

/**
 * Incremental aggregation of the event log into `conversation_facts` (issue 10). Each batch runs in one transaction
 * under a transaction-level advisory try-lock: the watermark row is read, the batch merged, resolution kinds
 * recomputed and the watermark moved together, so a crash loses nothing and replays nothing, and with several nodes
 * exactly one folds at a time while the others skip. A sweep decides open conversations (assumed resolved or
 * unresolved, by the same rules) as the clock passes N hours.
 */
export function createAnalyticsAggregator(config: Partial<AnalyticsAggregatorConfig>, deps: AnalyticsAggregatorDeps): AnalyticsAggregator {
  const settings = analyticsAggregatorConfigSchema.parse(config);
  const now = deps.now ?? (() => new Date());
  let running: Promise<CatchUpResult> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const cutoff = (at: Date) => new Date(at.getTime() - settings.assumeResolvedAfterHours * 3_600_000);

  async function locked<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T | null> {
    return deps.sql.transaction(async (tx) => {
      const [{ acquired }] = await tx.query<{ acquired: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS acquired', [AGGREGATOR_LOCK]);
      return acquired ? work(tx) : null;
    });
  }

  /** One batch; null when another node holds the lock, 'idle' when nothing is ready. */
  async function foldBatch(batchSize: number): Promise<{ conversations: number; watermark: number } | 'idle' | null> {
    return locked(async (tx) => {
      await tx.query('INSERT INTO analytics_watermarks (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [WATERMARK]);
      const [{ last_event_id: stored }] = await tx.query<{ last_event_id: string }>('SELECT last_event_id FROM analytics_watermarks WHERE name = $1 FOR UPDATE', [WATERMARK]);
      const from = Number(stored);
      const at = now();
      const [bounds] = await tx.query<{ upper: string }>(nextBatchSql, [from, batchSize, new Date(at.getTime() - settings.settleMs)]);
      const upper = Number(bounds.upper);
      if (upper <= from) return 'idle' as const;
      const touched = await tx.query<{ conversation_id: string }>(mergeBatchSql, [from, upper, at, cutoff(at)]);
      await tx.query('UPDATE analytics_watermarks SET last_event_id = $2, updated_at = $3 WHERE name = $1', [WATERMARK, upper, at]);
      return { conversations: touched.length, watermark: upper };
    });
  }

  async function sweep(): Promise<void> {
    const at = now();
    await locked((tx) => tx.query(
      `UPDATE conversation_facts SET resolution_kind = ${resolutionKindSql('$1')}, updated_at = $2 WHERE resolution_kind = 'open' AND last_customer_at <= $1`,
      [cutoff(at), at],
    ));
  }

  let lastSweep = -Infinity;
  async function run(budgetMs: number, batchSize: number, sweepEveryMs: number): Promise<CatchUpResult> {
    const started = Date.now();
    const result: CatchUpResult = { batches: 0, conversations: 0, watermark: 0, caughtUp: false };
    for (;;) {
      const batch = await foldBatch(batchSize);
      if (batch === null) break;
      if (batch === 'idle') {
        result.caughtUp = true;
        break;
      }
      result.batches += 1;
      result.conversations += batch.conversations;
      if (Date.now() - started >= budgetMs) break;
    }
    if (now().getTime() - lastSweep >= sweepEveryMs) {
      await sweep();
      lastSweep = now().getTime();
    }
    result.watermark = await readWatermark();
    return result;
  }

  async function readWatermark(): Promise<number> {
    const rows = await deps.sql.query<{ last_event_id: string }>('SELECT last_event_id FROM analytics_watermarks WHERE name = $1', [WATERMARK]);
    return rows.length ? Number(rows[0].last_event_id) : 0;
  }

  let runningTick = false;
  function catchUp(options: { budgetMs?: number } = {}): Promise<CatchUpResult> {
    // A dashboard read during a timer tick waits for the tick and then catches up fully (the tick folds one batch).
    if (running && runningTick) return running.catch(() => undefined).then(() => catchUp(options));
    // Concurrent callers on this node share one pass instead of queueing on the lock.
    running ??= run(options.budgetMs ?? settings.budgetMs, settings.batchSize, 0).finally(() => (running = null));
    return running;
  }

  /** A timer tick: one short batch (budget 0 stops after the first), the sweep at most every `sweepEveryMs`. */
  function tick(): Promise<CatchUpResult> {
    if (running) return running;
    runningTick = true;
    running = run(0, settings.tickBatchSize, settings.sweepEveryMs).finally(() => {
      running = null;
      runningTick = false;
    });
    return running;
  }

  return {
    config: settings,
    catchUp,
    async rebuild() {
      await deps.sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [AGGREGATOR_LOCK]);
        await tx.query('DELETE FROM conversation_facts');
        await tx.query('DELETE FROM analytics_watermarks WHERE name = $1', [WATERMARK]);
      });
    },
    watermark: readWatermark,
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        void tick().catch((error) => deps.logger?.error({ err: error }, 'analytics aggregation failed; retrying on the next tick'));
      }, settings.intervalMs);
      timer.unref?.();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
