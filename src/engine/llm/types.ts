/**
 * The LLM provider port (house style §1): the engine talks to a language model only through this interface.
 * The message and tool shapes follow the OpenAI Chat Completions protocol, which DeepSeek, Qwen (DashScope),
 * GLM, Doubao, OpenAI and self-hosted vLLM/Ollama/llama.cpp servers all speak; the adapter lives in src/infra.
 */

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** A function the model may call; `parameters` is JSON Schema. */
export interface ChatToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface CompletionRequest {
  messages: ChatMessage[];
  tools: ChatToolSpec[];
  /** Overrides the provider's configured temperature. */
  temperature?: number;
  /** Overrides the provider's configured maximum of completion tokens. */
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * What a provider streams back, already decoded from the wire format:
 * text deltas as they arrive, tool calls once their arguments are complete, usage and the finish reason last.
 */
export type CompletionChunk =
  | { type: 'text'; text: string }
  | { type: 'tool_calls'; calls: ChatToolCall[] }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; reason: string };

/** Safe to log: the API key is masked. */
export interface ProviderDescription {
  provider: string;
  baseUrl: string;
  model: string;
  apiKey: string;
}

export interface LlmProvider {
  /** The model name sent with each request (used for pricing and events). */
  readonly model: string;
  /** One chat completion. Errors (timeout, HTTP 429/5xx, malformed responses) are thrown as LingxiError. */
  complete(request: CompletionRequest): AsyncIterable<CompletionChunk>;
  describe(): ProviderDescription;
}
