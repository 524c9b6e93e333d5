-- Channels (issue 13): which channel a conversation arrived through, so replies go back through it and the console and
-- analytics can show it; and each tenant's channel configuration (secrets sealed by the service key, never returned).
ALTER TABLE conversations ADD COLUMN channel text NOT NULL DEFAULT 'widget';
CREATE INDEX conversations_tenant_channel ON conversations (tenant_id, channel, updated_at DESC);

CREATE TABLE channel_configs (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- wechat, wecom, email, webhook, voice
  kind text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- non-secret settings (app id, mailbox address, menu …)
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- secrets (tokens, AES keys, passwords) sealed with AES-256-GCM (src/service/security/secret-box.ts)
  sealed_secrets text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind)
);
