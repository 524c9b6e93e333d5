import type { Logger } from 'pino';
import type { ConversationService } from '../conversation/conversation-service.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Store } from '../storage/store.ts';
import { supportSettings } from './support-settings.ts';
import type { TicketService } from './ticket-service.ts';
import { ticketTexts } from './ticket-texts.ts';

/**
 * Queued conversations whose customer left (issue 21): a conversation waiting in the queue with no change for the
 * tenant's `support.queueTimeoutMinutes` is closed with a note to the customer, and its request is kept as a ticket
 * (the open one already linked, else a new `message` ticket) so it leaves 待接入 without being lost. `sweep()` runs
 * every `intervalMs` once started; tenants without the setting are never touched.
 */
export function createQueueTimeout(deps: { sql: SqlExecutor; store: Store; tickets: TicketService; conversations: Pick<ConversationService, 'closeQueued'>; logger: Logger; now?: () => Date; intervalMs?: number }) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function sweepOnce(): Promise<number> {
    let closed = 0;
    const tenants = await deps.sql.query<{ id: string }>("SELECT id FROM tenants WHERE settings->'support'->>'queueTimeoutMinutes' IS NOT NULL");
    for (const { id } of tenants) {
      const tenant = await deps.store.getTenant(id);
      const minutes = tenant ? supportSettings(tenant.settings).queueTimeoutMinutes : null;
      if (!tenant || !minutes) continue;
      const before = new Date(now().getTime() - minutes * 60_000).toISOString();
      const stale = await deps.sql.query<{ id: string; customer_id: string }>(
        "SELECT id, customer_id FROM conversations WHERE tenant_id = $1 AND owner = 'queued' AND updated_at < $2 ORDER BY updated_at LIMIT 100", [id, before]);
      for (const conversation of stale) {
        try {
          const open = (await deps.tickets.list(id, { conversationId: conversation.id, status: ['open', 'pending_customer', 'pending_internal'], limit: 1 })).tickets[0];
          const [queued] = await deps.sql.query<{ data: { summary?: string } }>(
            "SELECT data FROM events WHERE tenant_id = $1 AND conversation_id = $2 AND type = 'conversation.queued' ORDER BY id DESC LIMIT 1", [id, conversation.id]);
          const locale = tenant.settings.locale;
          const ticket = open ?? await deps.tickets.create(tenant, {
            type: 'message', source: 'system', createdBy: 'queue-timeout', conversationId: conversation.id,
            subject: (queued?.data.summary || (locale === 'zh' ? '排队未接入的会话' : 'Queued conversation nobody took')).slice(0, 150),
            details: { queueTimeoutMinutes: minutes }, comment: queued?.data.summary || undefined,
          });
          if (await deps.conversations.closeQueued(tenant, conversation.id, 'queue_timeout', ticketTexts.queueTimedOut(ticket.id))) closed++;
        } catch (error) {
          deps.logger.error({ err: error, tenantId: id, conversationId: conversation.id }, 'queue timeout failed for a conversation');
        }
      }
    }
    return closed;
  }

  return {
    /** One pass; returns how many conversations it closed. Concurrent calls share the pass. */
    sweep(): Promise<number> {
      running ??= sweepOnce().finally(() => { running = null; });
      return running;
    },
    start() {
      timer ??= setInterval(() => void this.sweep().catch((error: unknown) => deps.logger.error({ err: error }, 'queue timeout sweep failed')), deps.intervalMs ?? 60_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type QueueTimeout = ReturnType<typeof createQueueTimeout>;
