import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLingxiError } from '../engine/errors.ts';
import type { CompletionChunk, CompletionRequest } from '../engine/llm/types.ts';
import { createOpenAICompatibleProvider } from './openai-provider.ts';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const API_KEY = 'sk-test-0123456789abcdef-SECRET';

type Answer = { status: number; json?: string; sse?: string; raw?: string } | { hang: true };
const answers: Answer[] = [];
const received: Array<{ url: string; authorization: string | undefined; body: Record<string, unknown> }> = [];
let server: Server;
let baseUrl: string;

/** A local server speaking the OpenAI Chat Completions protocol from recorded wire-format fixtures. */
function handle(request: IncomingMessage, response: ServerResponse): void {
  let body = '';
  request.on('data', (part) => (body += part));
  request.on('end', () => {
    received.push({ url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(body) });
    const answer = answers.shift() ?? { status: 500, json: fixture('error-500.json') };
    if ('hang' in answer) return;
    if (answer.sse !== undefined) {
      response.writeHead(answer.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      // Send in two pieces to exercise the SDK's SSE reassembly across network chunks.
      const middle = Math.floor(answer.sse.length / 2);
      response.write(answer.sse.slice(0, middle));
      setTimeout(() => response.end(answer.sse!.slice(middle)), 5);
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.json ?? answer.raw);
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  answers.length = 0;
  received.length = 0;
});

const request: CompletionRequest = {
  messages: [{ role: 'system', content: 'policy' }, { role: 'user', content: '取消订单 #W8770097' }],
  tools: [{ type: 'function', function: { name: 'get_order_details', description: 'Get an order.', parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } } }],
};

async function collect(iterable: AsyncIterable<CompletionChunk>): Promise<CompletionChunk[]> {
  const chunks: CompletionChunk[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

function provider(overrides: { stream?: boolean; timeoutMs?: number } = {}) {
  return createOpenAICompatibleProvider({ baseUrl, apiKey: API_KEY, model: 'deepseek-chat', maxRetries: 0, stream: true, timeoutMs: 5_000, ...overrides });
}

async function failure(iterable: AsyncIterable<CompletionChunk>): Promise<unknown> {
  try {
    await collect(iterable);
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('OpenAICompatibleProvider against a local OpenAI-protocol server', () => {
  it('sends model, messages, tools and the key, and decodes a non-streaming tool call', async () => {
    answers.push({ status: 200, json: fixture('completion-tool-call.json') });
    const chunks = await collect(provider({ stream: false }).complete({ ...request, temperature: 0 }));
    expect(chunks).toEqual([
      { type: 'tool_calls', calls: [{ id: 'call_0_7f3c', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id": "#W8770097"}' } }] },
      { type: 'usage', usage: { promptTokens: 1432, completionTokens: 21 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    expect(received[0].url).toBe('/v1/chat/completions');
    expect(received[0].authorization).toBe(`Bearer ${API_KEY}`);
    expect(received[0].body).toMatchObject({ model: 'deepseek-chat', temperature: 0, max_tokens: 1024, messages: request.messages, tools: request.tools });
  });

  it('streams text deltas over SSE and asks for usage', async () => {
    answers.push({ status: 200, sse: fixture('stream-text.sse') });
    const chunks = await collect(provider().complete(request));
    const text = chunks.filter((chunk) => chunk.type === 'text').map((chunk) => (chunk as { text: string }).text);
    expect(text.join('')).toBe('您的订单 #W8770097 仍在待处理状态。');
    expect(text.length).toBeGreaterThan(1);
    expect(chunks.at(-2)).toEqual({ type: 'usage', usage: { promptTokens: 1510, completionTokens: 14 } });
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(received[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('assembles a streamed tool call whose arguments arrive in fragments', async () => {
    answers.push({ status: 200, sse: fixture('stream-tool-call.sse') });
    const chunks = await collect(provider().complete(request));
    const calls = chunks.find((chunk) => chunk.type === 'tool_calls') as { calls: Array<{ function: { name: string; arguments: string } }> };
    expect(calls.calls[0].function.name).toBe('cancel_pending_order');
    expect(JSON.parse(calls.calls[0].function.arguments)).toEqual({ order_id: '#W8770097', reason: 'no longer needed' });
  });

  it('maps HTTP 429 to rate_limited and 500 to unavailable', async () => {
    answers.push({ status: 429, json: fixture('error-429.json') });
    const limited = await failure(provider().complete(request));
    expect(isLingxiError(limited) && limited.code).toBe('rate_limited');
    answers.push({ status: 500, json: fixture('error-500.json') });
    const broken = await failure(provider().complete(request));
    expect(isLingxiError(broken) && broken.code).toBe('unavailable');
  });

  it('times out a server that never answers', async () => {
    answers.push({ hang: true });
    const error = await failure(provider({ timeoutMs: 150 }).complete(request));
    expect(isLingxiError(error) && error.details?.reason).toBe('timeout');
  });

  it('reports a malformed body as unavailable, not as a crash', async () => {
    answers.push({ status: 200, raw: '{"choices": [' });
    const error = await failure(provider({ stream: false }).complete(request));
    expect(isLingxiError(error) && error.code).toBe('unavailable');
    answers.push({ status: 200, json: '{"object":"chat.completion","choices":[]}' });
    const empty = await failure(provider({ stream: false }).complete(request));
    expect(isLingxiError(empty) && empty.message).toMatch(/malformed/);
  });

  it('never shows the API key: describe, JSON, inspect and error messages are masked', async () => {
    const instance = provider();
    expect(instance.describe()).toEqual({ provider: 'openai-compatible:custom', baseUrl, model: 'deepseek-chat', apiKey: 'sk-…CRET' });
    expect(JSON.stringify(instance)).not.toContain(API_KEY);
    expect(inspect(instance, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    answers.push({ status: 401, json: JSON.stringify({ error: { message: `Incorrect API key provided: ${API_KEY}`, type: 'invalid_request_error' } }) });
    const error = await failure(instance.complete(request));
    expect(isLingxiError(error) && error.code).toBe('unauthenticated');
    expect(String((error as Error).message)).not.toContain(API_KEY);
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
  });
});
