import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestClient, type TestFrame } from '../testing/ws-test-client.ts';
import { startFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server.ts';
import { createLlmTestService, type LlmTestService } from './llm-test-service.ts';

const KEY = 'sk-stream-test-0123456789abcdef';
let t: LlmTestService;
let fake: FakeOpenAIServer;
let client: Awaited<ReturnType<typeof connectTestClient>>;
let conversationId: string;
let sent = 0;
beforeAll(async () => {
  [t, fake] = await Promise.all([createLlmTestService(), startFakeOpenAIServer()]);
  const base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  client = await connectTestClient(`${base}/v1/widget/ws`);
  client.send({ type: 'hello', tenantKey: t.demo.widgetKey, customerId: 'llm-customer', locale: 'en' });
  conversationId = (await client.waitFor((frame) => frame.type === 'welcome')).conversationId;
});
afterAll(async () => {
  client.close();
  await t.close();
  await fake.close();
});

/** Sends a customer message; resolves with the frames from it up to the bot's stored reply. */
async function turn(text: string): Promise<{ frames: TestFrame[]; reply: TestFrame; ms: number }> {
  const from = client.frames.length;
  const started = Date.now();
  client.send({ type: 'message', clientId: `c${++sent}`, text });
  const reply = await client.waitFor((frame) => frame.type === 'message' && frame.message.author === 'bot', from, 10_000);
  return { frames: client.frames.slice(from), reply, ms: Date.now() - started };
}

async function configure(body: Record<string, unknown>) {
  const response = await t.service.app.inject({ method: 'PUT', url: '/v1/admin/llm', headers: { authorization: `Bearer ${t.tokens.admin}` }, payload: body });
  expect(response.statusCode, response.body).toBe(200);
  await t.service.context.engines.forTenant((await t.service.context.store.getTenant(t.demo.tenantId))!);
  await t.service.context.engines.settled(t.demo.tenantId);
}

describe('LLM mode in the service', () => {
  it('answers offline while LLM mode is off (no request leaves)', async () => {
    const { reply } = await turn('tell me about the parcel');
    expect(reply.message.text).toBe('Sorry, I did not understand.');
    expect(fake.requests).toHaveLength(0);
  });

  it('switches to the model without a restart and streams its reply to the widget before the stored message', async () => {
    await configure({ enabled: true, preset: 'custom', baseUrl: fake.baseUrl, model: 'fake-model', apiKey: KEY });
    // No tool ran, so the model states no status ("on its way" would be withheld as a made-up status, issue 22).
    fake.answer = () => ({ stream: ['I can help with your parcel. ', 'Please tell me its tracking number. ', 'Anything else?'], delayMs: 40 });
    const { frames, reply } = await turn('tell me about the parcel');
    expect(reply.message.text).toBe('I can help with your parcel. Please tell me its tracking number. Anything else?');
    const deltas = frames.filter((frame) => frame.type === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.every((delta) => delta.conversationId === conversationId)).toBe(true);
    expect(deltas.map((delta) => delta.text).join('')).toBe(reply.message.text);
    // Previews first: every delta arrives before the ack and the stored message.
    const kinds = frames.map((frame) => frame.type);
    expect(kinds.lastIndexOf('delta')).toBeLessThan(kinds.indexOf('ack'));
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);
    // Deltas are never stored: the conversation holds the customer message and the final reply only.
    const stored = await t.service.context.store.listMessages(t.demo.tenantId, conversationId);
    expect(stored.filter((message) => message.text.startsWith('I can help with your parcel')).map((message) => message.author)).toEqual(['bot']);
  });

  it('falls back to the offline engine when the provider fails (HTTP 500), and logs the turn', async () => {
    fake.answer = () => ({ status: 500 });
    const before = fake.requests.length;
    const { reply } = await turn('tell me about the parcel again');
    expect(fake.requests.length).toBeGreaterThan(before);
    expect(reply.message.text).toBe('Sorry, I did not understand.');
    const events = await t.service.context.store.listEvents(t.demo.tenantId, conversationId);
    const failed = events.filter((event) => event.type === 'llm.failed');
    expect(failed.at(-1)?.data).toMatchObject({ model: 'fake-model', reason: 'provider_error' });
    const stored = await t.service.context.store.listMessages(t.demo.tenantId, conversationId);
    expect(stored.slice(-2).map((message) => [message.author, message.text])).toEqual([['customer', 'tell me about the parcel again'], ['bot', 'Sorry, I did not understand.']]);
  });

  it('falls back when the provider hangs, within the tenant timeout', async () => {
    await configure({ timeoutMs: 1_000 });
    fake.answer = () => ({ hang: true });
    const from = client.frames.length;
    const pending = turn('where is the parcel now');
    // While the model hangs the widget already shows the bot typing (issue 22 item 5) …
    const started = Date.now();
    await client.waitFor((frame) => frame.type === 'typing' && frame.author === 'bot' && frame.on === true, from, 2_000);
    const typingAfterMs = Date.now() - started;
    expect(typingAfterMs).toBeLessThan(500);
    const { frames, reply, ms } = await pending;
    expect(reply.message.text).toBe('Sorry, I did not understand.');
    expect(ms).toBeLessThan(5_000);
    // … and is told the bot stopped once the reply is stored.
    await client.waitFor((frame) => frame.type === 'typing' && frame.author === 'bot' && frame.on === false, from, 2_000);
    expect(frames.findIndex((frame) => frame.type === 'typing')).toBeLessThan(frames.indexOf(reply));
    const events = await t.service.context.store.listEvents(t.demo.tenantId, conversationId);
    expect(events.filter((event) => event.type === 'llm.failed').at(-1)?.data).toMatchObject({ reason: 'timeout' });
  });

  it('switches back to offline without a restart', async () => {
    await configure({ enabled: false });
    const before = fake.requests.length;
    const { frames, reply } = await turn('and the parcel?');
    expect(reply.message.text).toBe('Sorry, I did not understand.');
    expect(frames.some((frame) => frame.type === 'delta')).toBe(false);
    expect(fake.requests.length).toBe(before);
    expect(t.logs.join('\n')).not.toContain(KEY);
  });
});
