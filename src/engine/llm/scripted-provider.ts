import { LingxiError } from '../errors.ts';
import { chunksFromCompletion, chunksFromStream, type WireChunk, type WireCompletion } from './openai-wire.ts';
import type { CompletionChunk, CompletionRequest, LlmProvider } from './types.ts';

/** One scripted answer: a recorded `chat.completion`, a recorded stream of chunks, an error, or silence. */
export type ScriptStep =
  | { completion: WireCompletion }
  | { chunks: WireChunk[] }
  | { error: Error }
  | { hang: true };

export interface ScriptedProvider extends LlmProvider {
  /** Every request received, in order (deep copies), for assertions on what would leave the machine. */
  readonly requests: CompletionRequest[];
}

/**
 * A deterministic provider for tests and offline benchmarks: answers each request with the next step of a
 * script written in the OpenAI wire format, decoded by the same code as the real adapter. No network.
 * A function script sees the request (e.g. to answer according to the last tool result).
 */
export function createScriptedProvider(script: ScriptStep[] | ((request: CompletionRequest, index: number) => ScriptStep), options: { model?: string } = {}): ScriptedProvider {
  const requests: CompletionRequest[] = [];
  const model = options.model ?? 'scripted-model';
  return {
    model,
    requests,
    describe: () => ({ provider: 'scripted', baseUrl: 'memory://scripted', model, apiKey: '(none)' }),
    complete(request) {
      const index = requests.length;
      const { signal, ...rest } = request;
      requests.push(structuredClone(rest));
      const step = typeof script === 'function' ? script(request, index) : script[index];
      return run(step, signal);
    },
  };
}

async function* run(step: ScriptStep | undefined, signal: AbortSignal | undefined): AsyncGenerator<CompletionChunk> {
  if (!step) throw new LingxiError('unavailable', 'The scripted provider has no more answers.');
  if ('error' in step) throw step.error;
  if ('hang' in step) {
    await new Promise((_, reject) => {
      if (signal?.aborted) reject(new LingxiError('unavailable', 'aborted'));
      signal?.addEventListener('abort', () => reject(new LingxiError('unavailable', 'aborted')), { once: true });
    });
    return;
  }
  if ('completion' in step) {
    yield* chunksFromCompletion(step.completion);
    return;
  }
  yield* chunksFromStream(fromArray(step.chunks));
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
