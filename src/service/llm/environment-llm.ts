import { resolveProviderConfig } from '../../engine/llm/provider-presets.ts';
import { DEFAULT_LLM_SETTINGS, type LlmSettings, type LlmSettingsStore } from './llm-settings-store.ts';

/**
 * The server-wide LLM default from the environment (`LINGXI_LLM_*` or `LLM_BASE_URL` / `LLM_API_KEY` / `LLM_MODEL`, or a
 * preset and its provider's key variable — the same resolution as `lingxi chat`), or null when none is configured.
 * Tenants that never saved LLM settings in the admin use it; a tenant's own settings (on or off) always win.
 * Personal data is masked unless `LINGXI_LLM_PRIVACY=standard` (issue 22 item 6: privacy by default).
 */
export function environmentLlm(env: Record<string, string | undefined>): Omit<LlmSettings, 'tenantId'> | null {
  const config = resolveProviderConfig({}, env);
  if (!config) return null;
  return {
    enabled: true, preset: config.preset, baseUrl: config.baseUrl, model: config.model, temperature: config.temperature, timeoutMs: config.timeoutMs,
    maxTokensPerConversation: DEFAULT_LLM_SETTINGS.maxTokensPerConversation, privacyMode: config.privacy, apiKey: config.apiKey,
    // LINGXI_LLM_STREAM / _MAX_TOKENS / _MAX_RETRIES apply to the server-wide default as they do in `lingxi chat`.
    stream: config.stream, maxTokens: config.maxTokens, maxRetries: config.maxRetries,
    // Below every stored revision (they start at 1), so the engine key of the default never equals a tenant's own.
    revision: -1, updatedAt: new Date(0).toISOString(),
  };
}

/**
 * `loadLlm` for the engine registry (read on every turn): the tenant's active settings; else, if it never configured
 * any, the default. Whether a tenant has a row is remembered for `cacheMs` (as `active` is), so a turn costs no query.
 */
export function tenantOrDefaultLlm(store: LlmSettingsStore | null, fallback: Omit<LlmSettings, 'tenantId'> | null, cacheMs = 3000) {
  const hasRow = new Map<string, { value: boolean; until: number }>();
  return async (tenantId: string): Promise<LlmSettings | null> => {
    const own = store ? await store.active(tenantId) : null;
    if (own || !fallback) return own;
    if (store) {
      let known = hasRow.get(tenantId);
      if (!known || known.until < Date.now()) {
        known = { value: (await store.get(tenantId)) !== null, until: Date.now() + cacheMs };
        hasRow.set(tenantId, known);
      }
      if (known.value) return null;
    }
    return { ...fallback, tenantId };
  };
}
