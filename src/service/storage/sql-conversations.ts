import { LingxiError } from '../../engine/errors.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';
import type { CommitResult, Conversation, NewEvent, NewMessage, Owner, Store, StoredEvent, Message } from './store.ts';
import { toConversation, toEvent, toMessage } from './sql-rows.ts';

type ConversationPart = Pick<Store, 'createConversation' | 'getConversation' | 'listConversations' | 'commit' | 'listMessages' | 'getMessageByClientId' | 'listEvents' | 'appendEvent' | 'countByOwner'>;

/** `($1, $2, …), ($k, …)` for a multi-row VALUES list, with optional casts per column. */
function valuesList(rows: number, columns: number, casts: Record<number, string> = {}): string {
  return Array.from({ length: rows }, (_, row) =>
    `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}${casts[column] ?? ''}`).join(', ')})`).join(', ');
}

/** One multi-row INSERT: a turn writes its messages in a single round trip. */
async function insertMessages(tx: SqlExecutor, tenantId: string, conversationId: string, firstSeq: number, messages: NewMessage[]): Promise<Message[]> {
  if (messages.length === 0) return [];
  const params = messages.flatMap((message, index) => [
    message.id, tenantId, conversationId, firstSeq + index, message.clientId ?? null, message.author, message.authorId ?? null, message.text, JSON.stringify(message.payload ?? {}),
  ]);
  const rows = await tx.query(
    `INSERT INTO messages (id, tenant_id, conversation_id, seq, client_id, author, author_id, text, payload) VALUES ${valuesList(messages.length, 9, { 8: '::jsonb' })} RETURNING *`, params);
  return rows.map(toMessage).sort((a, b) => a.seq - b.seq);
}

async function insertEvents(tx: SqlExecutor, tenantId: string, conversationId: string | null, events: NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const params = events.flatMap((event) => [tenantId, conversationId, event.customerId ?? null, event.type, JSON.stringify(event.data ?? {})]);
  const rows = await tx.query(`INSERT INTO events (tenant_id, conversation_id, customer_id, type, data) VALUES ${valuesList(events.length, 5, { 4: '::jsonb' })} RETURNING *`, params);
  return rows.map(toEvent).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Conversations, messages and the event log on SQL; `commit` is the one write path for turns. */
export function createSqlConversations(sql: SqlClient): ConversationPart {
  return {
    async createConversation(input) {
      return sql.transaction(async (tx) => {
        const rows = await tx.query(
          `INSERT INTO conversations (id, tenant_id, customer_id, owner, pack, locale, last_seq, engine_state, channel)
           SELECT $1, $2, $3, 'bot', $4, $5, $6, $7::jsonb, $8 WHERE EXISTS (SELECT 1 FROM customers WHERE id = $3 AND tenant_id = $2) RETURNING *`,
          [input.id, input.tenantId, input.customerId, input.pack, input.locale, input.messages.length, JSON.stringify(input.engineState), input.channel ?? 'widget']);
        if (!rows[0]) throw new LingxiError('not_found', `Customer ${input.customerId} was not found.`);
        const messages = await insertMessages(tx, input.tenantId, input.id, 1, input.messages);
        await insertEvents(tx, input.tenantId, input.id, input.events ?? []);
        return { conversation: toConversation(rows[0]), messages };
      });
    },
    async getConversation(tenantId, id) {
      const rows = await sql.query('SELECT * FROM conversations WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return rows[0] ? toConversation(rows[0]) : null;
    },
    async listConversations(tenantId, filter = {}) {
      const rows = await sql.query(
        `SELECT * FROM conversations WHERE tenant_id = $1
           AND ($2::text IS NULL OR owner = $2) AND ($3::text IS NULL OR assignee_id = $3) AND (NOT $4::boolean OR assignee_id IS NULL)
           AND ($5::text IS NULL OR pack = $5) AND ($6::text IS NULL OR sentiment = $6) AND ($7::text IS NULL OR customer_id = $7)
           AND ($9::text IS NULL OR channel = $9)
         ORDER BY priority DESC,
           CASE WHEN $2::text = 'queued' OR $4::boolean THEN updated_at END ASC,
           updated_at DESC, id LIMIT $8`,
        [tenantId, filter.owner ?? null, filter.assigneeId ?? null, filter.unassigned ?? false, filter.pack ?? null, filter.sentiment ?? null, filter.customerId ?? null, filter.limit ?? 100, filter.channel ?? null]);
      return rows.map(toConversation);
    },
    async commit(input): Promise<CommitResult> {
      return sql.transaction(async (tx) => {
        const locked = await tx.query('SELECT * FROM conversations WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [input.tenantId, input.conversationId]);
        if (!locked[0]) throw new LingxiError('not_found', `Conversation ${input.conversationId} was not found.`);
        const current: Conversation = toConversation(locked[0]);
        if (input.clientId) {
          const existing = await tx.query('SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2', [input.conversationId, input.clientId]);
          if (existing[0]) return { status: 'duplicate', conversation: current, message: toMessage(existing[0]) };
        }
        if (input.expectedLastSeq !== undefined && current.lastSeq !== input.expectedLastSeq) {
          throw new LingxiError('conflict', 'The conversation changed while this turn was processed; retry.', { details: { expected: input.expectedLastSeq, actual: current.lastSeq } });
        }
        if (input.requireOwner && !input.requireOwner.includes(current.owner)) {
          throw new LingxiError('conflict', `The conversation is ${current.owner}; this action needs it to be ${input.requireOwner.join(' or ')}.`, { details: { owner: current.owner } });
        }
        const messages = await insertMessages(tx, input.tenantId, input.conversationId, current.lastSeq + 1, input.messages);
        const patch = input.patch ?? {};
        const has = (key: keyof typeof patch) => Object.prototype.hasOwnProperty.call(patch, key);
        const owner: Owner = patch.owner ?? current.owner;
        const rows = await tx.query(
          `UPDATE conversations SET owner = $3, assignee_id = $4, sentiment = $5, priority = $6, locale = $7, resolution = $8,
             engine_state = $9::jsonb, last_seq = $10, updated_at = now(),
             closed_at = CASE WHEN $3 = 'closed' THEN COALESCE(closed_at, now()) ELSE NULL END
           WHERE tenant_id = $1 AND id = $2 RETURNING *`,
          [input.tenantId, input.conversationId, owner, has('assigneeId') ? patch.assigneeId : current.assigneeId,
            has('sentiment') ? patch.sentiment : current.sentiment, patch.priority ?? current.priority, patch.locale ?? current.locale,
            has('resolution') ? patch.resolution : current.resolution, JSON.stringify(patch.engineState ?? current.engineState),
            current.lastSeq + messages.length]);
        const events = await insertEvents(tx, input.tenantId, input.conversationId, input.events ?? []);
        return { status: 'committed', conversation: toConversation(rows[0]), messages, events };
      });
    },
    async listMessages(tenantId, conversationId, options = {}) {
      const rows = await sql.query('SELECT * FROM messages WHERE tenant_id = $1 AND conversation_id = $2 AND seq > $3 ORDER BY seq LIMIT $4',
        [tenantId, conversationId, options.afterSeq ?? 0, options.limit ?? 500]);
      return rows.map(toMessage);
    },
    async getMessageByClientId(tenantId, conversationId, clientId) {
      const rows = await sql.query('SELECT * FROM messages WHERE tenant_id = $1 AND conversation_id = $2 AND client_id = $3', [tenantId, conversationId, clientId]);
      return rows[0] ? toMessage(rows[0]) : null;
    },
    async listEvents(tenantId, conversationId, limit = 500) {
      const rows = conversationId === null
        ? await sql.query('SELECT * FROM events WHERE tenant_id = $1 AND conversation_id IS NULL ORDER BY id DESC LIMIT $2', [tenantId, limit])
        : await sql.query('SELECT * FROM events WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY id LIMIT $3', [tenantId, conversationId, limit]);
      return rows.map(toEvent);
    },
    async appendEvent(tenantId, event) {
      return sql.transaction(async (tx) => (await insertEvents(tx, tenantId, event.conversationId ?? null, [event]))[0]);
    },
    async countByOwner() {
      const counts: Record<Owner, number> = { bot: 0, queued: 0, human: 0, closed: 0 };
      for (const row of await sql.query<{ owner: Owner; n: number }>('SELECT owner, count(*)::int AS n FROM conversations GROUP BY owner')) counts[row.owner] = Number(row.n);
      return counts;
    },
  };
}
