import { resolveProviderConfig } from '../../engine/llm/provider-presets.ts';
import { DEFAULT_LLM_SETTINGS, type LlmSettings, type LlmSettingsStore } from './llm-settings-store.ts';

/**
 * The server-wide LLM default from the environment (`LINGXI_LLM_*` or `LLM_BASE_URL` / `LLM_API_KEY` / `LLM_MODEL`, or a
 * preset and its provider's key variable — the same resolution as `lingxi chat`), or null when none is configured.
 * Tenants that never saved LLM settings in the admin use it; a tenant's own settings (on or off) always win.
 */
export function environmentLlm(env: Record<string, string | undefined>): Omit<LlmSettings, 'tenantId'> | null {
  const config = resolveProviderConfig({}, env);
  if (!config) return null;
  return {
    enabled: true, preset: config.preset, baseUrl: config.baseUrl, model: config.model, temperature: config.temperature, timeoutMs: config.timeoutMs,
    maxTokensPerConversation: DEFAULT_LLM_SETTINGS.maxTokensPerConversation, privacyMode: 'standard', apiKey: config.apiKey,
    // Below every stored revision (they start at 1), so the engine key of the default never equals a tenant's own.
    revision: -1, updatedAt: new Date(0).toISOString(),
  };
}

/** `loadLlm` for the engine registry: the tenant's active settings; else, if it never configured any, the default. */
export function tenantOrDefaultLlm(store: LlmSettingsStore | null, fallback: Omit<LlmSettings, 'tenantId'> | null) {
  return async (tenantId: string): Promise<LlmSettings | null> => {
    const own = store ? await store.active(tenantId) : null;
    if (own || !fallback) return own;
    if (store && (await store.get(tenantId))) return null;
    return { ...fallback, tenantId };
  };
}
