import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';

/**
 * Issue 23, D4: after POST /v1/widget/conversations answered 429, sockets sending `hello` still got `welcome`; each new
 * anonymous customer brought a fresh message bucket; customer typing frames reached agents unthrottled.
 */
let t: TestService;
let base: string;
beforeAll(async () => {
  t = await createTestService({ rateLimitWidgetStarts: 5, rateLimitPerIp: 1000 });
  base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
});
afterAll(async () => t.close());

const hello = async (customerId?: string) => {
  const client = await connectTestClient(`${base}/v1/widget/ws`);
  client.send({ type: 'hello', tenantKey: t.a.widgetKey, ...(customerId ? { customerId } : {}) });
  return { client, first: await client.waitFor((frame) => frame.type === 'welcome' || frame.type === 'error') };
};

describe('widget limits shared by HTTP and WebSocket, per address', () => {
  it('counts HTTP starts and WebSocket hellos in one bucket per address', async () => {
    const starts: number[] = [];
    for (let index = 0; index < 3; index++) starts.push((await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey } })).statusCode);
    expect(starts).toEqual([200, 200, 200]);
    const sockets = [await hello(), await hello(), await hello()];
    expect(sockets.map(({ first }) => first.type)).toEqual(['welcome', 'welcome', 'error']);
    expect(sockets[2].first).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/at most 5 per 10 minutes/) });
    expect((await sockets[2].client.closed()).code).toBe(4429);
    const refused = await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/per 10 minutes/);
    // Another address has its own bucket.
    expect((await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', remoteAddress: '198.51.100.7', payload: { tenantKey: t.a.widgetKey } })).statusCode).toBe(200);
    for (const { client } of sockets) client.socket.terminate();
  });

  it('limits messages per address as well as per customer, and throttles typing', async () => {
    // A service of its own: the start bucket of 127.0.0.1 above is spent.
    const other = await createTestService({ rateLimitWidgetStarts: 100, rateLimitPerCustomer: 3, rateLimitPerIp: 4 });
    const otherBase = (await other.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const open = async () => {
      const client = await connectTestClient(`${otherBase}/v1/widget/ws`);
      client.send({ type: 'hello', tenantKey: other.a.widgetKey });
      return { client, welcome: await client.waitFor((frame) => frame.type === 'welcome') };
    };
    const [first, second] = [await open(), await open()];
    const results: string[] = [];
    for (const [index, { client }] of [first, second, first, second, first, second].entries()) {
      const from = client.frames.length;
      client.send({ type: 'message', clientId: `m${index}`, text: `hello ${index}` });
      const answer = await client.waitFor((frame) => (frame.type === 'ack' || frame.type === 'error') && frame.clientId === `m${index}`, from);
      results.push(answer.type === 'ack' ? 'ack' : answer.code);
    }
    // Two anonymous customers, 3 each allowed, but 4 per address.
    expect(results).toEqual(['ack', 'ack', 'ack', 'ack', 'rate_limited', 'rate_limited']);

    const agent = await connectTestClient(`${otherBase}/v1/agent/ws?token=${encodeURIComponent(other.a.tokens.agent)}`);
    await agent.waitFor((frame) => frame.type === 'welcome');
    for (let index = 0; index < 200; index++) first.client.send({ type: 'typing', on: index % 2 === 0 });
    first.client.send({ type: 'ping' });
    await first.client.waitFor((frame) => frame.type === 'pong');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const typing = agent.frames.filter((frame) => frame.type === 'typing');
    expect(typing.length).toBeGreaterThan(0);
    expect(typing.length).toBeLessThanOrEqual(2);
    expect(typing.at(-1)).toMatchObject({ on: false });
    for (const client of [first.client, second.client, agent]) client.socket.terminate();
    await other.close();
  });
});
