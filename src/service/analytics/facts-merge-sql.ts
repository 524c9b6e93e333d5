import { lastOutcomeSql, resolutionKindSql } from './resolution-sql.ts';

/**
 * The set-based SQL that folds one batch of events (ids in ($1, $2]) into `conversation_facts`. Every column merges
 * so that folding batch A then batch B gives the same row as folding A∪B at once (firsts keep the older value,
 * lasts take the newer one, counts add, sets union), which is what makes the aggregation incremental.
 * Definitions: docs/analytics.md. Numbers are read only when the JSON value is a number, so one malformed event
 * cannot poison a batch.
 */
const number = (field: string) => `CASE WHEN jsonb_typeof(f.data->'${field}') = 'number' THEN (f.data->>'${field}')::numeric END`;
const isCustomer = `f.type = 'message.created' AND f.data->>'author' = 'customer'`;
const isBot = `f.type = 'message.created' AND f.data->>'author' = 'bot'`;
const isAgent = `f.type = 'message.created' AND f.data->>'author' = 'agent'`;
const isHandoff = `f.type IN ('conversation.queued', 'conversation.assigned')`;
const isSentiment = `f.type = 'sentiment.detected' AND jsonb_typeof(f.data->'polarity') = 'number'`;
const isToolOk = `f.type = 'tool.called' AND f.data->'ok' = 'true'::jsonb`;
const isToolFailed = `f.type = 'tool.called' AND f.data->'ok' IS DISTINCT FROM 'true'::jsonb`;
const isLlm = `f.type = 'llm.completed'`;
/**
 * When a message really happened: `data.at`, written by the service when it received a customer message or the engine
 * replied (a turn's rows share one transaction time), else the event's row time. Only our own ISO form is read.
 */
const messageTime = `CASE WHEN f.data->>'at' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?Z$' THEN (f.data->>'at')::timestamptz ELSE f.created_at END`;
const last = (expression: string, filter: string) => `(array_agg(${expression} ORDER BY f.id DESC) FILTER (WHERE ${filter}))[1]`;
const textSet = (expression: string, filter: string) => `COALESCE(array_agg(DISTINCT ${expression}) FILTER (WHERE ${filter} AND ${expression} IS NOT NULL), '{}')`;
const union = (column: string) => `ARRAY(SELECT DISTINCT item FROM unnest(cf.${column} || EXCLUDED.${column}) AS item ORDER BY 1)`;

/** Columns of the batch aggregate, in insert order (the same names as the table's). */
const batchColumns: Array<[name: string, aggregate: string, merge: string]> = [
  ['first_customer_event_id', 'min(a.first_customer_event_id)', 'LEAST(cf.first_customer_event_id, EXCLUDED.first_customer_event_id)'],
  ['first_customer_at', `min(f.created_at) FILTER (WHERE ${isCustomer})`, 'LEAST(cf.first_customer_at, EXCLUDED.first_customer_at)'],
  ['last_customer_at', `max(f.created_at) FILTER (WHERE ${isCustomer})`, 'GREATEST(cf.last_customer_at, EXCLUDED.last_customer_at)'],
  ['customer_messages', `count(*) FILTER (WHERE ${isCustomer})`, 'cf.customer_messages + EXCLUDED.customer_messages'],
  ['bot_messages', `count(*) FILTER (WHERE ${isBot})`, 'cf.bot_messages + EXCLUDED.bot_messages'],
  ['agent_messages', `count(*) FILTER (WHERE ${isAgent})`, 'cf.agent_messages + EXCLUDED.agent_messages'],
  // The greeting comes before the customer's first message and is not a response.
  ['first_customer_received_at', `(array_agg(${messageTime} ORDER BY f.id) FILTER (WHERE ${isCustomer}))[1]`, 'COALESCE(cf.first_customer_received_at, EXCLUDED.first_customer_received_at)'],
  ['first_bot_reply_at', `min(${messageTime}) FILTER (WHERE ${isBot} AND f.id > a.first_customer_event_id)`, 'COALESCE(cf.first_bot_reply_at, EXCLUDED.first_bot_reply_at)'],
  ['first_agent_reply_at', `min(f.created_at) FILTER (WHERE ${isAgent})`, 'LEAST(cf.first_agent_reply_at, EXCLUDED.first_agent_reply_at)'],
  ['handed_off_at', `min(f.created_at) FILTER (WHERE ${isHandoff})`, 'LEAST(cf.handed_off_at, EXCLUDED.handed_off_at)'],
  ['handoff_reason', `(array_agg(CASE WHEN f.type = 'conversation.queued' THEN COALESCE(f.data->>'reason', 'unknown') ELSE 'agent_takeover' END ORDER BY f.id) FILTER (WHERE ${isHandoff}))[1]`, 'COALESCE(cf.handoff_reason, EXCLUDED.handoff_reason)'],
  ['confirmed_at', `max(f.created_at) FILTER (WHERE f.type = 'conversation.resolved')`, 'GREATEST(cf.confirmed_at, EXCLUDED.confirmed_at)'],
  ['closed_at', `max(f.created_at) FILTER (WHERE f.type = 'conversation.closed')`, 'GREATEST(cf.closed_at, EXCLUDED.closed_at)'],
  ['close_resolution', last(`f.data->>'resolution'`, `f.type = 'conversation.closed'`), 'COALESCE(EXCLUDED.close_resolution, cf.close_resolution)'],
  ['reopened', `count(*) FILTER (WHERE f.type = 'conversation.reopened')`, 'cf.reopened + EXCLUDED.reopened'],
  ['csat', last(`(f.data->>'score')::smallint`, `f.type = 'conversation.rated' AND f.data->>'score' ~ '^[1-5]$'`), 'COALESCE(EXCLUDED.csat, cf.csat)'],
  // The agent a rating names (who held the conversation at its close): CSAT by agent.
  ['csat_assignee_id', last(`f.data->>'assigneeId'`, `f.type = 'conversation.rated' AND f.data->>'score' ~ '^[1-5]$'`), 'COALESCE(EXCLUDED.csat_assignee_id, cf.csat_assignee_id)'],
  ['complaint', `COALESCE(bool_or((f.type = 'ticket.created' AND f.data->>'kind' = 'complaint') OR (${isToolOk} AND f.data->>'name' LIKE '%complaint%')), false)`, 'cf.complaint OR EXCLUDED.complaint'],
  ['sentiment_min', `min(${number('polarity')}) FILTER (WHERE ${isSentiment})`, 'LEAST(cf.sentiment_min, EXCLUDED.sentiment_min)'],
  ['sentiment_last', last(number('polarity'), isSentiment), 'COALESCE(EXCLUDED.sentiment_last, cf.sentiment_last)'],
  ['sentiment_label', last(`f.data->>'label'`, isSentiment), 'COALESCE(EXCLUDED.sentiment_label, cf.sentiment_label)'],
  // The label of the lowest-polarity message (the earliest on a tie), and every polarity in order (issue 28).
  ['sentiment_worst_label', `(array_agg(f.data->>'label' ORDER BY ${number('polarity')}, f.id) FILTER (WHERE ${isSentiment}))[1]`,
    'CASE WHEN cf.sentiment_min IS NULL OR EXCLUDED.sentiment_min < cf.sentiment_min THEN COALESCE(EXCLUDED.sentiment_worst_label, cf.sentiment_worst_label) ELSE cf.sentiment_worst_label END'],
  ['sentiment_trajectory', `COALESCE(array_agg(round(${number('polarity')}, 3)::real ORDER BY f.id) FILTER (WHERE ${isSentiment}), '{}')`, 'cf.sentiment_trajectory || EXCLUDED.sentiment_trajectory'],
  ['intents', textSet(`(f.data->>'intent')`, `f.type = 'intent.detected'`), union('intents')],
  ['fallbacks', `count(*) FILTER (WHERE f.type = 'fallback.triggered')`, 'cf.fallbacks + EXCLUDED.fallbacks'],
  ['tool_ok', `count(*) FILTER (WHERE ${isToolOk})`, 'cf.tool_ok + EXCLUDED.tool_ok'],
  ['tool_failed', `count(*) FILTER (WHERE ${isToolFailed})`, 'cf.tool_failed + EXCLUDED.tool_failed'],
  ['tools_ok', textSet(`(f.data->>'name')`, isToolOk), union('tools_ok')],
  ['tools_failed', textSet(`(f.data->>'name')`, isToolFailed), union('tools_failed')],
  ['llm_calls', `count(*) FILTER (WHERE ${isLlm})`, 'cf.llm_calls + EXCLUDED.llm_calls'],
  ['llm_prompt_tokens', `COALESCE(sum(round(${number('promptTokens')})) FILTER (WHERE ${isLlm}), 0)`, 'cf.llm_prompt_tokens + EXCLUDED.llm_prompt_tokens'],
  ['llm_completion_tokens', `COALESCE(sum(round(${number('completionTokens')})) FILTER (WHERE ${isLlm}), 0)`, 'cf.llm_completion_tokens + EXCLUDED.llm_completion_tokens'],
  ['llm_cost', `COALESCE(sum(${number('cost')}) FILTER (WHERE ${isLlm}), 0)`, 'cf.llm_cost + EXCLUDED.llm_cost'],
  ['llm_currency', last(`f.data->>'currency'`, `${isLlm} AND f.data ? 'currency'`), 'COALESCE(EXCLUDED.llm_currency, cf.llm_currency)'],
  ['proactive_sent', `count(*) FILTER (WHERE f.type = 'proactive.sent')`, 'cf.proactive_sent + EXCLUDED.proactive_sent'],
  // Evidence for the resolution (resolution-sql.ts): the bot's last outcome, and whether a flow was left waiting.
  ['last_outcome', last(lastOutcomeSql, `(${lastOutcomeSql}) IS NOT NULL`), 'COALESCE(EXCLUDED.last_outcome, cf.last_outcome)'],
  ['last_flow_event', last('f.type', `f.type IN ('flow.started', 'flow.completed', 'flow.cancelled')`), 'COALESCE(EXCLUDED.last_flow_event, cf.last_flow_event)'],
  ['assignee_id', last(`CASE WHEN f.type = 'conversation.transferred' THEN f.data->>'to' ELSE f.data->>'assigneeId' END`, `f.type IN ('conversation.assigned', 'conversation.transferred')`), 'COALESCE(EXCLUDED.assignee_id, cf.assignee_id)'],
];

const mergeOf = new Map(batchColumns.map(([name, , merge]) => [name, merge]));

/**
 * Upserts the facts of every conversation with events in ($1, $2]; $3 is the time written to updated_at, $4 the
 * assumed-resolved cutoff (now − N hours). The resolution kind is computed from the merged values in the same
 * statement, so each row is written once per batch (a second UPDATE would double the dead tuples).
 */
export const mergeBatchSql = `
WITH fresh AS (
  SELECT id, conversation_id, type, data, created_at FROM events WHERE id > $1 AND id <= $2 AND conversation_id IS NOT NULL
),
anchor AS (
  SELECT f.conversation_id,
    COALESCE(min(cf.first_customer_event_id), min(f.id) FILTER (WHERE ${isCustomer})) AS first_customer_event_id
  FROM fresh f LEFT JOIN conversation_facts cf ON cf.conversation_id = f.conversation_id
  GROUP BY f.conversation_id
),
article_hits AS (
  SELECT f.conversation_id, count(*) AS uses, array_agg(DISTINCT article) AS articles
  FROM fresh f CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(f.data->'ids') = 'array' THEN f.data->'ids' ELSE jsonb_build_array(f.data->'docId') END) AS article
  WHERE f.type = 'knowledge.used' AND article IS NOT NULL
  GROUP BY f.conversation_id
),
batch AS (
  SELECT f.conversation_id, max(f.id) AS last_event_id,
    ${batchColumns.map(([name, aggregate]) => `${aggregate} AS ${name}`).join(',\n    ')}
  FROM fresh f JOIN anchor a ON a.conversation_id = f.conversation_id
  GROUP BY f.conversation_id
),
zones AS (SELECT name FROM pg_timezone_names)
INSERT INTO conversation_facts AS cf (
  conversation_id, tenant_id, pack, channel, locale, day, started_at,
  ${batchColumns.map(([name]) => name).join(', ')},
  article_uses, articles, resolution_kind, last_event_id, updated_at)
SELECT b.conversation_id, c.tenant_id, c.pack, c.channel, c.locale,
  (c.created_at AT TIME ZONE COALESCE(z.name, 'UTC'))::date, c.created_at,
  ${batchColumns.map(([name]) => `b.${name}`).join(', ')},
  COALESCE(h.uses, 0), COALESCE(h.articles, '{}'), ${resolutionKindSql('$4', (name) => `b.${name}`)}, b.last_event_id, $3
FROM batch b
JOIN conversations c ON c.id = b.conversation_id
JOIN tenants t ON t.id = c.tenant_id
LEFT JOIN zones z ON z.name = t.settings->'businessHours'->>'timeZone'
LEFT JOIN article_hits h ON h.conversation_id = b.conversation_id
ON CONFLICT (conversation_id) DO UPDATE SET
  locale = EXCLUDED.locale,
  ${batchColumns.map(([name, , merge]) => `${name} = ${merge}`).join(',\n  ')},
  article_uses = cf.article_uses + EXCLUDED.article_uses,
  articles = ${union('articles')},
  resolution_kind = ${resolutionKindSql('$4', (name) => `(${mergeOf.get(name)})`)},
  last_event_id = EXCLUDED.last_event_id,
  updated_at = EXCLUDED.updated_at
RETURNING conversation_id`;

/**
 * The end of the next batch after $1 (at most $2 events): the last id, or the last id before the first gap in the ids
 * whose following event is younger than $3 ($1 itself when the gap comes first) — a gap that young may be a transaction still in flight whose events would
 * otherwise be skipped forever; older gaps are rolled-back transactions.
 */
export const nextBatchSql = `
WITH next AS (SELECT id, created_at FROM events WHERE id > $1 ORDER BY id LIMIT $2),
marked AS (SELECT id, created_at, lag(id, 1, $1::bigint) OVER (ORDER BY id) AS previous FROM next),
gap AS (SELECT min(id) AS id FROM marked WHERE id <> previous + 1 AND created_at > $3)
SELECT CASE WHEN (SELECT id FROM gap) IS NULL THEN COALESCE((SELECT max(id) FROM next), $1::bigint)
  ELSE COALESCE((SELECT max(id) FROM next WHERE id < (SELECT id FROM gap)), $1::bigint) END AS upper`;
