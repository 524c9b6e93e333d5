import type { PresetName } from '../../engine/llm/provider-presets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';

/**
 * `strict` (the default, issue 22 item 6): nothing personal leaves (see privacy-provider.ts). `standard`: the model reads
 * the conversation as the agent builds it — a tenant's explicit opt-out, warned about in the admin.
 */
export type LlmPrivacyMode = 'standard' | 'strict';

/** One tenant's LLM mode, with the API key opened (only this store and the engine factory ever hold it). */
export interface LlmSettings {
  tenantId: string;
  enabled: boolean;
  preset: PresetName | 'custom';
  baseUrl: string;
  model: string;
  temperature: number;
  timeoutMs: number;
  maxTokensPerConversation: number;
  privacyMode: LlmPrivacyMode;
  /** Empty when none is set (local servers need none). */
  apiKey: string;
  /**
   * Only the server-wide default (LINGXI_LLM_STREAM / _MAX_TOKENS / _MAX_RETRIES) sets these; a tenant's stored settings
   * leave them unset: streaming on, the provider's completion limit, no SDK retries (the offline engine answers instead).
   */
  stream?: boolean;
  maxTokens?: number;
  maxRetries?: number;
  /** Grows on every change; part of the tenant's engine key so that a change rebuilds the engine. */
  revision: number;
  updatedAt: string;
}

/** Changes: absent fields keep their value; `apiKey: null` removes the key, a string replaces it. */
export type LlmSettingsPatch = Partial<Omit<LlmSettings, 'tenantId' | 'apiKey' | 'revision' | 'updatedAt'>> & { apiKey?: string | null };

/** What a tenant without a row gets: off, with the DeepSeek preset filled in for the form. */
export const DEFAULT_LLM_SETTINGS = {
  enabled: false, preset: 'deepseek', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', temperature: 0.2,
  timeoutMs: 30_000, maxTokensPerConversation: 60_000, privacyMode: 'strict',
} as const satisfies Omit<LlmSettingsPatch, 'apiKey'>;

export interface LlmSettingsStore {
  /** The stored settings (key opened), or null when the tenant never configured LLM mode. */
  get(tenantId: string): Promise<LlmSettings | null>;
  /** The settings when LLM mode is on, else null; cached for `cacheMs` per tenant (read on every customer turn). */
  active(tenantId: string): Promise<LlmSettings | null>;
  put(tenantId: string, patch: LlmSettingsPatch): Promise<LlmSettings>;
}

type Row = {
  tenant_id: string; enabled: boolean; preset: string; base_url: string; model: string; temperature: number | string; timeout_ms: number;
  max_tokens_per_conversation: number; privacy_mode: string; sealed_api_key: string | null; revision: number; updated_at: Date | string;
};

/**
 * Per-tenant LLM settings on the SQL client (table `tenant_llm_settings`, migration 014). The API key is sealed with the
 * service's {@link SecretBox} and opened only here: the database holds ciphertext, the HTTP layer never sees the key
 * except to write it. `active` is read on every turn, so it is cached briefly; `put` clears this process's entry and
 * other nodes see the change within `cacheMs`.
 */
export function createLlmSettingsStore(deps: { sql: SqlExecutor; secretBox: SecretBox; cacheMs?: number; now?: () => number }): LlmSettingsStore {
  const { sql, secretBox } = deps;
  const cacheMs = deps.cacheMs ?? 3_000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<LlmSettings | null> }>();
  const toSettings = (row: Row): LlmSettings => ({
    tenantId: row.tenant_id, enabled: row.enabled, preset: row.preset as LlmSettings['preset'], baseUrl: row.base_url, model: row.model,
    temperature: Number(row.temperature), timeoutMs: row.timeout_ms, maxTokensPerConversation: row.max_tokens_per_conversation,
    privacyMode: row.privacy_mode === 'strict' ? 'strict' : 'standard', apiKey: row.sealed_api_key ? secretBox.open(row.sealed_api_key) : '',
    revision: row.revision, updatedAt: (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString(),
  });
  const get = async (tenantId: string) => {
    const [row] = await sql.query<Row>('SELECT * FROM tenant_llm_settings WHERE tenant_id = $1', [tenantId]);
    return row ? toSettings(row) : null;
  };

  return {
    get,
    active(tenantId) {
      const hit = cache.get(tenantId);
      if (hit && now() - hit.at < cacheMs) return hit.value;
      const value = get(tenantId).then((settings) => (settings?.enabled ? settings : null));
      cache.set(tenantId, { at: now(), value });
      value.catch(() => cache.delete(tenantId));
      return value;
    },
    async put(tenantId, patch) {
      const current = (await get(tenantId)) ?? { ...DEFAULT_LLM_SETTINGS, apiKey: '' };
      const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) } as LlmSettings;
      const apiKey = patch.apiKey === undefined ? current.apiKey : patch.apiKey ?? '';
      const [row] = await sql.query<Row>(
        `INSERT INTO tenant_llm_settings (tenant_id, enabled, preset, base_url, model, temperature, timeout_ms, max_tokens_per_conversation, privacy_mode, sealed_api_key, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, now())
         ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled, preset = EXCLUDED.preset, base_url = EXCLUDED.base_url, model = EXCLUDED.model,
           temperature = EXCLUDED.temperature, timeout_ms = EXCLUDED.timeout_ms, max_tokens_per_conversation = EXCLUDED.max_tokens_per_conversation,
           privacy_mode = EXCLUDED.privacy_mode, sealed_api_key = EXCLUDED.sealed_api_key, revision = tenant_llm_settings.revision + 1, updated_at = now()
         RETURNING *`,
        [tenantId, merged.enabled, merged.preset, merged.baseUrl, merged.model, merged.temperature, merged.timeoutMs, merged.maxTokensPerConversation, merged.privacyMode, apiKey ? secretBox.seal(apiKey) : null],
      );
      cache.delete(tenantId);
      return toSettings(row);
    },
  };
}
