import type { SqlExecutor } from '../../src/service/storage/sql-client.ts';

export interface SeedOptions {
  conversations: number;
  /** Messages per conversation (greeting + customer/bot turns + one closing message); ≥ 4. */
  messagesPerConversation: number;
  days: number;
  /** Start of the first day (conversations spread evenly over `days` from here). */
  since: Date;
}

const INTENTS = ['order_status', 'return_policy', 'refund_status', 'shipping_fee', 'change_address', 'cancel_order', 'invoice', 'warranty', 'complaint', 'product_question', 'payment_failed', 'thanks'];

/**
 * Seeds one tenant with realistic traffic using set-based SQL (generate_series), in the order the service writes it:
 * conversations, messages, then the event log conversation by conversation. Mix per 100 conversations: 35 confirmed by
 * the customer, 15 handed off (queued, assigned, agent reply, closed), the rest bot-only (assumed or open by age);
 * every 5th rated, every 33rd a complaint ticket, tools on 60 % (10 % of them failing), knowledge on 40 %, LLM calls
 * on 10 %. Returns the numbers of rows written.
 */
export async function seedAnalyticsTraffic(sql: SqlExecutor, options: SeedOptions): Promise<{ conversations: number; messages: number; events: number }> {
  const turns = Math.floor((options.messagesPerConversation - 2) / 2);
  const spanSeconds = options.days * 86_400;
  await sql.query(`INSERT INTO tenants (id, name, widget_key, settings) VALUES ('ten-bench', 'Bench shop', 'wk-bench', '{"businessHours":{"timeZone":"Asia/Shanghai","days":[null,null,null,null,null,null,null]}}')`);
  await sql.query(`INSERT INTO customers (id, tenant_id, external_id) SELECT 'cus-' || i, 'ten-bench', 'ext-' || i FROM generate_series(1, $1::int) AS i`, [Math.ceil(options.conversations / 5)]);
  // Conversation c starts at since + c/N of the span, plus up to 7 minutes of jitter.
  await sql.query(`
    INSERT INTO conversations (id, tenant_id, customer_id, owner, pack, channel, locale, engine_state, created_at, updated_at)
    SELECT 'conv-' || c, 'ten-bench', 'cus-' || (1 + c % $2::int),
      CASE WHEN c % 100 BETWEEN 35 AND 49 THEN 'closed' ELSE 'bot' END,
      (ARRAY['ecommerce', 'ecommerce', 'logistics', 'travel', 'finance'])[1 + c % 5],
      (ARRAY['widget', 'widget', 'widget', 'wechat', 'email', 'wecom'])[1 + c % 6],
      CASE WHEN c % 4 = 0 THEN 'en' ELSE 'zh' END, '{}'::jsonb,
      $3::timestamptz + make_interval(secs => (c::float8 / $1::int) * $4::int + (c * 37) % 420),
      $3::timestamptz + make_interval(secs => (c::float8 / $1::int) * $4::int + (c * 37) % 420)
    FROM generate_series(1, $1::int) AS c`, [options.conversations, Math.ceil(options.conversations / 5), options.since, spanSeconds]);
  // Messages: seq 1 greeting; turn k = seq 2k (customer) and 2k+1 (bot); last: agent reply when handed off, else a bot closing line.
  await sql.query(`
    INSERT INTO messages (id, tenant_id, conversation_id, seq, author, text, payload, created_at)
    SELECT 'msg-' || c.id || '-' || s, 'ten-bench', c.id, s,
      CASE WHEN s = 1 THEN 'bot' WHEN s = $1::int AND right(c.id, 2)::int BETWEEN 35 AND 49 THEN 'agent' WHEN s = $1::int THEN 'bot' WHEN s % 2 = 0 THEN 'customer' ELSE 'bot' END,
      CASE WHEN s % 2 = 0 AND s < $1::int THEN '我的订单什么时候到？' ELSE '您好，请问有什么可以帮您？' END,
      CASE WHEN s % 2 = 0 AND s < $1::int THEN jsonb_build_object('understanding', jsonb_build_object('intent', ($2::text[])[1 + (length(c.id) + s) % 12], 'confidence', 0.9)) ELSE '{}'::jsonb END,
      c.created_at + make_interval(secs => s * 20)
    FROM conversations c CROSS JOIN generate_series(1, $1::int) AS s WHERE c.tenant_id = 'ten-bench'`, [options.messagesPerConversation, INTENTS]);
  // The event log, one conversation after another (ids grow with time within a conversation, as the service writes them).
  await sql.query(`
    WITH conv AS (SELECT id, substr(id, 6)::int AS c, created_at FROM conversations WHERE tenant_id = 'ten-bench'),
    turn AS (SELECT conv.*, k, conv.created_at + make_interval(secs => 40 * k - 20) AS at FROM conv CROSS JOIN generate_series(1, $1::int) AS k),
    raw AS (
      SELECT id, c, created_at AS at, 0 AS ord, 'conversation.started' AS type, '{}'::jsonb AS data FROM conv
      UNION ALL SELECT id, c, created_at, 1, 'message.created', '{"author":"bot"}' FROM conv
      UNION ALL SELECT id, c, at, 10 * k, 'message.received', '{"chars":12}' FROM turn
      UNION ALL SELECT id, c, at, 10 * k + 1, 'intent.detected', jsonb_build_object('intent', ($2::text[])[1 + (c + k) % 12], 'confidence', 0.9) FROM turn
      UNION ALL SELECT id, c, at, 10 * k + 2, 'sentiment.detected', jsonb_build_object('polarity', ((c * 7 + k * 13) % 21 - 10) / 10.0, 'label',
        CASE WHEN (c * 7 + k * 13) % 21 < 7 THEN 'negative' WHEN (c * 7 + k * 13) % 21 < 14 THEN 'neutral' ELSE 'positive' END) FROM turn
      UNION ALL SELECT id, c, at, 10 * k + 3, 'tool.called', jsonb_build_object('name', (ARRAY['get_order', 'track_parcel', 'create_return'])[1 + c % 3], 'ok', c % 10 <> 0) FROM turn WHERE k = 1 AND c % 10 < 6
      UNION ALL SELECT id, c, at, 10 * k + 4, 'knowledge.used', jsonb_build_object('docId', 'faq-' || (c % 40), 'confidence', 0.8) FROM turn WHERE k = 2 AND c % 10 >= 6
      UNION ALL SELECT id, c, at, 10 * k + 5, 'llm.completed', '{"promptTokens":850,"completionTokens":120,"cost":0.0009,"currency":"CNY"}' FROM turn WHERE c % 10 = 1
      UNION ALL SELECT id, c, at, 10 * k + 6, 'conversation.resolved', '{"by":"customer"}' FROM turn WHERE k = $1::int AND c % 100 < 35
      UNION ALL SELECT id, c, at, 10 * k + 7, 'message.created', '{"author":"customer"}' FROM turn
      UNION ALL SELECT id, c, at, 10 * k + 8, 'message.created', '{"author":"bot"}' FROM turn
      UNION ALL SELECT id, c, at, 10 * k + 9, 'conversation.queued', jsonb_build_object('reason', (ARRAY['customer_request', 'repeated_failure', 'negative_sentiment', 'out_of_scope'])[1 + c % 4]) FROM turn WHERE k = 2 AND c % 100 BETWEEN 35 AND 49
      UNION ALL SELECT id, c, created_at + make_interval(secs => 40 * $1::int + 120), 1000, 'conversation.assigned', '{"assigneeId":"usr-bench"}' FROM conv WHERE c % 100 BETWEEN 35 AND 49
      UNION ALL SELECT id, c, created_at + make_interval(secs => 40 * $1::int + 120 + c % 600), 1001, 'message.created', '{"author":"agent"}' FROM conv WHERE c % 100 BETWEEN 35 AND 49
      UNION ALL SELECT id, c, created_at + make_interval(secs => 40 * $1::int + 1500 + c % 1800), 1002, 'conversation.closed', '{"resolution":"resolved"}' FROM conv WHERE c % 100 BETWEEN 35 AND 49
      UNION ALL SELECT id, c, created_at + make_interval(secs => 40 * $1::int + 60), 1003, 'message.created', '{"author":"bot"}' FROM conv WHERE c % 100 NOT BETWEEN 35 AND 49
      UNION ALL SELECT id, c, created_at + make_interval(secs => 3600), 1004, 'conversation.rated', jsonb_build_object('score', 1 + (c / 5) % 5) FROM conv WHERE c % 5 = 0
      UNION ALL SELECT id, c, created_at + make_interval(secs => 3700), 1005, 'ticket.created', '{"kind":"complaint"}' FROM conv WHERE c % 33 = 0
    )
    INSERT INTO events (tenant_id, conversation_id, type, data, created_at)
    SELECT 'ten-bench', id, type, data, at FROM raw ORDER BY c, ord`, [turns, INTENTS]);
  const [counts] = await sql.query<{ conversations: string; messages: string; events: string }>(`SELECT
    (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM events) AS events`);
  await sql.query('ANALYZE');
  return { conversations: Number(counts.conversations), messages: Number(counts.messages), events: Number(counts.events) };
}
