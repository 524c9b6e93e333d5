import type { SecretBox } from '../security/secret-box.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { ChannelConfig, ChannelKind } from './channel.ts';

/** Changes to one channel configuration: settings replace the stored ones when given; a secret set to null is removed. */
export interface ChannelConfigPatch {
  enabled?: boolean;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string | null>;
}

type Row = { tenant_id: string; kind: string; enabled: boolean; settings: Record<string, unknown> | string; sealed_secrets: string | null; updated_at: Date | string };

/** Per-tenant channel configuration (table `channel_configs`) and small channel state (table `channel_state`). */
export interface ChannelConfigStore {
  get(tenantId: string, kind: ChannelKind): Promise<ChannelConfig | null>;
  list(tenantId: string): Promise<ChannelConfig[]>;
  /** Enabled configurations of one kind across tenants (listeners and pollers that serve every tenant). */
  listEnabled(kind: ChannelKind): Promise<ChannelConfig[]>;
  upsert(tenantId: string, kind: ChannelKind, patch: ChannelConfigPatch): Promise<ChannelConfig>;
  readState(tenantId: string, kind: ChannelKind, key: string): Promise<string | null>;
  writeState(tenantId: string, kind: ChannelKind, key: string, value: string): Promise<void>;
  /** Stores `value` unless the key exists; returns the value that is stored afterwards (first writer wins). */
  claimState(tenantId: string, kind: ChannelKind, key: string, value: string): Promise<string>;
}

/**
 * Channel configuration on the SQL client. Secrets are sealed as one JSON object with the {@link SecretBox} (AES-256-GCM,
 * key from the service secret) and opened only here, so every other layer sees plain settings and opened secrets while
 * the database holds ciphertext.
 */
export function createChannelConfigStore(deps: { sql: SqlExecutor; secretBox: SecretBox }): ChannelConfigStore {
  const { sql, secretBox } = deps;
  const toConfig = (row: Row): ChannelConfig => ({
    tenantId: row.tenant_id,
    kind: row.kind as ChannelKind,
    enabled: row.enabled,
    settings: typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings,
    secrets: row.sealed_secrets ? JSON.parse(secretBox.open(row.sealed_secrets)) : {},
    updatedAt: (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString(),
  });
  const get = async (tenantId: string, kind: ChannelKind) => {
    const [row] = await sql.query<Row>('SELECT * FROM channel_configs WHERE tenant_id = $1 AND kind = $2', [tenantId, kind]);
    return row ? toConfig(row) : null;
  };

  return {
    get,
    async list(tenantId) {
      return (await sql.query<Row>('SELECT * FROM channel_configs WHERE tenant_id = $1 ORDER BY kind', [tenantId])).map(toConfig);
    },
    async listEnabled(kind) {
      return (await sql.query<Row>('SELECT * FROM channel_configs WHERE kind = $1 AND enabled ORDER BY tenant_id', [kind])).map(toConfig);
    },
    async upsert(tenantId, kind, patch) {
      const current = await get(tenantId, kind);
      const secrets: Record<string, string> = { ...current?.secrets };
      for (const [name, value] of Object.entries(patch.secrets ?? {})) {
        if (value === null) delete secrets[name];
        else secrets[name] = value;
      }
      const sealed = Object.keys(secrets).length ? secretBox.seal(JSON.stringify(secrets)) : null;
      const [row] = await sql.query<Row>(
        `INSERT INTO channel_configs (tenant_id, kind, enabled, settings, sealed_secrets, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (tenant_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, settings = EXCLUDED.settings, sealed_secrets = EXCLUDED.sealed_secrets, updated_at = now()
         RETURNING *`,
        [tenantId, kind, patch.enabled ?? current?.enabled ?? true, JSON.stringify(patch.settings ?? current?.settings ?? {}), sealed],
      );
      return toConfig(row);
    },
    async readState(tenantId, kind, key) {
      const [row] = await sql.query<{ value: string }>('SELECT value FROM channel_state WHERE tenant_id = $1 AND kind = $2 AND key = $3', [tenantId, kind, key]);
      return row?.value ?? null;
    },
    async writeState(tenantId, kind, key, value) {
      await sql.query(
        'INSERT INTO channel_state (tenant_id, kind, key, value) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, kind, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()',
        [tenantId, kind, key, value],
      );
    },
    async claimState(tenantId, kind, key, value) {
      await sql.query('INSERT INTO channel_state (tenant_id, kind, key, value) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, kind, key) DO NOTHING', [tenantId, kind, key, value]);
      const [row] = await sql.query<{ value: string }>('SELECT value FROM channel_state WHERE tenant_id = $1 AND kind = $2 AND key = $3', [tenantId, kind, key]);
      return row.value;
    },
  };
}
