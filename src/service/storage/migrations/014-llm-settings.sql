-- LLM mode per tenant (issue 7): which OpenAI-compatible endpoint answers this tenant's customers, with what limits,
-- and whether anything personal may leave. The API key is sealed with AES-256-GCM (src/service/security/secret-box.ts)
-- and never returned by the API. `revision` grows on every change: it is part of the tenant's engine key, so a change
-- rebuilds the engine on every node without a restart.
CREATE TABLE tenant_llm_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  -- a preset of src/engine/llm/provider-presets.ts, or 'custom'
  preset text NOT NULL DEFAULT 'custom',
  base_url text NOT NULL,
  model text NOT NULL,
  temperature double precision NOT NULL DEFAULT 0.2,
  timeout_ms integer NOT NULL DEFAULT 30000,
  max_tokens_per_conversation integer NOT NULL DEFAULT 60000,
  -- standard: the model sees the conversation as the agent builds it; strict: nothing personal leaves (ids, contact data masked)
  privacy_mode text NOT NULL DEFAULT 'standard' CHECK (privacy_mode IN ('standard', 'strict')),
  sealed_api_key text,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
