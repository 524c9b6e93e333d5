import { inspect } from 'node:util';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LingxiError, isLingxiError } from '../engine/errors.ts';
import { chunksFromCompletion, chunksFromStream, type WireChunk, type WireCompletion } from '../engine/llm/openai-wire.ts';
import { maskSecret, providerConfigSchema, type ProviderConfig } from '../engine/llm/provider-presets.ts';
import type { CompletionChunk, CompletionRequest, LlmProvider, ProviderDescription } from '../engine/llm/types.ts';

export interface OpenAICompatibleProviderDependencies {
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The {@link LlmProvider} for every OpenAI-compatible endpoint (DeepSeek, Qwen/DashScope, GLM, Doubao/Ark,
 * OpenAI, vLLM, Ollama, llama.cpp), built on the official `openai` SDK. Streams by default (SSE, with usage);
 * maps timeouts, HTTP 429/5xx and malformed responses to LingxiError so the agent can fall back.
 * The API key lives in a private field: `describe()`, `JSON.stringify` and `util.inspect` show it masked.
 */
export class OpenAICompatibleProvider implements LlmProvider {
  readonly model: string;
  readonly #config: ProviderConfig;
  readonly #client: OpenAI;

  constructor(config: ProviderConfig, dependencies: OpenAICompatibleProviderDependencies = {}) {
    this.#config = providerConfigSchema.parse(config);
    this.model = this.#config.model;
    this.#client = new OpenAI({
      baseURL: this.#config.baseUrl,
      // Local servers ignore the key, but the SDK requires a non-empty one.
      apiKey: this.#config.apiKey || 'not-needed',
      timeout: this.#config.timeoutMs,
      maxRetries: this.#config.maxRetries,
      // The SDK logs an unreadable stream event with its raw text (model output, maybe customer data) to the console;
      // Lingxi reports the failure itself (llm.failed, reason malformed_response) without the payload.
      logLevel: 'off',
      ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
    });
  }

  complete(request: CompletionRequest): AsyncIterable<CompletionChunk> {
    return this.#run(request);
  }

  describe(): ProviderDescription {
    return { provider: `openai-compatible:${this.#config.preset}`, baseUrl: this.#config.baseUrl, model: this.model, apiKey: maskSecret(this.#config.apiKey) };
  }

  toJSON(): ProviderDescription {
    return this.describe();
  }

  [inspect.custom](): string {
    return `OpenAICompatibleProvider ${JSON.stringify(this.describe())}`;
  }

  async *#run(request: CompletionRequest): AsyncGenerator<CompletionChunk> {
    const body = {
      model: this.model,
      messages: request.messages as OpenAI.Chat.ChatCompletionMessageParam[],
      ...(request.tools.length ? { tools: request.tools as OpenAI.Chat.ChatCompletionTool[] } : {}),
      temperature: request.temperature ?? this.#config.temperature,
      max_tokens: request.maxTokens ?? this.#config.maxTokens,
    };
    const options = { signal: request.signal };
    try {
      if (this.#config.stream) {
        const stream = await this.#client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, options);
        yield* chunksFromStream(stream as AsyncIterable<WireChunk>);
      } else {
        const completion = await this.#client.chat.completions.create({ ...body, stream: false }, options);
        yield* chunksFromCompletion(completion as WireCompletion);
      }
    } catch (error) {
      throw this.#toLingxiError(error);
    }
  }

  /** One place where provider failures become Lingxi errors; messages never carry the key. */
  #toLingxiError(error: unknown): LingxiError {
    const clean = (text: string) => (this.#config.apiKey ? text.split(this.#config.apiKey).join(maskSecret(this.#config.apiKey)) : text);
    const where = `${this.describe().provider} ${this.model}`;
    if (isLingxiError(error)) return error;
    if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
      return new LingxiError('unavailable', `The request to ${where} was cancelled.`, { details: { reason: 'cancelled' } });
    }
    if (error instanceof APIConnectionTimeoutError) {
      return new LingxiError('unavailable', `${where} did not answer within ${this.#config.timeoutMs} ms.`, { details: { reason: 'timeout' } });
    }
    if (error instanceof APIConnectionError) {
      return new LingxiError('unavailable', `Cannot reach ${this.#config.baseUrl}: ${clean(error.message)}`, { details: { reason: 'connection' } });
    }
    if (error instanceof APIError) {
      const status = error.status ?? 0;
      const message = clean(error.message);
      if (status === 429) return new LingxiError('rate_limited', `${where} is rate limiting requests (HTTP 429): ${message}`, { details: { reason: 'rate_limited', status } });
      if (status === 401 || status === 403) return new LingxiError('unauthenticated', `${where} rejected the API key (HTTP ${status}); check LINGXI_LLM_API_KEY.`, { details: { reason: 'unauthenticated', status } });
      if (status >= 400 && status < 500) return new LingxiError('validation_failed', `${where} rejected the request (HTTP ${status}): ${message}`, { details: { reason: 'bad_request', status } });
      return new LingxiError('unavailable', `${where} failed (HTTP ${status || 'unknown'}): ${message}`, { details: { reason: 'provider_error', status } });
    }
    const message = error instanceof Error ? clean(error.message) : String(error);
    return new LingxiError('unavailable', `${where} returned a response Lingxi could not read: ${message}`, { details: { reason: 'malformed_response' } });
  }
}

/** Factory in house style; validates the configuration (zod) and applies its defaults. */
export function createOpenAICompatibleProvider(config: Partial<ProviderConfig> & Pick<ProviderConfig, 'baseUrl' | 'model'>, dependencies: OpenAICompatibleProviderDependencies = {}): OpenAICompatibleProvider {
  return new OpenAICompatibleProvider(providerConfigSchema.parse(config), dependencies);
}
