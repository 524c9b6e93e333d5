-- Durable demo backends of the packs (issue 20): each tenant's orders, bookings, claims … row by row, seeded from the
-- pack's data on first use. A record is one entry of a top-level collection of the pack's data (src/packs/
-- backend-records.ts); `version` is the backend version that last wrote it, so a node that has version N loads only the
-- records with a newer one. A removed record stays as a tombstone (removed = true) so other nodes see the removal.
CREATE TABLE pack_backends (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  pack text NOT NULL,
  -- collection -> 'map' | 'array' | 'value': how the records rebuild the pack's data object.
  shape jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  seeded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, pack)
);

CREATE TABLE pack_backend_records (
  tenant_id text NOT NULL,
  pack text NOT NULL,
  collection text NOT NULL,
  key text NOT NULL,
  -- Map key order / array index: the order a rebuild restores.
  position integer NOT NULL,
  value jsonb,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  PRIMARY KEY (tenant_id, pack, collection, key),
  FOREIGN KEY (tenant_id, pack) REFERENCES pack_backends (tenant_id, pack) ON DELETE CASCADE
);
CREATE INDEX pack_backend_records_version ON pack_backend_records (tenant_id, pack, version);

-- One row per write tool call: who (bot or agent, and the backend customer the tool acted for), in which conversation,
-- the tool and its arguments, and every record it changed with its value before and after.
CREATE TABLE pack_backend_audit (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  pack text NOT NULL,
  version bigint NOT NULL,
  conversation_id text,
  actor text NOT NULL,
  actor_id text,
  customer_id text,
  tool text NOT NULL,
  arguments jsonb NOT NULL,
  changes jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pack_backend_audit_tenant ON pack_backend_audit (tenant_id, id);
CREATE INDEX pack_backend_audit_conversation ON pack_backend_audit (conversation_id);

-- Ids of created records (RP_…, CP_…) come in blocks from this counter, so no two nodes and no restart repeat one.
CREATE TABLE pack_backend_ids (
  tenant_id text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  next_value bigint NOT NULL
);
