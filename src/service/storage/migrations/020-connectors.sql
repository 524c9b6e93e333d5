-- Connectors to a business's own systems (issue 20 item 2): per tenant, each maps pack tools (by contract) onto the
-- business's HTTP operations or one action-server URL. `spec` is the validated connector (connector-config.ts) without
-- its secret; the bearer token / API key / HMAC key is sealed with AES-256-GCM (src/service/security/secret-box.ts),
-- write-only through the API. `revision` grows on every change so every node rebuilds its connector (and breaker).
CREATE TABLE tenant_connectors (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  pack text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('http', 'action-server')),
  spec jsonb NOT NULL,
  sealed_secret text,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_connectors_tenant ON tenant_connectors (tenant_id);
