-- Proactive care per tenant (issue 9). A row either overrides a default rule of the same id (src/service/proactive/
-- proactive-rules.ts) or adds the tenant's own rule; `enabled = false` switches a rule off without losing it.
-- Tenants without rows keep the defaults. `rule` is the whole rule as JSON, validated by proactiveRuleSchema on write
-- and on read (a row that no longer validates is ignored and logged, never sent).
CREATE TABLE proactive_rules (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  rule jsonb NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Outcomes after `sent`: the widget reported the message seen (read receipt), the customer wrote in the conversation after it.
ALTER TABLE proactive_sends ADD COLUMN read_at timestamptz;
ALTER TABLE proactive_sends ADD COLUMN replied_at timestamptz;
-- The reply and read hooks run on every customer message / read receipt: an index lookup by conversation.
CREATE INDEX proactive_sends_conversation ON proactive_sends (conversation_id);
-- Preview: "customers with a matching event in the last N days".
CREATE INDEX events_tenant_type_created ON events (tenant_id, type, created_at);
