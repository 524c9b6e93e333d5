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
