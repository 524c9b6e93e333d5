import { z } from 'zod';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { ProactiveRule, ProactiveSettings } from './proactive-rules.ts';

/** One proactive message: scheduled, then sent or skipped with why (outcome), then read / replied. */
export interface ProactiveSend {
  id: string;
  ruleId: string;
  customerId: string;
  eventType: string;
  status: 'scheduled' | 'sending' | 'sent' | 'skipped' | 'failed';
  outcome: string | null;
  dueAt: string;
  conversationId: string | null;
  messageId: string | null;
  /** When the widget reported the message seen (read receipt), and when the customer wrote after it. */
  readAt: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export type ProactiveSendRow = { id: string; tenant_id: string; customer_id: string; rule_id: string; event_type: string; event_data: Record<string, unknown>; due_at: Date | string; status: ProactiveSend['status']; outcome: string | null; conversation_id: string | null; message_id: string | null; read_at: Date | string | null; replied_at: Date | string | null; created_at: Date | string };

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
/** A proactive_sends row as the API shows it. */
export const toSend = (row: ProactiveSendRow): ProactiveSend => ({
  id: row.id, ruleId: row.rule_id, customerId: row.customer_id, eventType: row.event_type, status: row.status, outcome: row.outcome, dueAt: iso(row.due_at),
  conversationId: row.conversation_id, messageId: row.message_id, readAt: row.read_at ? iso(row.read_at) : null, repliedAt: row.replied_at ? iso(row.replied_at) : null, createdAt: iso(row.created_at),
});

/** Statuses of a row and outcomes after it (badges of the admin log); either filters the log. */
export const PROACTIVE_LOG_STATUSES = ['scheduled', 'sending', 'sent', 'skipped', 'failed', 'read', 'replied', 'opted_out', 'capped', 'cancelled', 'deferred'] as const;
export const proactiveLogQuerySchema = z.object({
  status: z.enum(PROACTIVE_LOG_STATUSES).optional(),
  ruleId: z.string().min(1).max(100).optional(),
  /** The customer's id, or your own id for them (externalId). */
  customerId: z.string().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProactiveLogQuery = z.input<typeof proactiveLogQuerySchema>;

/** A log row with the customer it was for. */
export type ProactiveLogEntry = ProactiveSend & { customerExternalId: string | null; customerName: string | null };

const statusCondition: Record<(typeof PROACTIVE_LOG_STATUSES)[number], string> = {
  scheduled: "send.status = 'scheduled'", sending: "send.status = 'sending'", sent: "send.status = 'sent'", skipped: "send.status = 'skipped'", failed: "send.status = 'failed'",
  read: 'send.read_at IS NOT NULL', replied: 'send.replied_at IS NOT NULL',
  opted_out: "send.outcome = 'opted_out'", capped: "send.outcome = 'capped'", cancelled: "send.outcome = 'cancelled'", deferred: "send.outcome = 'deferred_quiet_hours'",
};

/** One page of the tenant's proactive_sends, newest first, with the total for paging. */
export async function queryProactiveLog(sql: SqlExecutor, tenantId: string, input: ProactiveLogQuery): Promise<{ items: ProactiveLogEntry[]; total: number; page: number; pageSize: number }> {
  const query = proactiveLogQuerySchema.parse(input);
  const where = ['send.tenant_id = $1', '($2::text IS NULL OR send.rule_id = $2)', '($3::text IS NULL OR send.customer_id = $3 OR customer.external_id = $3)'];
  if (query.status) where.push(statusCondition[query.status]);
  const from = `FROM proactive_sends AS send LEFT JOIN customers AS customer ON customer.id = send.customer_id AND customer.tenant_id = send.tenant_id WHERE ${where.join(' AND ')}`;
  const params = [tenantId, query.ruleId ?? null, query.customerId ?? null];
  const [rows, [{ total }]] = await Promise.all([
    sql.query<ProactiveSendRow & { external_id: string | null; name: string | null }>(
      `SELECT send.*, customer.external_id, customer.name ${from} ORDER BY send.created_at DESC, send.id DESC LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    ),
    sql.query<{ total: number | string }>(`SELECT count(*) AS total ${from}`, params),
  ]);
  return { items: rows.map((row) => ({ ...toSend(row), customerExternalId: row.external_id, customerName: row.name })), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export interface ProactivePreview {
  ruleId: string;
  event: string;
  days: number;
  /** Customers with at least one matching event in the window. */
  matched: number;
  optedOut: number;
  /** At the per-customer cap right now (sent `capPerCustomer` messages in the cap window). */
  capped: number;
  wouldContact: number;
  /** Up to 20 of the customers who would be contacted, most recent event first. */
  examples: Array<{ customerId: string; externalId: string; name: string | null; lastEventAt: string; events: number }>;
}

/**
 * Who `rule` would contact: customers with an event of its type whose data contains its `when` conditions in the last
 * `days` days (events table), minus the opted-out (`attributes.proactiveOptOut === true`) and those at the cap now.
 */
export async function previewRule(sql: SqlExecutor, tenantId: string, rule: ProactiveRule, options: { days: number; settings: ProactiveSettings; now: Date }): Promise<ProactivePreview> {
  const since = new Date(options.now.getTime() - options.days * 86_400_000);
  const capSince = new Date(options.now.getTime() - options.settings.capWindowMs);
  const classified = `WITH matched AS (
      SELECT event.customer_id, max(event.created_at) AS last_event_at, count(*) AS events FROM events AS event
      WHERE event.tenant_id = $1 AND event.type = $2 AND event.customer_id IS NOT NULL AND event.created_at >= $3 AND event.data @> $4::jsonb
      GROUP BY event.customer_id
    ), classified AS (
      SELECT matched.*, customer.external_id, customer.name,
        COALESCE(customer.attributes -> 'proactiveOptOut' = 'true'::jsonb, false) AS opted_out,
        (SELECT count(*) FROM proactive_sends AS send WHERE send.tenant_id = $1 AND send.customer_id = matched.customer_id AND send.status = 'sent' AND send.updated_at >= $5) >= $6 AS capped
      FROM matched JOIN customers AS customer ON customer.id = matched.customer_id AND customer.tenant_id = $1
    )`;
  const params = [tenantId, rule.event, since, JSON.stringify(rule.when), capSince, options.settings.capPerCustomer];
  const [[counts], examples] = await Promise.all([
    sql.query<{ matched: string | number; opted_out: string | number; capped: string | number; would: string | number }>(
      `${classified} SELECT count(*) AS matched, count(*) FILTER (WHERE opted_out) AS opted_out, count(*) FILTER (WHERE capped AND NOT opted_out) AS capped,
        count(*) FILTER (WHERE NOT opted_out AND NOT capped) AS would FROM classified`, params),
    sql.query<{ customer_id: string; external_id: string; name: string | null; last_event_at: Date | string; events: string | number }>(
      `${classified} SELECT * FROM classified WHERE NOT opted_out AND NOT capped ORDER BY last_event_at DESC, customer_id LIMIT 20`, params),
  ]);
  return {
    ruleId: rule.id, event: rule.event, days: options.days,
    matched: Number(counts.matched), optedOut: Number(counts.opted_out), capped: Number(counts.capped), wouldContact: Number(counts.would),
    examples: examples.map((row) => ({
      customerId: row.customer_id, externalId: row.external_id, name: row.name, events: Number(row.events),
      lastEventAt: (row.last_event_at instanceof Date ? row.last_event_at : new Date(row.last_event_at)).toISOString(),
    })),
  };
}
