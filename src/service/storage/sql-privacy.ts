import type { SqlClient, SqlExecutor } from './sql-client.ts';
import { insertAudit, toAudit } from './sql-audit.ts';
import { eraseDerivedArtefacts } from './sql-derived-erasure.ts';
import type { PurgeResult, Store } from './store.ts';

type PrivacyPart = Pick<Store, 'appendAudit' | 'listAudit' | 'eraseCustomer' | 'purgeConversationsBefore'>;

/**
 * Events of the given conversations lose everything personal: the conversation and customer ids become `erased`
 * (conversation id NULL, so the rows survive the conversations' deletion) and the data is emptied. Type and time
 * stay, so counts per type and day (the aggregates analytics need) do not change.
 */
async function anonymiseEvents(tx: SqlExecutor, tenantId: string, conversationIds: string[], customerId: string | null): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE events SET conversation_id = NULL, customer_id = 'erased', data = jsonb_build_object('anonymised', true)
     WHERE tenant_id = $1 AND (conversation_id = ANY($2::text[]) OR ($3::text IS NOT NULL AND customer_id = $3)) RETURNING id`,
    [tenantId, conversationIds, customerId]);
  return rows.length;
}

async function deleteConversations(tx: SqlExecutor, tenantId: string, conversationIds: string[]): Promise<number> {
  if (!conversationIds.length) return 0;
  const [{ count }] = await tx.query<{ count: string }>('SELECT count(*) AS count FROM messages WHERE tenant_id = $1 AND conversation_id = ANY($2::text[])', [tenantId, conversationIds]);
  // Files that came with the customer's channel messages (email attachments) go with them.
  await tx.query(
    `DELETE FROM channel_attachments WHERE tenant_id = $1 AND id IN (
       SELECT file->>'id' FROM messages, jsonb_array_elements(CASE WHEN jsonb_typeof(payload->'channel'->'attachments') = 'array' THEN payload->'channel'->'attachments' ELSE '[]'::jsonb END) AS file
       WHERE tenant_id = $1 AND conversation_id = ANY($2::text[]))`,
    [tenantId, conversationIds]);
  // Messages and notes go with their conversation (ON DELETE CASCADE); tickets keep their row without the link.
  await tx.query('DELETE FROM conversations WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, conversationIds]);
  return Number(count);
}

/** Audit log, erasure and retention purge on SQL (one dialect for PGlite and PostgreSQL). */
export function createSqlPrivacy(sql: SqlClient): PrivacyPart {
  return {
    async appendAudit(entry) {
      return insertAudit(sql, entry);
    },
    async listAudit(tenantId, options = {}) {
      const rows = await sql.query(
        `SELECT * FROM audit_log WHERE tenant_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::bigint IS NULL OR id < $3::bigint) ORDER BY id DESC LIMIT $4`,
        [tenantId, options.action ?? null, options.beforeId ?? null, options.limit ?? 100]);
      return rows.map(toAudit);
    },
    async eraseCustomer(tenantId, customerId, audit) {
      return sql.transaction(async (tx): Promise<PurgeResult | null> => {
        const found = await tx.query('SELECT id FROM customers WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, customerId]);
        if (!found.length) return null;
        const conversationIds = (await tx.query<{ id: string }>('SELECT id FROM conversations WHERE tenant_id = $1 AND customer_id = $2', [tenantId, customerId])).map((row) => row.id);
        const anonymisedEvents = await anonymiseEvents(tx, tenantId, conversationIds, customerId);
        // Tickets describe the customer's problem in their own words: they go too.
        await tx.query('DELETE FROM tickets WHERE tenant_id = $1 AND (customer_id = $2 OR conversation_id = ANY($3::text[]))', [tenantId, customerId, conversationIds]);
        // The customer's words copied into training phrases, articles and regression tests go too (issue 23, D1).
        const derived = await eraseDerivedArtefacts(tx, tenantId, conversationIds);
        const messages = await deleteConversations(tx, tenantId, conversationIds);
        // Identities (and scheduled proactive sends) cascade with the customer.
        await tx.query('DELETE FROM customers WHERE tenant_id = $1 AND id = $2', [tenantId, customerId]);
        const result = { customers: 1, conversations: conversationIds.length, messages, anonymisedEvents };
        // The erasure and its audit row commit together: no erasure without a record of it (issue 12).
        const derivedCounts = Object.values(derived).some((count) => count > 0) ? { derived } : {};
        if (audit) await insertAudit(tx, { ...audit, data: { ...audit.data, ...result, ...derivedCounts } });
        return result;
      });
    },
    async purgeConversationsBefore(tenantId, cutoff) {
      return sql.transaction(async (tx): Promise<PurgeResult> => {
        const conversationIds = (await tx.query<{ id: string }>(
          'SELECT id FROM conversations WHERE tenant_id = $1 AND updated_at < $2::timestamptz FOR UPDATE', [tenantId, cutoff])).map((row) => row.id);
        if (!conversationIds.length) return { customers: 0, conversations: 0, messages: 0, anonymisedEvents: 0 };
        const anonymisedEvents = await anonymiseEvents(tx, tenantId, conversationIds, null);
        const messages = await deleteConversations(tx, tenantId, conversationIds);
        return { customers: 0, conversations: conversationIds.length, messages, anonymisedEvents };
      });
    },
  };
}
