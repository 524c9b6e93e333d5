import { LingxiError } from '../errors.ts';
import type { ChatToolCall, CompletionRequest, LlmProvider, TokenUsage } from './types.ts';

export interface ModelCallResult {
  text: string;
  calls: ChatToolCall[];
  /** Null when the provider did not report usage. */
  usage: TokenUsage | null;
  finishReason: string;
  latencyMs: number;
}

export interface ModelCallOptions {
  timeoutMs: number;
  /** Cancels the call (the customer left, the server shuts down). */
  signal?: AbortSignal;
  /** Monotonic milliseconds, for latency. */
  now: () => number;
  /** Receives the accumulated text after each text delta (for streaming to the customer). */
  onText?: (textSoFar: string) => void;
}

/**
 * Runs one completion and collects it. The timeout is enforced here as well as by the provider: a provider
 * that ignores the abort signal still cannot hang the conversation (every `next()` races the deadline).
 */
export async function callModel(provider: LlmProvider, request: Omit<CompletionRequest, 'signal'>, options: ModelCallOptions): Promise<ModelCallResult> {
  const started = options.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(timedOut
      ? new LingxiError('unavailable', `The language model did not answer within ${options.timeoutMs} ms.`, { details: { reason: 'timeout' } })
      : new LingxiError('unavailable', 'The model call was cancelled.', { details: { reason: 'cancelled' } })), { once: true });
  });
  aborted.catch(() => {});
  let text = '';
  let calls: ChatToolCall[] = [];
  let usage: TokenUsage | null = null;
  let finishReason = 'stop';
  try {
    if (controller.signal.aborted) await aborted;
    const iterator = provider.complete({ ...request, signal: controller.signal })[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted]);
        if (next.done) break;
        const chunk = next.value;
        if (chunk.type === 'text') {
          text += chunk.text;
          options.onText?.(text);
        } else if (chunk.type === 'tool_calls') {
          calls = [...calls, ...chunk.calls];
        } else if (chunk.type === 'usage') {
          usage = chunk.usage;
        } else {
          finishReason = chunk.reason;
        }
      }
    } finally {
      void iterator.return?.(undefined)?.catch?.(() => {});
    }
  } catch (error) {
    if (timedOut && !(error instanceof LingxiError && error.details?.reason === 'timeout')) {
      throw new LingxiError('unavailable', `The language model did not answer within ${options.timeoutMs} ms.`, { cause: error, details: { reason: 'timeout' } });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { text, calls, usage, finishReason, latencyMs: Math.max(0, options.now() - started) };
}
