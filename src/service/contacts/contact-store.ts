import { LingxiError } from '../../engine/errors.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { json, toCustomer } from '../storage/sql-rows.ts';
import type { Customer } from '../storage/store.ts';

/** A customer as the contact list shows them: the record plus what an agent looks at first. */
export interface ContactSummary extends Customer {
  /** Vouched for by the shop: an HMAC-verified widget session (`customer.verified`) or `attributes.verified === true`. */
  verified: boolean;
  /** Made up by the widget for a visitor who never said who they are. */
  anonymous: boolean;
  /** `attributes.tags`, when it is a list of strings. */
  tags: string[];
  /** The name to show: the name, else e-mail or phone, else null (never the internal id). */
  displayName: string | null;
  conversationCount: number;
  ticketCount: number;
  lastSeenAt: string | null;
}

type Row = Record<string, unknown>;
const iso = (value: unknown): string | null => (value == null ? null : new Date(value as string).toISOString());

/** The columns of a contact row: the customer, identities, counts and the verified flag. */
const CONTACT_COLUMNS = `c.*,
  COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value) FROM customer_identities i WHERE i.customer_id = c.id), '[]'::jsonb) AS identity_list,
  (SELECT count(*)::int FROM conversations v WHERE v.tenant_id = c.tenant_id AND v.customer_id = c.id) AS conversation_count,
  (SELECT count(*)::int FROM tickets t WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id) AS ticket_count,
  (SELECT max(v.updated_at) FROM conversations v WHERE v.tenant_id = c.tenant_id AND v.customer_id = c.id) AS last_seen_at,
  (COALESCE(c.attributes->>'verified', '') = 'true' OR EXISTS (SELECT 1 FROM conversations v JOIN events e ON e.conversation_id = v.id
     WHERE v.tenant_id = c.tenant_id AND v.customer_id = c.id AND e.type = 'customer.verified')) AS verified`;

function toContact(row: Row): ContactSummary {
  const customer = toCustomer(row, json<Array<{ kind: string; value: string }>>(row.identity_list));
  const tags = Array.isArray(customer.attributes.tags) ? customer.attributes.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  return {
    ...customer, verified: Boolean(row.verified), anonymous: customer.externalId.startsWith('anon_'), tags,
    displayName: customer.name ?? customer.email ?? customer.phone ?? null,
    conversationCount: Number(row.conversation_count ?? 0), ticketCount: Number(row.ticket_count ?? 0), lastSeenAt: iso(row.last_seen_at),
  };
}

/**
 * Contacts (issue 21) over the customer tables: search by name, phone, e-mail, external id or any identity, one
 * contact's record, and merging a duplicate into the record that stays. Tenant-scoped, parameterised.
 */
export function createContactStore(sql: SqlClient) {
  return {
    /** Most recently active first; `search` matches part of the name, e-mail, phone, external id or an identity value. */
    async list(tenantId: string, options: { search?: string; limit?: number; offset?: number } = {}): Promise<{ contacts: ContactSummary[]; total: number }> {
      const search = options.search?.trim().toLowerCase() || null;
      const where = `c.tenant_id = $1 AND ($2::text IS NULL OR strpos(lower(COALESCE(c.name, '')), $2) > 0 OR strpos(lower(COALESCE(c.email, '')), $2) > 0
        OR strpos(COALESCE(c.phone, ''), $2) > 0 OR strpos(lower(c.external_id), $2) > 0
        OR EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND strpos(lower(i.value), $2) > 0))`;
      const [{ total }] = await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM customers c WHERE ${where}`, [tenantId, search]);
      const rows = await sql.query(`SELECT ${CONTACT_COLUMNS} FROM customers c WHERE ${where}
        ORDER BY last_seen_at DESC NULLS LAST, c.created_at DESC, c.id LIMIT ${Math.min(options.limit ?? 50, 200)} OFFSET ${Math.max(0, options.offset ?? 0)}`, [tenantId, search]);
      return { contacts: rows.map(toContact), total: Number(total) };
    },

    async get(tenantId: string, id: string): Promise<ContactSummary | null> {
      const [row] = await sql.query(`SELECT ${CONTACT_COLUMNS} FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]);
      return row ? toContact(row) : null;
    },

    /** Display names of several customers at once (for lists that carry customer ids). */
    async names(tenantId: string, ids: string[]): Promise<Record<string, string | null>> {
      if (ids.length === 0) return {};
      const rows = await sql.query<{ id: string; name: string | null }>('SELECT id, COALESCE(name, email, phone) AS name FROM customers WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, ids]);
      return Object.fromEntries(rows.map((row) => [row.id, row.name]));
    },

    /** Internal notes written on the contact's conversations, newest first. */
    async notes(tenantId: string, id: string): Promise<Array<{ id: string; conversationId: string; authorId: string; text: string; createdAt: string }>> {
      const rows = await sql.query(`SELECT n.* FROM notes n JOIN conversations v ON v.id = n.conversation_id
        WHERE n.tenant_id = $1 AND v.customer_id = $2 ORDER BY n.created_at DESC LIMIT 200`, [tenantId, id]);
      return rows.map((row) => ({ id: row.id as string, conversationId: row.conversation_id as string, authorId: row.author_id as string, text: row.text as string, createdAt: iso(row.created_at)! }));
    },

    /**
     * Merges `duplicateId` into `keepId` in one transaction: conversations, tickets, events, identities and proactive
     * sends move over; empty name / e-mail / phone and missing attributes are filled from the duplicate; the
     * duplicate's external id stays recognisable as a `merged` identity (a widget that still sends it lands on the kept
     * contact); then the duplicate is deleted.
     */
    async merge(tenantId: string, keepId: string, duplicateId: string): Promise<{ moved: { conversations: number; tickets: number } }> {
      if (keepId === duplicateId) throw new LingxiError('validation_failed', 'Pick two different contacts to merge.');
      return sql.transaction(async (tx) => {
        const found = await tx.query<{ id: string; external_id: string }>('SELECT id, external_id FROM customers WHERE tenant_id = $1 AND id = ANY($2::text[]) FOR UPDATE', [tenantId, [keepId, duplicateId]]);
        const duplicate = found.find((row) => row.id === duplicateId);
        if (!found.some((row) => row.id === keepId)) throw new LingxiError('not_found', `Customer ${keepId} was not found.`);
        if (!duplicate) throw new LingxiError('not_found', `Customer ${duplicateId} was not found.`);
        const conversations = await tx.query('UPDATE conversations SET customer_id = $2 WHERE tenant_id = $1 AND customer_id = $3 RETURNING id', [tenantId, keepId, duplicateId]);
        const tickets = await tx.query('UPDATE tickets SET customer_id = $2 WHERE tenant_id = $1 AND customer_id = $3 RETURNING id', [tenantId, keepId, duplicateId]);
        await tx.query('UPDATE events SET customer_id = $2 WHERE tenant_id = $1 AND customer_id = $3', [tenantId, keepId, duplicateId]);
        await tx.query('UPDATE customer_identities SET customer_id = $2 WHERE tenant_id = $1 AND customer_id = $3', [tenantId, keepId, duplicateId]);
        await tx.query(`INSERT INTO customer_identities (tenant_id, kind, value, customer_id) VALUES ($1, 'merged', $3, $2)
          ON CONFLICT (tenant_id, kind, value) DO UPDATE SET customer_id = EXCLUDED.customer_id`, [tenantId, keepId, duplicate.external_id]);
        // A proactive send already made to the kept contact for the same rule and event wins; the duplicate's goes with it.
        await tx.query(`UPDATE proactive_sends p SET customer_id = $2 WHERE p.tenant_id = $1 AND p.customer_id = $3 AND NOT EXISTS (
          SELECT 1 FROM proactive_sends k WHERE k.tenant_id = $1 AND k.customer_id = $2 AND k.rule_id = p.rule_id AND k.event_key = p.event_key)`, [tenantId, keepId, duplicateId]);
        await tx.query(`UPDATE customers k SET name = COALESCE(k.name, d.name), email = COALESCE(k.email, d.email), phone = COALESCE(k.phone, d.phone),
          attributes = d.attributes || k.attributes, updated_at = now() FROM customers d WHERE k.tenant_id = $1 AND k.id = $2 AND d.id = $3`, [tenantId, keepId, duplicateId]);
        await tx.query('DELETE FROM customers WHERE tenant_id = $1 AND id = $2', [tenantId, duplicateId]);
        return { moved: { conversations: conversations.length, tickets: tickets.length } };
      });
    },
  };
}

export type ContactStore = ReturnType<typeof createContactStore>;
