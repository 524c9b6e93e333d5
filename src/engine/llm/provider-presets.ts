import { z } from 'zod';
import { LingxiError } from '../errors.ts';

/**
 * Known OpenAI-compatible endpoints in one table: base URL, a sensible default model, and the provider's own
 * API-key variable (read when LINGXI_LLM_API_KEY is not set). Local servers need no key.
 * Models change often; the default is only used when no model is configured.
 */
export const PROVIDER_PRESETS = {
  deepseek: { label: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', keyVariable: 'DEEPSEEK_API_KEY', local: false },
  qwen: { label: 'Qwen (Alibaba Cloud DashScope, compatible mode)', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', keyVariable: 'DASHSCOPE_API_KEY', local: false },
  glm: { label: 'GLM (Zhipu AI BigModel)', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', model: 'glm-4-flash', keyVariable: 'ZHIPUAI_API_KEY', local: false },
  doubao: { label: 'Doubao (Volcengine Ark)', baseUrl: 'https://ark.cn-beijing.volces.com/api/v3', model: 'doubao-1-5-pro-32k-250115', keyVariable: 'ARK_API_KEY', local: false },
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', keyVariable: 'OPENAI_API_KEY', local: false },
  vllm: { label: 'vLLM (self-hosted)', baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct', keyVariable: 'VLLM_API_KEY', local: true },
  ollama: { label: 'Ollama (self-hosted)', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', keyVariable: 'OLLAMA_API_KEY', local: true },
  llamacpp: { label: 'llama.cpp server (self-hosted)', baseUrl: 'http://127.0.0.1:8080/v1', model: 'local', keyVariable: 'LLAMACPP_API_KEY', local: true },
} as const;

export type PresetName = keyof typeof PROVIDER_PRESETS;
export const PRESET_NAMES = Object.keys(PROVIDER_PRESETS) as PresetName[];

/** Configuration of one OpenAI-compatible provider, validated at start-up. */
export const providerConfigSchema = z.object({
  preset: z.union([z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]), z.literal('custom')]).default('custom'),
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Empty for local servers that ignore it. */
  apiKey: z.string().default(''),
  model: z.string().trim().min(1),
  temperature: z.number().min(0).max(2).default(0.2),
  /** Per request; a slower answer is abandoned and the offline engine answers the turn. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Per customer turn over all model calls; past it the offline engine answers (LINGXI_LLM_TURN_DEADLINE_MS). */
  turnDeadlineMs: z.number().int().positive().default(8_000),
  /** Maximum completion tokens per model call. */
  maxTokens: z.number().int().positive().default(1_024),
  /** Retries of the SDK on 429/5xx/connection errors before the turn falls back. */
  maxRetries: z.number().int().min(0).max(5).default(1),
  /** Stream responses (Server-Sent Events); non-streaming is useful for endpoints with broken SSE. */
  stream: z.boolean().default(true),
  /**
   * `strict` (default): phone, e-mail, ID and card numbers, names and addresses are replaced by placeholders before
   * anything leaves for the model (src/service/llm/privacy-provider.ts). `standard` opts out (LINGXI_LLM_PRIVACY).
   */
  privacy: z.enum(['strict', 'standard'], { error: 'must be strict or standard' }).default('strict'),
});

export type ProviderConfig = z.infer<typeof providerConfigSchema>;

export type ProviderOptions = Partial<Omit<ProviderConfig, 'preset'>> & { preset?: string };

/**
 * Resolves the provider configuration: explicit option > `LINGXI_LLM_*` > `LLM_*` > the preset's provider
 * variable and defaults. Returns null when no model endpoint is configured at all (Lingxi then runs offline).
 * Pure: the environment is passed in as a record.
 *
 * @example resolveProviderConfig({}, { LINGXI_LLM_PRESET: 'deepseek', DEEPSEEK_API_KEY: 'sk-…' })
 */
export function resolveProviderConfig(options: ProviderOptions, env: Record<string, string | undefined>): ProviderConfig | null {
  const pick = (name: string) => env[`LINGXI_LLM_${name}`] || env[`LLM_${name}`] || undefined;
  const presetName = options.preset ?? pick('PRESET') ?? pick('PROVIDER');
  if (presetName && presetName !== 'custom' && !(presetName in PROVIDER_PRESETS)) {
    throw new LingxiError('validation_failed', `Unknown LLM preset "${presetName}" (option --llm-preset / LINGXI_LLM_PRESET). Choose one of: ${PRESET_NAMES.join(', ')}, custom.`);
  }
  const preset = presetName && presetName !== 'custom' ? PROVIDER_PRESETS[presetName as PresetName] : undefined;
  const baseUrl = options.baseUrl ?? pick('BASE_URL') ?? preset?.baseUrl;
  if (!baseUrl) return null;
  const apiKey = options.apiKey ?? pick('API_KEY') ?? (preset ? env[preset.keyVariable] : undefined) ?? '';
  if (!apiKey && preset && !preset.local) {
    throw new LingxiError('validation_failed', `The ${preset.label} preset needs an API key: set LINGXI_LLM_API_KEY or ${preset.keyVariable} (keys are never taken on the command line).`);
  }
  const model = options.model ?? pick('MODEL') ?? preset?.model;
  if (!model) throw new LingxiError('validation_failed', 'No model configured for the LLM endpoint: set --llm-model or LINGXI_LLM_MODEL.');
  const numeric = (name: string) => (pick(name) !== undefined && pick(name) !== '' ? Number(pick(name)) : undefined);
  const parsed = providerConfigSchema.safeParse({
    preset: (presetName ?? 'custom') as ProviderConfig['preset'],
    baseUrl, apiKey, model,
    temperature: options.temperature ?? numeric('TEMPERATURE'),
    timeoutMs: options.timeoutMs ?? numeric('TIMEOUT_MS'),
    turnDeadlineMs: options.turnDeadlineMs ?? numeric('TURN_DEADLINE_MS'),
    maxTokens: options.maxTokens ?? numeric('MAX_TOKENS'),
    maxRetries: options.maxRetries ?? numeric('MAX_RETRIES'),
    stream: options.stream ?? (pick('STREAM') ? pick('STREAM') !== 'false' : undefined),
    privacy: options.privacy ?? pick('PRIVACY'),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new LingxiError('validation_failed', `Invalid LLM configuration (LINGXI_LLM_*): ${issues}`);
  }
  return parsed.data;
}

/** Masks a secret for logs and `describe()`: the last four characters at most, never the whole key. */
export function maskSecret(secret: string): string {
  if (!secret) return '(none)';
  if (secret.length < 12) return '****';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
