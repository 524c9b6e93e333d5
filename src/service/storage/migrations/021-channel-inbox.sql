-- Channels round two (issue 27). Inbound messages of callback channels (WeChat, WeCom) are stored here and acknowledged
-- at once; the bot's turn runs from a job (`channel.receive`), so a slow engine never holds the platform's 5-second
-- callback. The key is the platform's own message id: a retried callback finds its row and is not processed again.
CREATE TABLE channel_inbox (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  message_id text NOT NULL,
  -- the InboundMessage as the adapter normalised it
  message jsonb NOT NULL,
  -- pending (waiting for its job), processing, done, failed
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, message_id)
);
CREATE INDEX channel_inbox_open ON channel_inbox (status, updated_at) WHERE status IN ('pending', 'processing');

-- Files that arrived with a channel message (email attachments), within the channel's size limits. The message's
-- payload.channel.attachments lists them by id; agents download them through /v1/agent/attachments/:id.
CREATE TABLE channel_attachments (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channel_attachments_tenant ON channel_attachments (tenant_id, created_at);
