-- Issue 28: resolution needs evidence. The facts keep the conversation's last bot outcome (the last of: a completed
-- task or successful tool, a knowledge answer, a fallback, a failed tool, a cancelled flow, a clarification question),
-- whether a flow was left waiting, and the last assignee; `unresolved` joins the resolution kinds
-- (docs/analytics.md). The bot's response time is measured from when the service received the customer's first message
-- (message.created data.at) to when the engine replied, no longer between rows of one transaction (always 0 s). The facts are refolded from the event log under the new definitions: they are derived data.
ALTER TABLE conversation_facts
  ADD COLUMN last_outcome text,
  ADD COLUMN last_flow_event text,
  ADD COLUMN assignee_id text,
  ADD COLUMN first_customer_received_at timestamptz,
  -- sentiment of the conversation, not only of its last message: the label at the lowest polarity, and every polarity in order
  ADD COLUMN sentiment_worst_label text,
  ADD COLUMN sentiment_trajectory real[] NOT NULL DEFAULT '{}',
  -- the agent named by the last rating (who held the conversation when it was closed): CSAT by agent
  ADD COLUMN csat_assignee_id text;
DELETE FROM conversation_facts;
DELETE FROM analytics_watermarks WHERE name = 'conversation_facts';
