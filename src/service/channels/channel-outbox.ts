import type { Logger } from 'pino';
import type { Localized } from '../../engine/types.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Conversation, Message, Store } from '../storage/store.ts';
import type { ChannelKind, ChannelSender } from './channel.ts';
import type { ChannelConfigStore } from './channel-config-store.ts';

export const CHANNEL_DELIVERY_JOB = 'channel.deliver';

/**
 * Thrown by a {@link ChannelSender} when the protocol forbids sending now (WeChat's 48-hour customer-service window,
 * a customer who unsubscribed): the outbox records `outcome` instead of retrying.
 */
export class ChannelDeliverySkipped extends Error {
  constructor(readonly outcome: string, message = outcome) {
    super(message);
    this.name = 'ChannelDeliverySkipped';
  }
}

/** A refusal that concerns a whole channel (missing permission, IP whitelist, bad credentials), shown in the admin. */
export interface ChannelProblem {
  /** The platform's own code (WeChat errcode …). */
  code: string;
  outcome: string;
  message: string;
  /** What the account lacks and where to fix it. */
  hint: Localized<string>;
  at: string;
}

/**
 * Thrown by a {@link ChannelSender} when the platform refused for good (no API permission, IP not whitelisted, invalid
 * recipient): the delivery is recorded `failed` with `outcome` at once instead of being retried. With `problem`, the
 * refusal concerns the whole channel: it is kept as the channel's status (admin) until a later send succeeds.
 */
export class ChannelDeliveryFailed extends Error {
  constructor(readonly outcome: string, message: string, readonly problem?: Omit<ChannelProblem, 'at'>) {
    super(message);
    this.name = 'ChannelDeliveryFailed';
  }
}

const PROBLEM_KEY = 'status:problem';

export interface ChannelDelivery {
  messageId: string;
  conversationId: string;
  kind: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  outcome: string | null;
  attempts: number;
}

export interface ChannelOutbox {
  /**
   * Called after messages are committed and announced (conversation-service `announce`): queues the non-customer
   * messages of a non-widget conversation for delivery. `channel` is the origin of the change: messages produced by the
   * channel's own inbound turn are skipped when the channel's sender replies inline.
   */
  enqueue(conversation: Conversation, messages: Message[], channel: string): Promise<void>;
  /** Delivery log of one conversation (outcomes such as `outside_48h_window`). */
  list(tenantId: string, conversationId: string): Promise<ChannelDelivery[]>;
  /** The channel's standing problem (a permanent refusal since the last successful send), or null. */
  problem(tenantId: string, kind: ChannelKind): Promise<ChannelProblem | null>;
  /** Records a channel-wide refusal seen outside a delivery (e.g. WeCom sync_msg answering 48001). */
  recordProblem(tenantId: string, kind: ChannelKind, problem: Omit<ChannelProblem, 'at'>): Promise<void>;
}

export interface ChannelOutboxDeps {
  sql: SqlExecutor;
  store: Store;
  jobs: JobRunner;
  configs: ChannelConfigStore;
  senders: Map<ChannelKind, ChannelSender>;
  logger?: Logger;
  attempts?: number;
  backoffMs?: number;
}

type Payload = { tenantId: string; conversationId: string; messageIds: string[]; afterSeq: number };
type Row = { message_id: string; conversation_id: string; kind: string; status: ChannelDelivery['status']; outcome: string | null; attempts: number };

/**
 * Delivers stored bot, agent, system and proactive messages back through the conversation's channel from a job. Each
 * message is claimed in `channel_deliveries` (keyed by message id) before it is sent, so a retried job, a duplicate
 * enqueue or a second node never sends it twice; one job carries the batch of one commit so their order is kept.
 */
export function createChannelOutbox(deps: ChannelOutboxDeps): ChannelOutbox {
  const { sql, store, jobs, configs, senders } = deps;
  const attempts = deps.attempts ?? 5;

  const recordProblem = (tenantId: string, kind: ChannelKind, problem: Omit<ChannelProblem, 'at'>) =>
    configs.writeState(tenantId, kind, PROBLEM_KEY, JSON.stringify({ ...problem, at: new Date().toISOString() }));
  const mark = (ids: string[], status: ChannelDelivery['status'], outcome: string | null) =>
    ids.length ? sql.query('UPDATE channel_deliveries SET status = $2, outcome = $3, updated_at = now() WHERE message_id = ANY($1::text[])', [ids, status, outcome]) : Promise.resolve([]);

  async function run(payload: Payload, attempt: number): Promise<void> {
    const [tenant, conversation] = await Promise.all([store.getTenant(payload.tenantId), store.getConversation(payload.tenantId, payload.conversationId)]);
    if (!tenant || !conversation) return;
    const kind = conversation.channel as ChannelKind;
    const claimed: string[] = [];
    for (const id of payload.messageIds) {
      const rows = await sql.query<{ message_id: string }>(
        `INSERT INTO channel_deliveries (message_id, tenant_id, conversation_id, kind, status, attempts) VALUES ($1, $2, $3, $4, 'sending', 1)
         ON CONFLICT (message_id) DO UPDATE SET status = 'sending', attempts = channel_deliveries.attempts + 1, updated_at = now()
         WHERE channel_deliveries.status = 'pending' RETURNING message_id`,
        [id, tenant.id, conversation.id, kind],
      );
      if (rows.length) claimed.push(id);
    }
    if (!claimed.length) return;
    const sender = senders.get(kind);
    const config = await configs.get(tenant.id, kind);
    const customer = await store.getCustomer(tenant.id, conversation.customerId);
    if (!sender || !config?.enabled || !customer) {
      await mark(claimed, 'skipped', !sender ? 'no_sender' : !customer ? 'customer_gone' : 'channel_disabled');
      return;
    }
    const wanted = new Set(claimed);
    const messages = (await store.listMessages(tenant.id, conversation.id, { afterSeq: payload.afterSeq, limit: 200 })).filter((message) => wanted.has(message.id));
    try {
      await sender.deliver({ tenant, conversation, customer, config }, messages);
      await mark(claimed, 'sent', 'sent');
      if (await configs.readState(tenant.id, kind, PROBLEM_KEY)) await configs.writeState(tenant.id, kind, PROBLEM_KEY, '');
    } catch (error) {
      if (error instanceof ChannelDeliveryFailed) {
        await mark(claimed, 'failed', error.outcome);
        await store.appendEvent(tenant.id, { conversationId: conversation.id, type: 'channel.delivery_failed', data: { channel: kind, outcome: error.outcome, permanent: true, messageIds: claimed } });
        if (error.problem) await recordProblem(tenant.id, kind, error.problem);
        deps.logger?.warn({ tenantId: tenant.id, conversationId: conversation.id, channel: kind, outcome: error.outcome }, error.message);
        return;
      }
      if (error instanceof ChannelDeliverySkipped) {
        await mark(claimed, 'skipped', error.outcome);
        await store.appendEvent(tenant.id, { conversationId: conversation.id, type: 'channel.delivery_skipped', data: { channel: kind, outcome: error.outcome, messageIds: claimed } });
        return;
      }
      const last = attempt >= attempts;
      await mark(claimed, last ? 'failed' : 'pending', error instanceof Error ? error.message.slice(0, 300) : 'error');
      if (last) {
        deps.logger?.warn({ err: error, tenantId: tenant.id, conversationId: conversation.id, channel: kind }, 'channel delivery failed for good');
        await store.appendEvent(tenant.id, { conversationId: conversation.id, type: 'channel.delivery_failed', data: { channel: kind, messageIds: claimed } });
      }
      throw error;
    }
  }

  jobs.register<Payload>(CHANNEL_DELIVERY_JOB, async (payload, context) => run(payload, context.attempt));

  return {
    async enqueue(conversation, messages, channel) {
      if (conversation.channel === 'widget') return;
      const sender = senders.get(conversation.channel as ChannelKind);
      if (sender?.repliesInline && channel === 'channel') return;
      const outgoing = messages.filter((message) => message.author !== 'customer');
      if (!outgoing.length) return;
      await jobs.enqueue<Payload>(CHANNEL_DELIVERY_JOB, {
        tenantId: conversation.tenantId, conversationId: conversation.id, messageIds: outgoing.map((message) => message.id), afterSeq: Math.min(...outgoing.map((message) => message.seq)) - 1,
      }, { attempts, backoffMs: deps.backoffMs ?? 2000 });
    },
    recordProblem,
    async problem(tenantId, kind) {
      const stored = await configs.readState(tenantId, kind, PROBLEM_KEY);
      return stored ? JSON.parse(stored) as ChannelProblem : null;
    },
    async list(tenantId, conversationId) {
      const rows = await sql.query<Row>('SELECT * FROM channel_deliveries WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY updated_at, message_id', [tenantId, conversationId]);
      return rows.map((row) => ({ messageId: row.message_id, conversationId: row.conversation_id, kind: row.kind, status: row.status, outcome: row.outcome, attempts: row.attempts }));
    },
  };
}
