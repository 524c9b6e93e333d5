import { LingxiError } from '../errors.ts';
import type { ChatToolCall, CompletionChunk } from './types.ts';

/**
 * The OpenAI Chat Completions wire format (the subset Lingxi reads) and its decoding into {@link CompletionChunk}s.
 * Pure, so that the real adapter (src/infra/openai-provider.ts) and the scripted test provider decode
 * recorded responses with the same code.
 */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

export interface WireCompletion {
  choices?: Array<{
    message?: { content?: string | null; tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string } }> | null };
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
}

export interface WireChunk {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }> | null;
    };
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
}

function malformed(what: string): LingxiError {
  return new LingxiError('unavailable', `The language model returned a malformed response (${what}).`);
}

function usageChunk(usage: WireUsage | null | undefined): CompletionChunk[] {
  if (!usage || typeof usage.prompt_tokens !== 'number') return [];
  return [{ type: 'usage', usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens ?? 0 } }];
}

/** Decodes a non-streaming `chat.completion` object. */
export function chunksFromCompletion(completion: WireCompletion): CompletionChunk[] {
  const choice = completion?.choices?.[0];
  if (!choice || !choice.message) throw malformed('no choices');
  const chunks: CompletionChunk[] = [];
  if (typeof choice.message.content === 'string' && choice.message.content) chunks.push({ type: 'text', text: choice.message.content });
  const calls = (choice.message.tool_calls ?? []).map((call, index): ChatToolCall => {
    if (!call.function?.name) throw malformed('tool call without a name');
    return { id: call.id || `call_${index}`, type: 'function', function: { name: call.function.name, arguments: call.function.arguments ?? '' } };
  });
  if (calls.length) chunks.push({ type: 'tool_calls', calls });
  chunks.push(...usageChunk(completion.usage));
  chunks.push({ type: 'finish', reason: choice.finish_reason ?? (calls.length ? 'tool_calls' : 'stop') });
  return chunks;
}

/**
 * Decodes a stream of `chat.completion.chunk` objects: text deltas pass through as they arrive; tool-call
 * fragments (id and name first, arguments in pieces, keyed by `index`) are assembled and emitted once, at the end.
 */
export async function* chunksFromStream(stream: AsyncIterable<WireChunk>): AsyncGenerator<CompletionChunk> {
  const calls = new Map<number, ChatToolCall>();
  let finish: string | null = null;
  let usage: CompletionChunk[] = [];
  let seen = false;
  for await (const chunk of stream) {
    if (typeof chunk !== 'object' || chunk === null) throw malformed('stream chunk is not an object');
    seen = true;
    if (chunk.usage) usage = usageChunk(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content) yield { type: 'text', text: delta.content };
    for (const fragment of delta.tool_calls ?? []) {
      const index = fragment.index ?? 0;
      const call = calls.get(index) ?? { id: '', type: 'function' as const, function: { name: '', arguments: '' } };
      if (fragment.id) call.id = fragment.id;
      if (fragment.function?.name) call.function.name += fragment.function.name;
      if (fragment.function?.arguments) call.function.arguments += fragment.function.arguments;
      calls.set(index, call);
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  if (!seen) throw malformed('empty stream');
  const assembled = [...calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  if (assembled.some((call) => !call.function.name)) throw malformed('tool call without a name');
  if (assembled.length) yield { type: 'tool_calls', calls: assembled };
  yield* usage;
  yield { type: 'finish', reason: finish ?? (assembled.length ? 'tool_calls' : 'stop') };
}

/** Parses one Server-Sent-Events body (`data: {...}` lines, `data: [DONE]` at the end) into chunk objects. */
export function parseServerSentEvents(body: string): WireChunk[] {
  const chunks: WireChunk[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const payload = line.slice(5).trim();
    if (!payload || payload === '[DONE]') continue;
    try {
      chunks.push(JSON.parse(payload) as WireChunk);
    } catch (cause) {
      throw new LingxiError('unavailable', 'The language model returned a malformed stream chunk.', { cause });
    }
  }
  return chunks;
}
