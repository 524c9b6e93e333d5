import { LingxiError } from '../../engine/errors.ts';
import { newId } from '../ids.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import { connectorSpecSchema, connectorTools, type ConnectorConfig, type ConnectorSpec } from './connector-config.ts';

export interface ConnectorStore {
  list(tenantId: string): Promise<ConnectorConfig[]>;
  get(tenantId: string, id: string): Promise<ConnectorConfig | null>;
  create(tenantId: string, spec: ConnectorSpec, secret: string): Promise<ConnectorConfig>;
  /** `secret`: a string replaces it, null removes it, undefined keeps it. */
  update(tenantId: string, id: string, spec: ConnectorSpec, secret?: string | null): Promise<ConnectorConfig>;
  remove(tenantId: string, id: string): Promise<boolean>;
}

type Row = { id: string; tenant_id: string; spec: ConnectorSpec | string; sealed_secret: string | null; revision: number; updated_at: Date | string };

/**
 * Tenants' connectors on the SQL client (table `tenant_connectors`, migration 020). The secret is sealed with the
 * service's {@link SecretBox} and opened only here. A pack tool is served by at most one enabled connector of a tenant.
 */
export function createConnectorStore(deps: { sql: SqlExecutor; secretBox: SecretBox }): ConnectorStore {
  const { sql, secretBox } = deps;
  const toConfig = (row: Row): ConnectorConfig => ({
    ...connectorSpecSchema.parse(typeof row.spec === 'string' ? JSON.parse(row.spec) : row.spec),
    id: row.id, tenantId: row.tenant_id, secret: row.sealed_secret ? secretBox.open(row.sealed_secret) : '', revision: row.revision,
    updatedAt: (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString(),
  });
  const list = async (tenantId: string) => (await sql.query<Row>('SELECT * FROM tenant_connectors WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(toConfig);

  /** Refuses a second enabled connector for a tool some other connector of the tenant already serves. */
  async function checkOverlap(tenantId: string, spec: ConnectorSpec, id: string | null) {
    if (!spec.enabled) return;
    const mine = new Set(connectorTools(spec));
    for (const other of await list(tenantId)) {
      if (other.id === id || !other.enabled || other.pack !== spec.pack) continue;
      const shared = connectorTools(other).filter((tool) => mine.has(tool));
      if (shared.length) throw new LingxiError('conflict', `Connector "${other.name}" already serves ${shared.join(', ')} of ${spec.pack}; disable it or remove the tools from one of them.`);
    }
  }

  return {
    list,
    async get(tenantId, id) {
      const [row] = await sql.query<Row>('SELECT * FROM tenant_connectors WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      return row ? toConfig(row) : null;
    },
    async create(tenantId, spec, secret) {
      await checkOverlap(tenantId, spec, null);
      const [row] = await sql.query<Row>(
        'INSERT INTO tenant_connectors (id, tenant_id, name, pack, kind, spec, sealed_secret) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [newId('con'), tenantId, spec.name, spec.pack, spec.kind, JSON.stringify(spec), secret ? secretBox.seal(secret) : null],
      );
      return toConfig(row);
    },
    async update(tenantId, id, spec, secret) {
      await checkOverlap(tenantId, spec, id);
      const [row] = await sql.query<Row>(
        `UPDATE tenant_connectors SET name = $3, pack = $4, kind = $5, spec = $6,
           sealed_secret = CASE WHEN $7::boolean THEN $8 ELSE sealed_secret END, revision = revision + 1, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, id, spec.name, spec.pack, spec.kind, JSON.stringify(spec), secret !== undefined, secret ? secretBox.seal(secret) : null],
      );
      if (!row) throw new LingxiError('not_found', `Connector ${id} was not found.`);
      return toConfig(row);
    },
    async remove(tenantId, id) {
      return (await sql.query('DELETE FROM tenant_connectors WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id])).length > 0;
    },
  };
}
