import { LingxiError } from '../../engine/errors.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';
import type { CommitInput, CommitResult, NewEvent, NewMessage, Owner, Store, StoredEvent } from './store.ts';
import { json, toConversation, toEvent, toMessage } from './sql-rows.ts';

type ConversationPart = Pick<Store, 'createConversation' | 'getConversation' | 'listConversations' | 'commit' | 'listMessages' | 'getMessageByClientId' | 'listEvents' | 'appendEvent' | 'countByOwner'>;

/** `($1, $2, …), ($k, …)` for a multi-row VALUES list, with optional casts per column. */
function valuesList(rows: number, columns: number, casts: Record<number, string> = {}): string {
  return Array.from({ length: rows }, (_, row) =>
    `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}${casts[column] ?? ''}`).join(', ')})`).join(', ');
}

async function insertEvents(tx: SqlExecutor, tenantId: string, conversationId: string | null, events: NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const params = events.flatMap((event) => [tenantId, conversationId, event.customerId ?? null, event.type, JSON.stringify(event.data ?? {})]);
  const rows = await tx.query(`INSERT INTO events (tenant_id, conversation_id, customer_id, type, data) VALUES ${valuesList(events.length, 5, { 4: '::jsonb' })} RETURNING *`, params);
  return rows.map(toEvent).sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * The turn commit as ONE statement (one round trip instead of seven: BEGIN, lock, duplicate check, insert messages,
 * update, insert events, COMMIT — the round trips were the largest service cost per message after the engine, issue 11).
 * A single statement is atomic on its own. `cur` locks the conversation row (FOR UPDATE re-reads the newest version
 * after waiting), `ok` is that row only when there is no duplicate and the optimistic and owner checks pass, and every
 * write hangs off `ok`, so a failed check writes nothing. The result comes back as JSON columns.
 */
const COMMIT_SQL = `
WITH cur AS (
  SELECT * FROM conversations WHERE tenant_id = $1 AND id = $2 FOR UPDATE
), dup AS (
  SELECT * FROM messages WHERE $3::text IS NOT NULL AND conversation_id = $2 AND client_id = $3 LIMIT 1
), ok AS (
  SELECT cur.* FROM cur WHERE NOT EXISTS (SELECT 1 FROM dup)
    AND ($4::integer IS NULL OR cur.last_seq = $4) AND ($5::text[] IS NULL OR cur.owner = ANY($5::text[]))
), msg AS (
  INSERT INTO messages (id, tenant_id, conversation_id, seq, client_id, author, author_id, text, payload)
  SELECT m.id, $1, $2, ok.last_seq + m.i, m.client_id, m.author, m.author_id, m.text, COALESCE(m.payload, '{}'::jsonb)
  FROM ok, jsonb_to_recordset($6::jsonb) AS m(i integer, id text, client_id text, author text, author_id text, text text, payload jsonb)
  RETURNING *
), upd AS (
  UPDATE conversations c SET
    owner = COALESCE($7::text, c.owner),
    assignee_id = CASE WHEN $8::boolean THEN $9::text ELSE c.assignee_id END,
    sentiment = CASE WHEN $10::boolean THEN $11::text ELSE c.sentiment END,
    priority = COALESCE($12::integer, c.priority),
    locale = COALESCE($13::text, c.locale),
    resolution = CASE WHEN $14::boolean THEN $15::text ELSE c.resolution END,
    engine_state = COALESCE($16::jsonb, c.engine_state),
    last_seq = ok.last_seq + $17::integer, updated_at = now(),
    closed_at = CASE WHEN COALESCE($7::text, c.owner) = 'closed' THEN COALESCE(c.closed_at, now()) ELSE NULL END
  FROM ok WHERE c.tenant_id = $1 AND c.id = $2
  RETURNING c.*
), evs AS (
  INSERT INTO events (tenant_id, conversation_id, customer_id, type, data)
  SELECT $1, $2, e.customer_id, e.type, COALESCE(e.data, '{}'::jsonb)
  FROM ok, jsonb_to_recordset($18::jsonb) AS e(i integer, customer_id text, type text, data jsonb) ORDER BY e.i
  RETURNING *
)
SELECT (SELECT to_jsonb(cur) FROM cur) AS cur, (SELECT to_jsonb(dup) FROM dup) AS dup, (SELECT to_jsonb(upd) FROM upd) AS upd,
  (SELECT jsonb_agg(to_jsonb(msg) ORDER BY msg.seq) FROM msg) AS msgs, (SELECT jsonb_agg(to_jsonb(evs) ORDER BY evs.id) FROM evs) AS evs`;

/** Messages and events as the JSON records the statements read with jsonb_to_recordset (`i` keeps their order). */
const messageRecords = (messages: NewMessage[]) => messages.map((message, index) => ({
  i: index + 1, id: message.id, client_id: message.clientId ?? null, author: message.author, author_id: message.authorId ?? null, text: message.text, payload: message.payload ?? {},
}));
const eventRecords = (events: NewEvent[]) => events.map((event, index) => ({ i: index + 1, customer_id: event.customerId ?? null, type: event.type, data: event.data ?? {} }));

type CommitRow = { cur: unknown; dup: unknown; upd: unknown; msgs: unknown; evs: unknown };

async function commitOnce(sql: SqlExecutor, input: CommitInput): Promise<CommitResult> {
  const patch = input.patch ?? {};
  const has = (key: keyof typeof patch) => Object.prototype.hasOwnProperty.call(patch, key);
  const messages = messageRecords(input.messages);
  const events = eventRecords(input.events ?? []);
  const [row] = await sql.query<CommitRow>(COMMIT_SQL, [
    input.tenantId, input.conversationId, input.clientId ?? null, input.expectedLastSeq ?? null, input.requireOwner ?? null,
    JSON.stringify(messages), patch.owner ?? null, has('assigneeId'), has('assigneeId') ? patch.assigneeId : null,
    has('sentiment'), has('sentiment') ? patch.sentiment : null, patch.priority ?? null, patch.locale ?? null,
    has('resolution'), has('resolution') ? patch.resolution : null, patch.engineState === undefined ? null : JSON.stringify(patch.engineState),
    messages.length, JSON.stringify(events),
  ], { prepare: 'lingxi_commit_turn' });
  const record = (value: unknown) => json<Record<string, unknown> | null>(value);
  const current = record(row?.cur);
  if (!current) throw new LingxiError('not_found', `Conversation ${input.conversationId} was not found.`);
  const conversation = toConversation(current);
  const duplicate = record(row.dup);
  if (duplicate) return { status: 'duplicate', conversation, message: toMessage(duplicate) };
  const updated = record(row.upd);
  if (!updated) {
    if (input.expectedLastSeq !== undefined && conversation.lastSeq !== input.expectedLastSeq) {
      throw new LingxiError('conflict', 'The conversation changed while this turn was processed; retry.', { details: { expected: input.expectedLastSeq, actual: conversation.lastSeq } });
    }
    throw new LingxiError('conflict', `The conversation is ${conversation.owner}; this action needs it to be ${(input.requireOwner ?? []).join(' or ')}.`, { details: { owner: conversation.owner } });
  }
  return {
    status: 'committed', conversation: toConversation(updated),
    messages: (json<Array<Record<string, unknown>> | null>(row.msgs) ?? []).map(toMessage),
    events: (json<Array<Record<string, unknown>> | null>(row.evs) ?? []).map(toEvent),
  };
}

/** Conversations, messages and the event log on SQL; `commit` is the one write path for turns. */
export function createSqlConversations(sql: SqlClient): ConversationPart {
  return {
    async createConversation(input) {
      // One statement (a widget hello that starts a conversation paid five round trips for this): the conversation only
      // when the customer is the tenant's, then its greeting and events hanging off it.
      const rows = await sql.query<{ conv: unknown; msgs: unknown }>(
        `WITH conv AS (
           INSERT INTO conversations (id, tenant_id, customer_id, owner, pack, locale, last_seq, engine_state, channel)
           SELECT $1, $2, $3, 'bot', $4, $5, $6, $7::jsonb, $8 WHERE EXISTS (SELECT 1 FROM customers WHERE id = $3 AND tenant_id = $2) RETURNING *
         ), msg AS (
           INSERT INTO messages (id, tenant_id, conversation_id, seq, client_id, author, author_id, text, payload)
           SELECT m.id, $2, conv.id, m.i, m.client_id, m.author, m.author_id, m.text, COALESCE(m.payload, '{}'::jsonb)
           FROM conv, jsonb_to_recordset($9::jsonb) AS m(i integer, id text, client_id text, author text, author_id text, text text, payload jsonb)
           RETURNING *
         ), evs AS (
           INSERT INTO events (tenant_id, conversation_id, customer_id, type, data)
           SELECT $2, conv.id, e.customer_id, e.type, COALESCE(e.data, '{}'::jsonb)
           FROM conv, jsonb_to_recordset($10::jsonb) AS e(i integer, customer_id text, type text, data jsonb) ORDER BY e.i
           RETURNING id
         )
         SELECT (SELECT to_jsonb(conv) FROM conv) AS conv, (SELECT jsonb_agg(to_jsonb(msg) ORDER BY msg.seq) FROM msg) AS msgs, (SELECT count(*) FROM evs) AS events`,
        [input.id, input.tenantId, input.customerId, input.pack, input.locale, input.messages.length, JSON.stringify(input.engineState), input.channel ?? 'widget',
          JSON.stringify(messageRecords(input.messages)), JSON.stringify(eventRecords(input.events ?? []))], { prepare: 'lingxi_create_conversation' });
      const conversation = json<Record<string, unknown> | null>(rows[0]?.conv);
      if (!conversation) throw new LingxiError('not_found', `Customer ${input.customerId} was not found.`);
      return { conversation: toConversation(conversation), messages: (json<Array<Record<string, unknown>> | null>(rows[0].msgs) ?? []).map(toMessage) };
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
      // A unique violation on (conversation_id, client_id) means a concurrent commit stored the same clientId after this
      // statement's snapshot; run again, and the fresh snapshot returns it as the duplicate.
      for (let attempt = 1; ; attempt++) {
        try {
          const { alsoOnCommit } = input;
          if (!alsoOnCommit) return await commitOnce(sql, input);
          // Writes of other modules that must commit with the turn or not at all (the pack backends, issue 20).
          return await sql.transaction(async (tx) => {
            const result = await commitOnce(tx, input);
            if (result.status === 'committed') await alsoOnCommit(tx);
            return result;
          });
        } catch (error) {
          if (attempt < 3 && (error as { code?: string }).code === '23505' && /client_id/.test(String((error as { constraint?: string; message?: string }).constraint ?? (error as Error).message))) continue;
          throw error;
        }
      }
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
      return (await insertEvents(sql, tenantId, event.conversationId ?? null, [event]))[0];
    },
    async countByOwner() {
      const counts: Record<Owner, number> = { bot: 0, queued: 0, human: 0, closed: 0 };
      for (const row of await sql.query<{ owner: Owner; n: number }>('SELECT owner, count(*)::int AS n FROM conversations GROUP BY owner')) counts[row.owner] = Number(row.n);
      return counts;
    },
  };
}
