-- Issue 28: resolution needs evidence. The facts keep the conversation's last bot outcome (the last of: a completed
-- task or successful tool, a knowledge answer, a fallback, a failed tool, a cancelled flow, a clarification question),
-- whether a flow was left waiting, and the last assignee; `unresolved` joins the resolution kinds
-- (docs/analytics.md). The facts are refolded from the event log under the new definitions: they are derived data.
ALTER TABLE conversation_facts
  ADD COLUMN last_outcome text,
  ADD COLUMN last_flow_event text,
  ADD COLUMN assignee_id text;
DELETE FROM conversation_facts;
DELETE FROM analytics_watermarks WHERE name = 'conversation_facts';
