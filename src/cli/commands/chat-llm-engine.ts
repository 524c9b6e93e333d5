import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import type { ProviderDescription } from '../../engine/llm/types.ts';
import { resolveProviderConfig, type ProviderOptions } from '../../engine/llm/provider-presets.ts';
import { createPackEngine, type PackEngineOptions } from '../../packs/create-pack-engine.ts';
import { createLlmEngine } from '../../packs/create-llm-engine.ts';
import { OpenAICompatibleProvider } from '../../infra/openai-provider.ts';
import { createPrivacyProvider } from '../../service/llm/privacy-provider.ts';

/**
 * `parseArgs` options for LLM mode, shared by `lingxi chat`, `serve` and `eval replay`. The API key is read
 * from the environment only (LINGXI_LLM_API_KEY or the provider's own variable), never from the command line,
 * where it would land in the shell history.
 */
export const LLM_CLI_OPTIONS = {
  'llm-preset': { type: 'string' },
  'llm-base-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-privacy': { type: 'string' },
  offline: { type: 'boolean', default: false },
} as const;

export interface LlmCliValues {
  'llm-preset'?: string;
  'llm-base-url'?: string;
  'llm-model'?: string;
  'llm-privacy'?: string;
  offline?: boolean;
}

export interface ConfiguredEngine {
  engine: ConversationEngine;
  mode: 'llm' | 'offline';
  /** The provider with its key masked (LLM mode), for a start-up line. */
  provider?: ProviderDescription;
}

/**
 * The engine a command should use: LLM mode when a model endpoint is configured (flags > LINGXI_LLM_* > LLM_*),
 * offline otherwise or with `--offline`. Invalid configuration fails at start-up with a message naming the
 * option and the variable (house style §8).
 */
export async function createConfiguredEngine(options: PackEngineOptions, values: LlmCliValues = {}, env: Record<string, string | undefined> = process.env): Promise<ConfiguredEngine> {
  const providerOptions: ProviderOptions = {
    ...(values['llm-preset'] ? { preset: values['llm-preset'] } : {}),
    ...(values['llm-base-url'] ? { baseUrl: values['llm-base-url'] } : {}),
    ...(values['llm-model'] ? { model: values['llm-model'] } : {}),
    ...(values['llm-privacy'] ? { privacy: values['llm-privacy'] as ProviderOptions['privacy'] } : {}),
  };
  const config = values.offline ? null : resolveProviderConfig(providerOptions, env);
  if (!config) return { engine: await createPackEngine(options), mode: 'offline' };
  const client = new OpenAICompatibleProvider(config);
  // Privacy by default (issue 22 item 6): personal data becomes placeholders unless --llm-privacy standard.
  const provider = config.privacy === 'strict' ? createPrivacyProvider(client) : client;
  // The same limits as the server's: the per-call timeout and the per-turn deadline from LINGXI_LLM_*.
  const engine = await createLlmEngine({ ...options, provider, llm: { timeoutMs: config.timeoutMs, turnDeadlineMs: config.turnDeadlineMs } });
  return { engine, mode: 'llm', provider: provider.describe() };
}
