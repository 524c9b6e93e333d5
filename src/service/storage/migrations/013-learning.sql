-- The learning loop (issue 10): tenant knowledge and training phrases feed the tenant's engine, which is rebuilt in the
-- background whenever content_version moves on (every node compares it on each request, so no restart is needed).
ALTER TABLE tenants ADD COLUMN content_version integer NOT NULL DEFAULT 0;

-- Other ways customers ask an article's question (a closed knowledge gap adds the gap's questions here); drafts
-- (an agent's reply promoted from a gap) do not answer customers until an admin approves them.
ALTER TABLE knowledge_articles ADD COLUMN questions jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE knowledge_articles ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published'));

-- Training phrases a tenant adds to its packs' intents.
CREATE TABLE intent_phrases (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  intent text NOT NULL,
  text text NOT NULL,
  locale text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, intent, text)
);

-- A fix of a knowledge gap: an FAQ answer, a promoted agent reply (pending until approved) or training phrases.
CREATE TABLE gap_resolutions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('answer', 'agent_reply', 'phrases')),
  status text NOT NULL CHECK (status IN ('pending', 'approved')),
  -- the article id (answer, agent_reply) or the intent (phrases)
  target text NOT NULL,
  message_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz
);
CREATE INDEX gap_resolutions_tenant ON gap_resolutions (tenant_id, created_at DESC);

-- Customer questions a fix covers: they leave the list of open gaps.
CREATE TABLE gap_resolved_messages (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  message_id text NOT NULL,
  resolution_id text NOT NULL REFERENCES gap_resolutions(id) ON DELETE CASCADE,
  PRIMARY KEY (tenant_id, message_id)
);

-- Regression conversation tests, one per approved fix; `lingxi test` runs them from GET /v1/admin/learning/suite.
CREATE TABLE tenant_tests (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  spec jsonb NOT NULL,
  resolution_id text REFERENCES gap_resolutions(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_tests_tenant ON tenant_tests (tenant_id, created_at);

-- Knowledge-gap candidates: customer messages the bot could not answer (outcome set by the conversation service).
CREATE INDEX messages_gap_candidates ON messages (tenant_id, created_at DESC)
  WHERE author = 'customer' AND payload ? 'outcome' AND payload->>'outcome' <> 'answered';
