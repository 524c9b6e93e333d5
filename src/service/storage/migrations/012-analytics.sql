-- Analytics (issue 10): one row of facts per conversation, folded incrementally from the event log after a stored
-- watermark (events.id). Definitions of every column and metric: docs/analytics.md. No personal data (ids only); a
-- conversation's facts go when the conversation goes (retention purge, erasure).
CREATE TABLE analytics_watermarks (
  name text PRIMARY KEY,
  last_event_id bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversation_facts (
  conversation_id text PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  pack text NOT NULL,
  channel text NOT NULL,
  locale text NOT NULL,
  -- calendar day of started_at in the tenant's time zone (settings.businessHours.timeZone, else UTC)
  day date NOT NULL,
  started_at timestamptz NOT NULL,
  first_customer_event_id bigint,
  first_customer_at timestamptz,
  last_customer_at timestamptz,
  customer_messages integer NOT NULL DEFAULT 0,
  bot_messages integer NOT NULL DEFAULT 0,
  agent_messages integer NOT NULL DEFAULT 0,
  -- first bot message after the first customer message (the greeting does not count)
  first_bot_reply_at timestamptz,
  first_agent_reply_at timestamptz,
  -- first conversation.queued or conversation.assigned; reason of the first queueing ('agent_takeover' when none)
  handed_off_at timestamptz,
  handoff_reason text,
  -- last conversation.resolved {by: customer} (thanks / bye)
  confirmed_at timestamptz,
  closed_at timestamptz,
  close_resolution text,
  reopened integer NOT NULL DEFAULT 0,
  csat smallint,
  complaint boolean NOT NULL DEFAULT false,
  sentiment_min real,
  sentiment_last real,
  sentiment_label text,
  intents text[] NOT NULL DEFAULT '{}',
  fallbacks integer NOT NULL DEFAULT 0,
  tool_ok integer NOT NULL DEFAULT 0,
  tool_failed integer NOT NULL DEFAULT 0,
  tools_ok text[] NOT NULL DEFAULT '{}',
  tools_failed text[] NOT NULL DEFAULT '{}',
  article_uses integer NOT NULL DEFAULT 0,
  articles text[] NOT NULL DEFAULT '{}',
  llm_calls integer NOT NULL DEFAULT 0,
  llm_prompt_tokens bigint NOT NULL DEFAULT 0,
  llm_completion_tokens bigint NOT NULL DEFAULT 0,
  llm_cost numeric NOT NULL DEFAULT 0,
  llm_currency text,
  proactive_sent integer NOT NULL DEFAULT 0,
  -- confirmed | assumed | handed_off | open | no_contact (docs/analytics.md); never blended
  resolution_kind text NOT NULL,
  last_event_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Range filter of every dashboard query; started_at also gives drill-down pages newest first without a sort.
CREATE INDEX conversation_facts_tenant_day ON conversation_facts (tenant_id, day, started_at);
-- The sweep that turns open conversations into assumed-resolved ones looks only at open rows.
CREATE INDEX conversation_facts_open ON conversation_facts (last_customer_at) WHERE resolution_kind = 'open';
CREATE INDEX proactive_sends_tenant_created ON proactive_sends (tenant_id, created_at);
