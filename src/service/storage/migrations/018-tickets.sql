-- Tickets as a module (issue 21, src/service/tickets). The table of 001 grows in place so existing rows and callers keep
-- working: `kind` is now any ticket type of the tenant (complaint, repair, callback, message …); statuses are
-- open / pending_customer / pending_internal / solved / closed, and the old in_progress / resolved stay valid for rows
-- written through the Store's legacy methods (the tickets module reads them as pending_internal / solved).
ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_kind_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_kind_check CHECK (kind ~ '^[a-z][a-z0-9_]{1,39}$');
ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_status_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
  CHECK (status IN ('open', 'pending_customer', 'pending_internal', 'solved', 'closed', 'in_progress', 'resolved'));
ALTER TABLE tickets ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal', 'low'));
ALTER TABLE tickets ADD COLUMN assignee_id text REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE tickets ADD COLUMN team text;
-- Who opened it: bot (a conversation turn), agent, api, system (a job).
ALTER TABLE tickets ADD COLUMN source text NOT NULL DEFAULT 'agent';
ALTER TABLE tickets ADD COLUMN created_by text;
-- SLA: due times computed from the tenant's policies on its working calendar; when they were met.
ALTER TABLE tickets ADD COLUMN first_response_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN resolution_due_at timestamptz;
ALTER TABLE tickets ADD COLUMN first_responded_at timestamptz;
ALTER TABLE tickets ADD COLUMN solved_at timestamptz;
CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, status);
CREATE INDEX tickets_customer ON tickets (tenant_id, customer_id);

-- The internal comment thread (agents' notes, system entries such as "SLA set").
CREATE TABLE ticket_comments (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  author_kind text NOT NULL CHECK (author_kind IN ('user', 'system')),
  author_id text,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, created_at);

-- Conversations linked to a ticket (the one it came from, later ones of the same problem).
CREATE TABLE ticket_conversations (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, conversation_id)
);
CREATE INDEX ticket_conversations_conversation ON ticket_conversations (conversation_id);
INSERT INTO ticket_conversations (tenant_id, ticket_id, conversation_id, linked_at)
  SELECT tenant_id, id, conversation_id, created_at FROM tickets WHERE conversation_id IS NOT NULL;

-- Agents online: an agent console socket keeps `online_until` a few minutes ahead; a crashed node's agents expire.
CREATE TABLE agent_presence (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  online_until timestamptz NOT NULL
);
CREATE INDEX agent_presence_tenant ON agent_presence (tenant_id, online_until);

-- Routing (issue 21): an agent's teams, skills, languages and how many conversations they hold at once.
CREATE TABLE agent_profiles (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  teams jsonb NOT NULL DEFAULT '[]'::jsonb,
  skills jsonb NOT NULL DEFAULT '[]'::jsonb,
  languages jsonb NOT NULL DEFAULT '[]'::jsonb,
  max_concurrent integer NOT NULL DEFAULT 5 CHECK (max_concurrent BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL DEFAULT now()
);
