import { LingxiError } from '../../engine/errors.ts';
import { backendShape, toRecords, type CollectionShape, type RecordChange } from '../../packs/backend-records.ts';
import type { BackendWrite } from '../../packs/backend-state.ts';
import type { SqlClient, SqlExecutor } from '../storage/sql-client.ts';

/** A stored record; `removed` = a tombstone (the record was deleted by a write). */
export interface StoredRecord {
  collection: string;
  key: string;
  value: unknown;
  removed: boolean;
}

export interface BackendSnapshot {
  version: number;
  shape: Record<string, CollectionShape>;
  /** All records (full load) or those written after the version asked for, in rebuild order. */
  records: StoredRecord[];
}

/** Who made a turn's writes: the bot in a conversation, an agent, or the system. */
export interface WriteActor {
  kind: 'bot' | 'agent' | 'system';
  id?: string | null;
}

export interface BackendCommit {
  conversationId: string | null;
  actor: WriteActor;
  writes: BackendWrite[];
}

export interface AuditEntry {
  id: string;
  pack: string;
  version: number;
  conversationId: string | null;
  actor: WriteActor['kind'];
  actorId: string | null;
  customerId: string | null;
  tool: string;
  arguments: Record<string, unknown>;
  changes: RecordChange[];
  createdAt: string;
}

/** The packs' demo backends per tenant in the service database (table comments: migrations/016-pack-backends.sql). */
export interface PackBackendStore {
  /** Versions of the tenant's stored backends among `packs` (a pack not seeded yet is absent). */
  versions(tenantId: string, packs: string[]): Promise<Record<string, number>>;
  /** Stores `data` as the tenant's backend of `pack` unless one is stored already (another node may have won). */
  seed(tenantId: string, pack: string, data: Record<string, unknown>): Promise<void>;
  /** The stored backend: every record, or with `afterVersion` only those written since. Null when not seeded. */
  load(tenantId: string, pack: string, afterVersion?: number): Promise<BackendSnapshot | null>;
  /**
   * A turn's writes in ONE transaction: each changed record is compared with the value the write started from and
   * replaced (a different stored value = another node changed it meanwhile: LingxiError `conflict`, nothing written),
   * the backend's version moves on by one per pack, and one audit row per write tool call is added.
   * Returns the new version per pack. With `tx`, inside that transaction (the conversation turn's commit).
   */
  commit(tenantId: string, commit: BackendCommit, tx?: SqlExecutor): Promise<Record<string, number>>;
  /** `count` fresh id numbers for the tenant: [first, first + count). Never handed out twice. */
  allocateIds(tenantId: string, count: number): Promise<number>;
  audit(tenantId: string, options?: { conversationId?: string; limit?: number }): Promise<AuditEntry[]>;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Net change per record over a turn: the first write's `before`, the last write's `after`. */
function netChanges(writes: BackendWrite[]): RecordChange[] {
  const byRecord = new Map<string, RecordChange>();
  for (const write of writes) {
    for (const change of write.changes) {
      const id = `${change.collection}\u0000${change.key}`;
      const previous = byRecord.get(id);
      byRecord.set(id, { ...change, before: previous ? previous.before : change.before });
    }
  }
  return [...byRecord.values()];
}

export function createPackBackendStore(sql: SqlClient): PackBackendStore {
  return {
    async versions(tenantId, packs) {
      const rows = await sql.query<{ pack: string; version: string }>('SELECT pack, version FROM pack_backends WHERE tenant_id = $1 AND pack = ANY($2::text[])', [tenantId, packs], { prepare: 'lingxi_backend_versions' });
      return Object.fromEntries(rows.map((row) => [row.pack, Number(row.version)]));
    },

    async seed(tenantId, pack, data) {
      const records = toRecords(data).map((record, index) => ({ ...record, position: index, value: record.value ?? null }));
      await sql.transaction(async (tx) => {
        const inserted = await tx.query('INSERT INTO pack_backends (tenant_id, pack, shape) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING pack', [tenantId, pack, JSON.stringify(backendShape(data))]);
        if (!inserted.length) return;
        await tx.query(`INSERT INTO pack_backend_records (tenant_id, pack, collection, key, position, value, version)
          SELECT $1, $2, r.collection, r.key, r.position, r.value, 1 FROM jsonb_to_recordset($3::jsonb) AS r(collection text, key text, position integer, value jsonb)`,
        [tenantId, pack, JSON.stringify(records)]);
      });
    },

    async load(tenantId, pack, afterVersion) {
      // One statement: the version and the records are read from the same snapshot.
      const [row] = await sql.query<{ version: string; shape: unknown; records: unknown }>(`
        SELECT b.version, b.shape, (SELECT COALESCE(jsonb_agg(jsonb_build_object('collection', r.collection, 'key', r.key, 'value', r.value, 'removed', r.removed) ORDER BY r.position, r.key), '[]'::jsonb)
          FROM pack_backend_records r WHERE r.tenant_id = b.tenant_id AND r.pack = b.pack AND r.version > $3) AS records
        FROM pack_backends b WHERE b.tenant_id = $1 AND b.pack = $2`, [tenantId, pack, afterVersion ?? 0]);
      if (!row) return null;
      return { version: Number(row.version), shape: json(row.shape), records: json<StoredRecord[]>(row.records) };
    },

    async commit(tenantId, commit, outer) {
      const packs = [...new Set(commit.writes.map((write) => write.pack))].sort();
      const inTransaction = <T>(work: (tx: SqlExecutor) => Promise<T>) => (outer ? work(outer) : sql.transaction(work));
      return inTransaction(async (tx) => {
        const versions: Record<string, number> = {};
        for (const pack of packs) {
          const writes = commit.writes.filter((write) => write.pack === pack);
          // Locks the backend row: commits of one tenant's pack run one after another on every node.
          const [bumped] = await tx.query<{ version: string; shape: unknown }>('UPDATE pack_backends SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND pack = $2 RETURNING version, shape', [tenantId, pack]);
          if (!bumped) throw new LingxiError('not_found', `The ${pack} backend of this tenant is not stored yet.`);
          const version = Number(bumped.version);
          const shape = json<Record<string, CollectionShape>>(bumped.shape);
          versions[pack] = version;
          for (const change of netChanges(writes)) {
            const created = change.before === null;
            let key = change.key;
            if (created && shape[change.collection] === 'array') {
              // An append (a new ticket, claim …): another node may have appended at the same index meanwhile. Appends do
              // not conflict, so this one goes to the end; the node loads the other's record with the next version.
              const [{ count }] = await tx.query<{ count: string }>('SELECT COUNT(*) AS count FROM pack_backend_records WHERE tenant_id = $1 AND pack = $2 AND collection = $3', [tenantId, pack, change.collection]);
              key = String(Math.max(Number(count), Number(change.key)));
            }
            const [written] = await tx.query(`
              INSERT INTO pack_backend_records AS r (tenant_id, pack, collection, key, position, value, removed, version)
              VALUES ($1, $2, $3, $4, (SELECT COUNT(*) FROM pack_backend_records WHERE tenant_id = $1 AND pack = $2 AND collection = $3), $5::jsonb, $6, $7)
              ON CONFLICT (tenant_id, pack, collection, key) DO UPDATE SET value = EXCLUDED.value, removed = EXCLUDED.removed, version = EXCLUDED.version
                WHERE ($8::boolean AND r.removed) OR (NOT $8::boolean AND NOT r.removed AND r.value = $9::jsonb)
              RETURNING 1`,
            [tenantId, pack, change.collection, key, change.removed ? null : JSON.stringify(change.after ?? null), change.removed, version, created, created ? null : JSON.stringify(change.before)]);
            if (!written) {
              throw new LingxiError('conflict', `Record ${change.collection}/${change.key} of the ${pack} backend was changed by another request meanwhile; nothing was saved.`, { details: { backend: true, pack, collection: change.collection, key: change.key } });
            }
          }
          for (const write of writes) {
            await tx.query(`INSERT INTO pack_backend_audit (tenant_id, pack, version, conversation_id, actor, actor_id, customer_id, tool, arguments, changes, created_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)`, [
              tenantId, pack, version, commit.conversationId, commit.actor.kind, commit.actor.id ?? null,
              write.actor.kind === 'customer' ? write.actor.customerId : null, write.tool, JSON.stringify(write.arguments), JSON.stringify(write.changes), write.at,
            ]);
          }
        }
        return versions;
      });
    },

    async allocateIds(tenantId, count) {
      if (!Number.isInteger(count) || count < 1) throw new LingxiError('validation_failed', 'allocateIds needs a positive whole count.');
      const [row] = await sql.query<{ next_value: string }>(`INSERT INTO pack_backend_ids (tenant_id, next_value) VALUES ($1, $2::bigint + 1)
        ON CONFLICT (tenant_id) DO UPDATE SET next_value = pack_backend_ids.next_value + $2::bigint RETURNING next_value`, [tenantId, count]);
      return Number(row.next_value) - count;
    },

    async audit(tenantId, options = {}) {
      const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM pack_backend_audit WHERE tenant_id = $1 AND ($2::text IS NULL OR conversation_id = $2)
        ORDER BY id DESC LIMIT $3`, [tenantId, options.conversationId ?? null, Math.min(Math.max(options.limit ?? 100, 1), 1_000)]);
      return rows.map((row) => ({
        id: String(row.id), pack: String(row.pack), version: Number(row.version), conversationId: (row.conversation_id as string | null) ?? null,
        actor: row.actor as WriteActor['kind'], actorId: (row.actor_id as string | null) ?? null, customerId: (row.customer_id as string | null) ?? null,
        tool: String(row.tool), arguments: json(row.arguments), changes: json(row.changes), createdAt: new Date(row.created_at as string).toISOString(),
      }));
    },
  };
}
