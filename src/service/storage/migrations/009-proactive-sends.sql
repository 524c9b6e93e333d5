-- Proactive care (issue 9): one row per (rule, customer, business event). The unique key makes scheduling
-- idempotent: the same event posted twice, or replayed after a restart, finds the row already there.
CREATE TABLE proactive_sends (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  rule_id text NOT NULL,
  event_key text NOT NULL,
  event_type text NOT NULL,
  event_data jsonb NOT NULL DEFAULT '{}',
  due_at timestamptz NOT NULL,
  -- scheduled → sending → sent | skipped | failed
  status text NOT NULL DEFAULT 'scheduled',
  -- why: sent, opted_out, capped, cancelled, deferred_quiet_hours, no_template, error text
  outcome text,
  conversation_id text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, rule_id, customer_id, event_key)
);
CREATE INDEX proactive_sends_due ON proactive_sends (status, due_at);
CREATE INDEX proactive_sends_customer ON proactive_sends (tenant_id, customer_id, status, updated_at);
