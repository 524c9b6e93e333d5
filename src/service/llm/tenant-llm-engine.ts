import type { LlmProvider } from '../../engine/llm/types.ts';
import { createOpenAICompatibleProvider, type OpenAICompatibleProviderDependencies } from '../../infra/openai-provider.ts';
import { createLlmEngine, type LlmEngine } from '../../packs/create-llm-engine.ts';
import type { PackEngine, PackEngineOptions } from '../../packs/create-pack-engine.ts';
import type { LlmSettings } from './llm-settings-store.ts';
import { createPrivacyProvider } from './privacy-provider.ts';

/**
 * The provider of a tenant's LLM settings: an OpenAI-compatible client (src/infra), wrapped in the strict privacy
 * filter when the tenant asked that nothing personal leave. No SDK retries: a customer is waiting, and on a failure the
 * offline engine answers at once instead.
 */
export function createTenantProvider(settings: LlmSettings, dependencies: OpenAICompatibleProviderDependencies = {}): LlmProvider {
  const provider = createOpenAICompatibleProvider({
    preset: settings.preset, baseUrl: settings.baseUrl, apiKey: settings.apiKey, model: settings.model,
    temperature: settings.temperature, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries ?? 0, stream: settings.stream ?? true,
    ...(settings.maxTokens ? { maxTokens: settings.maxTokens } : {}),
  }, dependencies);
  return settings.privacyMode === 'strict' ? createPrivacyProvider(provider) : provider;
}

/**
 * A tenant's LLM engine (the server's side of `createLlmEngine`): the offline pack engine built from the same options
 * (with the tenant's content) answers whenever the model cannot; the tenant's timeout and token budget bound the model.
 */
export async function createTenantLlmEngine(options: PackEngineOptions & { llm: LlmSettings; offline?: PackEngine }, dependencies: OpenAICompatibleProviderDependencies = {}): Promise<LlmEngine> {
  const { llm, ...packOptions } = options;
  return createLlmEngine({
    ...packOptions,
    provider: createTenantProvider(llm, dependencies),
    llm: { timeoutMs: llm.timeoutMs, maxTokensPerConversation: llm.maxTokensPerConversation, temperature: llm.temperature },
  });
}
