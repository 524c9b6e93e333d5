import type { SqlClient, SqlExecutor } from './sql-client.ts';
import type { AuditEntry, NewAuditEntry } from './store.ts';

type Row = Record<string, unknown>;

/** An audit_log row as an AuditEntry. */
export const toAudit = (row: Row): AuditEntry => ({
  id: String(row.id), tenantId: row.tenant_id as string, actorKind: row.actor_kind as AuditEntry['actorKind'], actorId: row.actor_id as string,
  action: row.action as string, targetType: (row.target_type as string) ?? null, targetId: (row.target_id as string) ?? null,
  data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
  createdAt: (row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at))).toISOString(),
});

/** Inserts one audit row through `executor` (the caller's transaction, or the client for a row on its own). */
export async function insertAudit(executor: SqlExecutor, entry: NewAuditEntry): Promise<AuditEntry> {
  const [row] = await executor.query(
    'INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_type, target_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING *',
    [entry.tenantId, entry.actorKind, entry.actorId, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.data ?? {})]);
  return toAudit(row);
}

/**
 * Runs a change and, when `audit` is given, writes its audit row in the same transaction (issue 12): a change that
 * commits is always recorded, and an audit insert that fails rolls the change back. `audit` may be a function of the
 * change's result (e.g. the counts of an erasure). Without `audit` the change runs as before, on `sql` directly.
 */
export async function withAudit<T>(sql: SqlClient, audit: NewAuditEntry | ((result: T) => NewAuditEntry) | undefined, change: (executor: SqlExecutor) => Promise<T>): Promise<T> {
  if (!audit) return change(sql);
  return sql.transaction(async (tx) => {
    const result = await change(tx);
    await insertAudit(tx, typeof audit === 'function' ? audit(result) : audit);
    return result;
  });
}
