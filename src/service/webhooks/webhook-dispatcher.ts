import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Store, StoredEvent, Webhook } from '../storage/store.ts';
import { createTtlCache } from '../ttl-cache.ts';

export const WEBHOOK_JOB = 'webhook.deliver';

interface DeliveryPayload {
  webhookId: string;
  tenantId: string;
  url: string;
  secret: string;
  body: string;
  eventId: string;
}

/** Signature header value: `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookDispatcher {
  /** Enqueues one delivery per matching webhook of the tenant for each event. */
  dispatch(tenantId: string, events: StoredEvent[], extra?: Record<string, unknown>): Promise<void>;
  /** Drops this node's cached webhook list of the tenant (call after creating or deleting a webhook). */
  forget(tenantId: string): void;
}

/**
 * Outgoing webhooks: each event is POSTed as JSON with `X-Lingxi-Signature` and `X-Lingxi-Timestamp`, on the job
 * runner with 6 attempts and exponential backoff (1 s, 2 s, 4 s …). A non-2xx answer or a network error is retried.
 */
export function createWebhookDispatcher(deps: {
  store: Store; jobs: JobRunner; logger: Logger; fetch?: typeof fetch; backoffMs?: number; timeoutMs?: number; cacheMs?: number;
  /** Checked before every delivery: a host may resolve to a private address later than when it was saved (issue 23, L2). */
  checkTarget?: (url: string) => Promise<void>;
}): WebhookDispatcher {
  const send = deps.fetch ?? fetch;
  // Every turn dispatches its events; reading the tenant's webhooks on each one was a query per message (issue 11).
  // The list is cached per tenant for `cacheMs` (default 2 s): this node forgets it on create/delete, other nodes pick
  // a change up within that time.
  const cache = createTtlCache<Webhook[]>({ ttlMs: deps.cacheMs ?? 2000 });
  const activeHooks = (tenantId: string) => cache.get(tenantId, async () => (await deps.store.listWebhooks(tenantId)).filter((hook) => hook.active));
  deps.jobs.register<DeliveryPayload>(WEBHOOK_JOB, async (job, { attempt }) => {
    await deps.checkTarget?.(job.url);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await send(job.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', 'user-agent': 'lingxi-webhooks/1', 'x-lingxi-event-id': job.eventId,
        'x-lingxi-timestamp': timestamp, 'x-lingxi-signature': signWebhook(job.secret, timestamp, job.body), 'x-lingxi-attempt': String(attempt),
      },
      body: job.body,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`webhook ${job.webhookId} answered ${response.status}`);
  });
  return {
    async dispatch(tenantId, events, extra = {}) {
      if (events.length === 0) return;
      const hooks = await activeHooks(tenantId);
      for (const event of events) {
        for (const hook of hooks) {
          if (hook.events.length > 0 && !hook.events.includes(event.type)) continue;
          const body = JSON.stringify({ id: event.id, type: event.type, tenantId, conversationId: event.conversationId, createdAt: event.createdAt, data: { ...event.data, ...extra } });
          await deps.jobs.enqueue<DeliveryPayload>(WEBHOOK_JOB, { webhookId: hook.id, tenantId, url: hook.url, secret: hook.secret, body, eventId: event.id }, { attempts: 6, backoffMs: deps.backoffMs ?? 1000 });
        }
      }
    },
    forget(tenantId) {
      cache.forget(tenantId);
    },
  };
}
