import type { Logger } from 'pino';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Store, Tenant } from '../storage/store.ts';
import type { ChannelGateway, ChannelKind, InboundMessage } from './channel.ts';

export const CHANNEL_RECEIVE_JOB = 'channel.receive';

export type InboxStatus = 'pending' | 'processing' | 'done' | 'failed';

/** One stored inbound message and where its processing stands. */
export interface InboxEntry {
  tenantId: string;
  kind: ChannelKind;
  messageId: string;
  message: InboundMessage;
  status: InboxStatus;
  attempts: number;
  error: string | null;
}

/**
 * Inbound messages of callback channels, stored before the callback is acknowledged and handed to the gateway from a
 * job. WeChat waits 5 seconds for a callback's answer (then tells the customer "该公众号暂时无法提供服务"); a tenant's LLM
 * may take longer, so the callback only stores the message (one INSERT) and the bot's turn runs in `channel.receive`.
 */
export interface ChannelInbox {
  /**
   * Stores the message keyed by (tenant, channel, the platform's message id) and queues its processing. Returns
   * `accepted: false` for an id already stored (a platform retry): nothing is queued again.
   */
  accept(tenant: Tenant, message: InboundMessage): Promise<{ accepted: boolean }>;
  /**
   * Queues again what a restart left behind: pending rows, and rows stuck in processing for `staleMs` (default 5 min).
   * Also forgets done rows older than a day (platforms retry a callback for seconds, not days).
   */
  recover(staleMs?: number): Promise<number>;
  get(tenantId: string, kind: ChannelKind, messageId: string): Promise<InboxEntry | null>;
}

export interface ChannelInboxDeps {
  sql: SqlExecutor;
  store: Store;
  jobs: JobRunner;
  gateway: ChannelGateway;
  logger?: Logger;
  /** Job attempts (default 5) and first backoff (default 2 s, doubling). */
  attempts?: number;
  backoffMs?: number;
}

type Payload = { tenantId: string; kind: ChannelKind; messageId: string };
type Row = { tenant_id: string; kind: string; message_id: string; message: InboundMessage | string; status: InboxStatus; attempts: number; error: string | null };

const toEntry = (row: Row): InboxEntry => ({
  tenantId: row.tenant_id, kind: row.kind as ChannelKind, messageId: row.message_id,
  message: typeof row.message === 'string' ? JSON.parse(row.message) as InboundMessage : row.message,
  status: row.status, attempts: row.attempts, error: row.error,
});

/**
 * The SQL inbox (table `channel_inbox`). A job claims its row (`pending` → `processing`) before running the turn, so a
 * duplicate job or a second node never runs the engine twice for one message; a failed attempt puts the row back to
 * `pending` for the job's retry, the last one marks it `failed` (logged; the message is kept for an operator).
 */
export function createChannelInbox(deps: ChannelInboxDeps): ChannelInbox {
  const { sql, store, jobs, gateway } = deps;
  const attempts = deps.attempts ?? 5;
  const options = { attempts, backoffMs: deps.backoffMs ?? 2000 };
  const key = (payload: Payload) => [payload.tenantId, payload.kind, payload.messageId];
  const mark = (payload: Payload, status: InboxStatus, error: string | null) =>
    sql.query('UPDATE channel_inbox SET status = $4, error = $5, updated_at = now() WHERE tenant_id = $1 AND kind = $2 AND message_id = $3', [...key(payload), status, error]);

  async function run(payload: Payload, attempt: number): Promise<void> {
    const [row] = await sql.query<Row>(
      `UPDATE channel_inbox SET status = 'processing', attempts = attempts + 1, updated_at = now()
       WHERE tenant_id = $1 AND kind = $2 AND message_id = $3 AND status = 'pending' RETURNING *`,
      key(payload),
    );
    if (!row) return;
    const tenant = await store.getTenant(payload.tenantId);
    if (!tenant) return void (await mark(payload, 'failed', 'tenant_gone'));
    try {
      await gateway.receive(tenant, toEntry(row).message);
      // Done: the row stays as the message id's tombstone (a late platform retry is still recognised), without the
      // customer's words — those live in the conversation, where erasure and retention find them.
      await sql.query(`UPDATE channel_inbox SET status = 'done', error = NULL, message = '{}'::jsonb, updated_at = now() WHERE tenant_id = $1 AND kind = $2 AND message_id = $3`, key(payload));
    } catch (error) {
      const last = attempt >= attempts;
      await mark(payload, last ? 'failed' : 'pending', error instanceof Error ? error.message.slice(0, 300) : 'error');
      if (last) deps.logger?.error({ err: error, ...payload }, 'inbound channel message could not be processed');
      throw error;
    }
  }

  jobs.register<Payload>(CHANNEL_RECEIVE_JOB, async (payload, context) => run(payload, context.attempt));

  return {
    async accept(tenant, message) {
      const rows = await sql.query<{ message_id: string }>(
        `INSERT INTO channel_inbox (tenant_id, kind, message_id, message) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, kind, message_id) DO NOTHING RETURNING message_id`,
        [tenant.id, message.channel, message.messageId, JSON.stringify(message)],
      );
      if (!rows.length) return { accepted: false };
      await jobs.enqueue<Payload>(CHANNEL_RECEIVE_JOB, { tenantId: tenant.id, kind: message.channel, messageId: message.messageId }, options);
      return { accepted: true };
    },
    async recover(staleMs = 300_000) {
      await sql.query(`DELETE FROM channel_inbox WHERE status = 'done' AND updated_at < now() - interval '1 day'`);
      const rows = await sql.query<Row>(
        `UPDATE channel_inbox SET status = 'pending', updated_at = now()
         WHERE status = 'pending' OR (status = 'processing' AND updated_at < now() - ($1::text || ' milliseconds')::interval) RETURNING *`,
        [String(staleMs)],
      );
      for (const row of rows) await jobs.enqueue<Payload>(CHANNEL_RECEIVE_JOB, { tenantId: row.tenant_id, kind: row.kind as ChannelKind, messageId: row.message_id }, options);
      return rows.length;
    },
    async get(tenantId, kind, messageId) {
      const [row] = await sql.query<Row>('SELECT * FROM channel_inbox WHERE tenant_id = $1 AND kind = $2 AND message_id = $3', [tenantId, kind, messageId]);
      return row ? toEntry(row) : null;
    },
  };
}
