import { z } from 'zod';
import type { SqlExecutor } from '../storage/sql-client.ts';

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
  read: '(send.read_at IS NOT NULL OR derived.replied_at IS NOT NULL)', replied: 'derived.replied_at IS NOT NULL',
  opted_out: "send.outcome = 'opted_out'", capped: "send.outcome = 'capped'", cancelled: "send.outcome = 'cancelled'", deferred: "send.outcome = 'deferred_quiet_hours'",
};

/**
 * "Replied" is derived when the log is read: the first customer message after the proactive message in its
 * conversation (indexed by (conversation_id, seq)). Writing it on every customer message cost a query per message
 * (issue 11); rows replied before this change keep their stored `replied_at`. A reply counts as read.
 */
const REPLIED_SQL = `SELECT min(reply.created_at) AS replied_at FROM messages AS sent_message
  JOIN messages AS reply ON reply.conversation_id = sent_message.conversation_id AND reply.seq > sent_message.seq AND reply.author = 'customer'
  WHERE send.status = 'sent' AND sent_message.id = send.message_id AND sent_message.tenant_id = send.tenant_id`;

/** One page of the tenant's proactive_sends, newest first, with the total for paging. */
export async function queryProactiveLog(sql: SqlExecutor, tenantId: string, input: ProactiveLogQuery): Promise<{ items: ProactiveLogEntry[]; total: number; page: number; pageSize: number }> {
  const query = proactiveLogQuerySchema.parse(input);
  const where = ['send.tenant_id = $1', '($2::text IS NULL OR send.rule_id = $2)', '($3::text IS NULL OR send.customer_id = $3 OR customer.external_id = $3)'];
  if (query.status) where.push(statusCondition[query.status]);
  const from = `FROM proactive_sends AS send LEFT JOIN customers AS customer ON customer.id = send.customer_id AND customer.tenant_id = send.tenant_id
    LEFT JOIN LATERAL (${REPLIED_SQL}) AS derived ON true WHERE ${where.join(' AND ')}`;
  const params = [tenantId, query.ruleId ?? null, query.customerId ?? null];
  const [rows, [{ total }]] = await Promise.all([
    sql.query<ProactiveSendRow & { external_id: string | null; name: string | null }>(
      `SELECT send.*, COALESCE(send.replied_at, derived.replied_at) AS replied_at, LEAST(send.read_at, send.replied_at, derived.replied_at) AS read_at,
         customer.external_id, customer.name ${from} ORDER BY send.created_at DESC, send.id DESC LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    ),
    sql.query<{ total: number | string }>(`SELECT count(*) AS total ${from}`, params),
  ]);
  return { items: rows.map((row) => ({ ...toSend(row), customerExternalId: row.external_id, customerName: row.name })), total: Number(total), page: query.page, pageSize: query.pageSize };
}
