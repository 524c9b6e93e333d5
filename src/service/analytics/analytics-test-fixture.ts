import type { SqlExecutor } from '../storage/sql-client.ts';

/** Builds hand-made conversations and event sequences with chosen times, for the analytics tests. */
export function createAnalyticsFixture(sql: SqlExecutor) {
  let counter = 0;
  return {
    async tenant(id: string, timeZone?: string) {
      const settings = timeZone ? { businessHours: { timeZone, days: [null, null, null, null, null, null, null] } } : {};
      await sql.query('INSERT INTO tenants (id, name, widget_key, settings) VALUES ($1, $1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING', [id, `wk-${id}`, JSON.stringify(settings)]);
      await sql.query('INSERT INTO customers (id, tenant_id, external_id) VALUES ($1, $2, $1) ON CONFLICT (id) DO NOTHING', [`cus-${id}`, id]);
    },
    /** A conversation started at `startedAt` with the bot greeting; returns its id and an event writer. */
    async conversation(tenantId: string, startedAt: string, options: { pack?: string; channel?: string; locale?: string } = {}) {
      counter += 1;
      const id = `conv-${tenantId}-${counter}`;
      await sql.query(
        `INSERT INTO conversations (id, tenant_id, customer_id, owner, pack, channel, locale, engine_state, created_at) VALUES ($1, $2, $3, 'bot', $4, $5, $6, '{}', $7)`,
        [id, tenantId, `cus-${tenantId}`, options.pack ?? 'ecommerce', options.channel ?? 'widget', options.locale ?? 'zh', startedAt],
      );
      const event = async (type: string, data: Record<string, unknown>, at: string) => {
        await sql.query('INSERT INTO events (tenant_id, conversation_id, type, data, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)', [tenantId, id, type, JSON.stringify(data), at]);
      };
      await event('conversation.started', {}, startedAt);
      await event('message.created', { author: 'bot' }, startedAt);
      return {
        id,
        event,
        /** A customer turn as the service writes it: engine events, then the customer's and the bot's messages. */
        async turn(at: string, understanding: { intent: string; polarity?: number; label?: string }, extra: Array<[string, Record<string, unknown>]> = [], botReplies = 1) {
          await event('message.received', { chars: 10 }, at);
          await event('intent.detected', { intent: understanding.intent, confidence: 0.9 }, at);
          await event('sentiment.detected', { polarity: understanding.polarity ?? 0, label: understanding.label ?? 'neutral' }, at);
          for (const [type, data] of extra) await event(type, data, at);
          await event('message.created', { author: 'customer' }, at);
          for (let reply = 0; reply < botReplies; reply += 1) await event('message.created', { author: 'bot' }, at);
        },
      };
    },
    /** Facts rows without the bookkeeping columns, ordered by id (to compare two foldings). */
    async facts(): Promise<Array<Record<string, unknown>>> {
      const rows = await sql.query<Record<string, unknown>>('SELECT *, day::text AS day, llm_cost::float8 AS llm_cost FROM conversation_facts ORDER BY conversation_id');
      return rows.map(({ updated_at: _updated, ...rest }) => rest);
    },
  };
}
