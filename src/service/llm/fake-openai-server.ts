import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one request: a stream of text pieces (SSE), an HTTP error, or silence. */
export type FakeOpenAIAnswer = { stream: string[]; delayMs?: number } | { status: number; body?: unknown } | { hang: true };

export interface FakeOpenAIServer {
  /** Base URL ending in /v1, as a tenant would configure it. */
  baseUrl: string;
  /** Every request: its Authorization header and JSON body (what left the service). */
  requests: Array<{ authorization: string | undefined; body: Record<string, unknown> }>;
  /** What the next requests get (default: a short streamed reply). */
  answer: (body: Record<string, unknown>) => FakeOpenAIAnswer;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1718000000, model: 'fake-model', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;

/**
 * A local OpenAI-compatible Chat Completions endpoint on 127.0.0.1 for service tests (tests only): streams text as
 * Server-Sent Events in the wire format of src/infra/__fixtures__/stream-text.sse, a piece every `delayMs`, so a test
 * can see the widget receive the reply while it is written; or fails with an HTTP status; or never answers.
 */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const requests: FakeOpenAIServer['requests'] = [];
  const fake: FakeOpenAIServer = {
    baseUrl: '', requests, answer: () => ({ stream: ['Hello from the model. ', 'How can I help?'] }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (part) => (text += part));
    request.on('end', async () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      requests.push({ authorization: request.headers.authorization, body });
      const answer = fake.answer(body);
      if ('hang' in answer) return;
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? { error: { message: 'upstream failed', type: 'server_error' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(chunk({ role: 'assistant', content: '' }));
      for (const piece of answer.stream) {
        await new Promise((resolve) => setTimeout(resolve, answer.delayMs ?? 30));
        response.write(chunk({ content: piece }));
      }
      response.write(chunk({ content: '' }, 'stop'));
      response.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1718000000, model: 'fake-model', choices: [], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } })}\n\n`);
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
