-- Channels (issue 13), runtime state. One row per outbound message handed to a channel: the claim that makes a retried
-- job or a second node never send the same message twice, and the recorded outcome (sent, skipped outside the 48-hour
-- window, failed …) that the console and operators can read.
CREATE TABLE channel_deliveries (
  message_id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id text NOT NULL,
  kind text NOT NULL,
  -- pending (claimable), sending, sent, skipped, failed
  status text NOT NULL,
  outcome text,
  attempts integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channel_deliveries_conversation ON channel_deliveries (tenant_id, conversation_id);

-- Small per-tenant channel state: thread key -> conversation id (email threads, calls), sync cursors (WeCom sync_msg).
CREATE TABLE channel_state (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, key)
);
