import { LingxiError } from '../../engine/errors.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';
import type { Store } from './store.ts';
import type { LearningPart } from './sql-learning.ts';
import { withAudit } from './sql-audit.ts';
import { json, toApiKey, toArticle, toCustomer, toNote, toTenant, toTicket, toUser, toWebhook } from './sql-rows.ts';

type DirectoryPart = Omit<Store, keyof LearningPart | 'kind' | 'ping' | 'close' | 'createConversation' | 'getConversation' | 'listConversations' | 'commit' | 'listMessages' | 'getMessageByClientId' | 'listEvents' | 'appendEvent' | 'countByOwner' | 'appendAudit' | 'listAudit' | 'eraseCustomer' | 'purgeConversationsBefore'>;

/** Moves the tenant's content version on (inside the caller's transaction). */
export async function bumpContentVersion(tx: SqlExecutor, tenantId: string): Promise<void> {
  await tx.query('UPDATE tenants SET content_version = content_version + 1 WHERE id = $1', [tenantId]);
}

/** Tenants, users, keys, customers, notes, tickets, knowledge and webhooks on SQL. Every query is parameterised and tenant-scoped. */
export function createSqlDirectory(sql: SqlClient): DirectoryPart {
  // A customer with its identities in one round trip (a widget hello reads the customer every time).
  const withIdentities = (table: string) => `${table}.*, COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value)
    FROM customer_identities i WHERE i.customer_id = ${table}.id), '[]'::jsonb) AS identities`;
  const rowToCustomer = (row: Record<string, unknown>) => toCustomer(row, json<Array<{ kind: string; value: string }>>(row.identities));
  const customerFrom = (rows: Record<string, unknown>[]) => (rows[0] ? rowToCustomer(rows[0]) : null);

  return {
    async ensureSystemValue(key, value) {
      await sql.query('INSERT INTO system_values (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
      return (await sql.query<{ value: string }>('SELECT value FROM system_values WHERE key = $1', [key]))[0].value;
    },

    async createTenant(input) {
      const rows = await sql.query('INSERT INTO tenants (id, name, widget_key, settings) VALUES ($1, $2, $3, $4::jsonb) RETURNING *',
        [input.id, input.name, input.widgetKey, JSON.stringify(input.settings)]);
      return toTenant(rows[0]);
    },
    async getTenant(id) {
      const rows = await sql.query('SELECT * FROM tenants WHERE id = $1', [id]);
      return rows[0] ? toTenant(rows[0]) : null;
    },
    async getTenantByWidgetKey(widgetKey) {
      const rows = await sql.query('SELECT * FROM tenants WHERE widget_key = $1', [widgetKey]);
      return rows[0] ? toTenant(rows[0]) : null;
    },
    async countTenants() {
      return Number((await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants'))[0].n);
    },
    async listTenants() {
      return (await sql.query('SELECT * FROM tenants ORDER BY created_at, id')).map(toTenant);
    },
    async updateTenantSettings(id, settings, audit) {
      return withAudit(sql, audit, async (executor) => {
        const rows = await executor.query('UPDATE tenants SET settings = $2::jsonb WHERE id = $1 RETURNING *', [id, JSON.stringify(settings)]);
        return toTenant(rows[0]);
      });
    },

    async createUser(input, audit) {
      const rows = await withAudit(sql, audit, (executor) => executor.query('INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [input.id, input.tenantId, input.email.toLowerCase(), input.name, input.role, input.passwordHash]));
      return toUser(rows[0]);
    },
    async getUser(tenantId, id) {
      const rows = await sql.query('SELECT * FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async getUserByEmail(email) {
      const rows = await sql.query('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async listUsers(tenantId) {
      return (await sql.query('SELECT * FROM users WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(toUser);
    },

    async createApiKey(input, audit) {
      const rows = await withAudit(sql, audit, (executor) => executor.query('INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [input.id, input.tenantId, input.name, input.prefix, input.keyHash]));
      return toApiKey(rows[0]);
    },
    async getApiKeyByHash(keyHash) {
      const rows = await sql.query('SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
      return rows[0] ? toApiKey(rows[0]) : null;
    },

    async upsertCustomer(input) {
      // One statement: the customer, its new identities, and all its identities back. The identities it inserts are
      // not visible to the statement's own snapshot, hence the UNION with what the INSERT returned.
      const rows = await sql.query<{ customer: unknown; identities: unknown }>(
        `WITH c AS (
           INSERT INTO customers (id, tenant_id, external_id, name, email, phone, attributes)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
           ON CONFLICT (tenant_id, external_id) DO UPDATE SET
             name = COALESCE(EXCLUDED.name, customers.name), email = COALESCE(EXCLUDED.email, customers.email),
             phone = COALESCE(EXCLUDED.phone, customers.phone), attributes = customers.attributes || EXCLUDED.attributes, updated_at = now()
           RETURNING *
         ), added AS (
           INSERT INTO customer_identities (tenant_id, kind, value, customer_id)
           SELECT $2, i.kind, i.value, c.id FROM c, jsonb_to_recordset($8::jsonb) AS i(kind text, value text)
           ON CONFLICT DO NOTHING RETURNING kind, value
         ), every AS (
           SELECT kind, value FROM customer_identities WHERE customer_id = (SELECT id FROM c) UNION SELECT kind, value FROM added
         )
         SELECT to_jsonb(c) AS customer, COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', kind, 'value', value) ORDER BY kind, value) FROM every), '[]'::jsonb) AS identities FROM c`,
        [input.id, input.tenantId, input.externalId, input.name ?? null, input.email ?? null, input.phone ?? null, JSON.stringify(input.attributes ?? {}),
          JSON.stringify((input.identities ?? []).map((identity) => ({ kind: identity.kind, value: identity.value })))], { prepare: 'lingxi_upsert_customer' });
      return toCustomer(json<Record<string, unknown>>(rows[0].customer), json<Array<{ kind: string; value: string }>>(rows[0].identities));
    },
    async getCustomer(tenantId, id) {
      return customerFrom(await sql.query(`SELECT ${withIdentities('customers')} FROM customers WHERE tenant_id = $1 AND id = $2`, [tenantId, id]));
    },
    async getCustomerByExternalId(tenantId, externalId) {
      // A contact merged away (issue 21) stays recognisable by its external id: a `merged` identity of the kept contact.
      return customerFrom(await sql.query(`SELECT ${withIdentities('customers')} FROM customers WHERE tenant_id = $1 AND (external_id = $2
        OR id = (SELECT customer_id FROM customer_identities WHERE tenant_id = $1 AND kind = 'merged' AND value = $2)) ORDER BY (external_id = $2) DESC LIMIT 1`, [tenantId, externalId]));
    },
    async findCustomerByIdentity(tenantId, kind, value) {
      return customerFrom(await sql.query(
        `SELECT ${withIdentities('c')} FROM customer_identities ci JOIN customers c ON c.id = ci.customer_id WHERE ci.tenant_id = $1 AND ci.kind = $2 AND ci.value = $3`,
        [tenantId, kind, value]));
    },
    async listCustomers(tenantId, limit = 100) {
      const rows = await sql.query(`SELECT ${withIdentities('customers')} FROM customers WHERE tenant_id = $1 ORDER BY updated_at DESC, id LIMIT $2`, [tenantId, limit]);
      return rows.map(rowToCustomer);
    },

    async addNote(input) {
      const rows = await sql.query(
        `INSERT INTO notes (id, tenant_id, conversation_id, author_id, text)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM conversations WHERE id = $3 AND tenant_id = $2) RETURNING *`,
        [input.id, input.tenantId, input.conversationId, input.authorId, input.text]);
      if (!rows[0]) throw new LingxiError('not_found', `Conversation ${input.conversationId} was not found.`);
      return toNote(rows[0]);
    },
    async listNotes(tenantId, conversationId) {
      return (await sql.query('SELECT * FROM notes WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY created_at, id', [tenantId, conversationId])).map(toNote);
    },

    async createTicket(input) {
      const rows = await sql.query(
        'INSERT INTO tickets (id, tenant_id, conversation_id, customer_id, kind, status, subject, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING *',
        [input.id, input.tenantId, input.conversationId, input.customerId, input.kind, input.status, input.subject, JSON.stringify(input.details)]);
      return toTicket(rows[0]);
    },
    async listTickets(tenantId, filter = {}) {
      const rows = await sql.query(
        `SELECT * FROM tickets WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR conversation_id = $3)
         ORDER BY updated_at DESC, id LIMIT 200`,
        [tenantId, filter.status ?? null, filter.conversationId ?? null]);
      return rows.map(toTicket);
    },
    async updateTicket(tenantId, id, patch) {
      const rows = await sql.query(
        `UPDATE tickets SET status = COALESCE($3, status), details = details || COALESCE($4::jsonb, '{}'::jsonb), updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, id, patch.status ?? null, patch.details ? JSON.stringify(patch.details) : null]);
      return rows[0] ? toTicket(rows[0]) : null;
    },

    // Article changes move the tenant's content version on in the same transaction: every node's engine registry sees
    // the new version on its next request and rebuilds that tenant's engine in the background (issue 10).
    async createArticle(input) {
      return sql.transaction(async (tx) => {
        const rows = await tx.query('INSERT INTO knowledge_articles (id, tenant_id, title, body, locale, tags, questions, status) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) RETURNING *',
          [input.id, input.tenantId, input.title, input.body, input.locale, JSON.stringify(input.tags), JSON.stringify(input.questions ?? []), input.status ?? 'published']);
        await bumpContentVersion(tx, input.tenantId);
        return toArticle(rows[0]);
      });
    },
    async getArticle(tenantId, id) {
      const rows = await sql.query('SELECT * FROM knowledge_articles WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return rows[0] ? toArticle(rows[0]) : null;
    },
    async listArticles(tenantId) {
      return (await sql.query('SELECT * FROM knowledge_articles WHERE tenant_id = $1 ORDER BY updated_at DESC, id LIMIT 500', [tenantId])).map(toArticle);
    },
    async updateArticle(tenantId, id, patch) {
      return sql.transaction(async (tx) => {
        const rows = await tx.query(
          `UPDATE knowledge_articles SET title = COALESCE($3, title), body = COALESCE($4, body), locale = COALESCE($5, locale),
           tags = COALESCE($6::jsonb, tags), questions = COALESCE($7::jsonb, questions), status = COALESCE($8, status), updated_at = now()
           WHERE tenant_id = $1 AND id = $2 RETURNING *`,
          [tenantId, id, patch.title ?? null, patch.body ?? null, patch.locale ?? null, patch.tags ? JSON.stringify(patch.tags) : null,
            patch.questions ? JSON.stringify(patch.questions) : null, patch.status ?? null]);
        if (rows[0]) await bumpContentVersion(tx, tenantId);
        return rows[0] ? toArticle(rows[0]) : null;
      });
    },
    async deleteArticle(tenantId, id) {
      return sql.transaction(async (tx) => {
        const deleted = (await tx.query('DELETE FROM knowledge_articles WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id])).length > 0;
        if (deleted) await bumpContentVersion(tx, tenantId);
        return deleted;
      });
    },

    async createWebhook(input) {
      const rows = await sql.query('INSERT INTO webhooks (id, tenant_id, url, secret, events, active) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING *',
        [input.id, input.tenantId, input.url, input.secret, JSON.stringify(input.events), input.active]);
      return toWebhook(rows[0]);
    },
    async listWebhooks(tenantId) {
      return (await sql.query('SELECT * FROM webhooks WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(toWebhook);
    },
    async deleteWebhook(tenantId, id) {
      return (await sql.query('DELETE FROM webhooks WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id])).length > 0;
    },
  };
}
