import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { newId } from '../ids.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Customer, Store, Tenant } from '../storage/store.ts';
import { queryProactiveLog, toSend, type ProactiveLogQuery, type ProactiveSend, type ProactiveSendRow as Row } from './proactive-queries.ts';
import { previewRule } from './proactive-preview.ts';
import { createProactiveRuleStore } from './proactive-rule-store.ts';
import { proactiveSettingsSchema, type ProactiveRule, type ProactiveSettings } from './proactive-rules.ts';
import { nextSendTime } from './quiet-hours.ts';

export type { ProactiveSend };

export const PROACTIVE_JOB = 'proactive.send';

/** Sends the text into the customer's open conversation; returns where it went. */
export type ProactiveSender = (tenant: Tenant, customer: Customer, text: string, data: Record<string, unknown>) => Promise<{ conversationId: string; messageId: string }>;


export interface ProactiveCareDeps {
  sql: SqlExecutor;
  store: Store;
  jobs: JobRunner;
  send: ProactiveSender;
  logger?: Logger;
  /** The defaults every tenant starts from (the code defaults when absent); tenants override them in proactive_rules. */
  rules?: ProactiveRule[];
  settings?: Partial<ProactiveSettings>;
  now?: () => Date;
}


const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** Stable key of a business event: its own id when it has one, else a hash of type and data (same payload, same key). */
export function eventKey(type: string, data: Record<string, unknown>): string {
  const own = data.eventId ?? data.id;
  if (typeof own === 'string' || typeof own === 'number') return `id:${own}`;
  const canonical = JSON.stringify(Object.keys(data).sort().map((key) => [key, data[key]]));
  return `sha256:${createHash('sha256').update(`${type}\n${canonical}`).digest('hex').slice(0, 32)}`;
}

const render = (template: string, data: Record<string, unknown>) => template.replace(/\{(\w+)\}/g, (_, key: string) => (data[key] === undefined ? '' : String(data[key])));

/**
 * Proactive care: business events schedule rule messages in `proactive_sends` (unique per rule + customer + event,
 * so duplicates and restarts never send twice); due rows run as `proactive.send` jobs on the JobRunner, which apply
 * opt-out, cancelling events, quiet hours (deferred, tenant time zone) and the per-customer cap, then send and log
 * the outcome. `sweep()` (every `intervalMs` once `start`ed) picks up rows whose delay has passed, including
 * rows left behind by a restart.
 */
export function createProactiveCare(deps: ProactiveCareDeps) {
  const { sql, store, jobs } = deps;
  const ruleStore = createProactiveRuleStore({ sql, defaults: deps.rules, logger: deps.logger });
  const settings = proactiveSettingsSchema.parse(deps.settings ?? {});
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;

  const finish = async (id: string, status: ProactiveSend['status'], outcome: string, extra: { conversationId?: string; messageId?: string } = {}) => {
    await sql.query('UPDATE proactive_sends SET status = $2, outcome = $3, conversation_id = $4, message_id = $5, updated_at = $6 WHERE id = $1', [id, status, outcome, extra.conversationId ?? null, extra.messageId ?? null, now()]);
  };

  async function runSend(id: string): Promise<void> {
    // Atomic claim: of any number of jobs for this row (duplicate enqueues, two nodes), exactly one proceeds.
    const [row] = await sql.query<Row>("UPDATE proactive_sends SET status = 'sending', updated_at = now() WHERE id = $1 AND status = 'scheduled' AND due_at <= $2 RETURNING *", [id, now()]);
    if (!row) return;
    // The tenant's rule as it is now: a rule switched off or deleted after scheduling sends nothing.
    const [entry, tenant, customer] = await Promise.all([ruleStore.get(row.tenant_id, row.rule_id), store.getTenant(row.tenant_id), store.getCustomer(row.tenant_id, row.customer_id)]);
    if (entry && !entry.enabled) return finish(row.id, 'skipped', 'rule_disabled');
    const rule = entry?.rule;
    if (!rule || !tenant || !customer) return finish(row.id, 'skipped', 'rule_or_customer_gone');
    if (customer.attributes.proactiveOptOut === true) return finish(row.id, 'skipped', 'opted_out');
    if (rule.cancelOn.length) {
      const later = (await store.listEvents(tenant.id, null, 200)).filter((event) => event.customerId === customer.id && rule.cancelOn.includes(event.type) && event.createdAt > iso(row.created_at) && eventKey(event.type, event.data) !== '');
      if (later.length) return finish(row.id, 'skipped', 'cancelled');
    }
    const timeZone = tenant.settings.businessHours?.timeZone ?? settings.timeZone;
    const allowed = nextSendTime(now(), settings.quietHours, timeZone);
    if (allowed.getTime() > now().getTime()) {
      await sql.query("UPDATE proactive_sends SET status = 'scheduled', due_at = $2, outcome = 'deferred_quiet_hours', updated_at = now() WHERE id = $1", [row.id, allowed]);
      return;
    }
    const since = new Date(now().getTime() - settings.capWindowMs);
    // Sends in flight count too when they were scheduled before this one, so concurrent jobs respect the cap in order.
    const [{ count }] = await sql.query<{ count: number | string }>(
      "SELECT count(*) AS count FROM proactive_sends WHERE tenant_id = $1 AND customer_id = $2 AND id <> $4 AND ((status = 'sent' AND updated_at >= $3) OR (status = 'sending' AND (created_at, id) < ($5::timestamptz, $4)))",
      [tenant.id, customer.id, since, row.id, row.created_at],
    );
    if (Number(count) >= settings.capPerCustomer) return finish(row.id, 'skipped', 'capped');
    const locale = customer.attributes.locale === 'en' || customer.attributes.locale === 'zh' ? customer.attributes.locale : tenant.settings.locale;
    let sent: { conversationId: string; messageId: string };
    try {
      sent = await deps.send(tenant, customer, render(rule.template[locale], row.event_data), { proactive: true, ruleId: rule.id, reason: row.event_type });
    } catch (error) {
      deps.logger?.warn({ err: error, sendId: row.id }, 'proactive send failed');
      return finish(row.id, 'failed', error instanceof Error ? error.message.slice(0, 200) : 'error');
    }
    await finish(row.id, 'sent', 'sent', sent);
    // Why the bot spoke first, for the agent console (conversation events).
    await store.appendEvent(tenant.id, { type: 'proactive.sent', customerId: customer.id, conversationId: sent.conversationId, data: { ruleId: rule.id, because: row.event_type, sendId: row.id, messageId: sent.messageId } })
      .catch((error: unknown) => deps.logger?.warn({ err: error, sendId: row.id }, 'proactive.sent event not stored'));
  }

  jobs.register<{ id: string }>(PROACTIVE_JOB, async (payload) => runSend(payload.id));

  async function sweep(): Promise<number> {
    const due = await sql.query<{ id: string }>("SELECT id FROM proactive_sends WHERE status = 'scheduled' AND due_at <= $1 ORDER BY due_at LIMIT 500", [now()]);
    for (const { id } of due) await jobs.enqueue(PROACTIVE_JOB, { id });
    return due.length;
  }

  return {
    /** Per-tenant rules (defaults + the tenant's overrides and own rules). */
    rules: ruleStore,
    settings,
    /**
     * Schedules every rule matching a business event. Returns the rows (new or already there): posting the same
     * event again schedules nothing new.
     */
    async handleEvent(tenant: Tenant, customer: Customer, event: { type: string; data: Record<string, unknown> }): Promise<ProactiveSend[]> {
      const key = eventKey(event.type, event.data);
      const scheduled: ProactiveSend[] = [];
      for (const rule of await ruleStore.active(tenant.id)) {
        if (rule.event !== event.type) continue;
        if (!Object.entries(rule.when).every(([field, value]) => event.data[field] === value)) continue;
        let due = new Date(now().getTime() + ('afterMs' in rule.delay ? rule.delay.afterMs : 0));
        if ('beforeField' in rule.delay) {
          const at = Date.parse(String(event.data[rule.delay.beforeField] ?? ''));
          if (Number.isNaN(at)) continue;
          due = new Date(Math.max(now().getTime(), at - rule.delay.beforeMs));
        }
        await sql.query(
          'INSERT INTO proactive_sends (id, tenant_id, customer_id, rule_id, event_key, event_type, event_data, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, rule_id, customer_id, event_key) DO NOTHING',
          [newId('pro'), tenant.id, customer.id, rule.id, key, event.type, JSON.stringify(event.data), due],
        );
        const [row] = await sql.query<Row>('SELECT * FROM proactive_sends WHERE tenant_id = $1 AND rule_id = $2 AND customer_id = $3 AND event_key = $4', [tenant.id, rule.id, customer.id, key]);
        if (row.status === 'scheduled' && new Date(row.due_at).getTime() <= now().getTime()) await jobs.enqueue(PROACTIVE_JOB, { id: row.id });
        scheduled.push(toSend(row));
      }
      return scheduled;
    },
    sweep,
    /** The log of proactive sends with their outcome, newest first. */
    async list(tenantId: string, options: { customerId?: string; limit?: number } = {}): Promise<ProactiveSend[]> {
      const rows = await sql.query<Row>('SELECT * FROM proactive_sends WHERE tenant_id = $1 AND ($2::text IS NULL OR customer_id = $2) ORDER BY created_at DESC LIMIT $3', [tenantId, options.customerId ?? null, options.limit ?? 100]);
      return rows.map(toSend);
    },
    /** Log page with filters (status or outcome, rule, customer), newest first. */
    log: (tenantId: string, query: ProactiveLogQuery) => queryProactiveLog(sql, tenantId, query),
    /**
     * Who a rule would contact now: customers with a matching event in the last `days` days whose message is due
     * (delay passed), not yet handled or cancelled, minus opted-out and capped ones; none during quiet hours.
     */
    async preview(tenantId: string, rule: ProactiveRule, days: number) {
      const tenant = await store.getTenant(tenantId);
      const at = now();
      const sendableAt = nextSendTime(at, settings.quietHours, tenant?.settings.businessHours?.timeZone ?? settings.timeZone);
      return previewRule(sql, tenantId, rule, { days, settings, now: at, sendableAt });
    },
    /**
     * Read receipt: sent proactive messages of the conversation up to `seq` count as read. Returns the send ids marked.
     */
    async recordRead(tenantId: string, conversationId: string, seq: number): Promise<string[]> {
      const rows = await sql.query<{ id: string }>(
        `UPDATE proactive_sends AS send SET read_at = $4 FROM messages AS message
         WHERE send.tenant_id = $1 AND send.conversation_id = $2 AND send.status = 'sent' AND send.read_at IS NULL
           AND message.id = send.message_id AND message.conversation_id = $2 AND message.seq <= $3 RETURNING send.id`,
        [tenantId, conversationId, seq, now()],
      );
      return rows.map((row) => row.id);
    },
    start(intervalMs = 15_000) {
      timer ??= setInterval(() => void sweep().catch((error: unknown) => deps.logger?.warn({ err: error }, 'proactive sweep failed')), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

export type ProactiveCare = ReturnType<typeof createProactiveCare>;
