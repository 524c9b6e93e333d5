-- Privacy and accountability (issue 12): the audit log of agent and admin actions. Rows are never updated; they
-- outlive the conversations and customers they name (ids only, no personal data).
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- 'user' (an agent or admin), 'api_key' (an integration)
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  -- noun.verb: conversation.taken_over, conversation.transferred, conversation.closed, settings.updated, user.created,
  -- api_key.created, customer.exported, customer.erased, retention.purged
  action text NOT NULL,
  target_type text,
  target_id text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id DESC);
-- Retention purges look for conversations by age.
CREATE INDEX conversations_tenant_updated ON conversations (tenant_id, updated_at);
