import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { routeTable } from './build-app.ts';
import { findUnsafeInput, MAX_INPUT_DEPTH } from './input-guard.ts';

/**
 * Issue 23, D3: NUL characters, lone surrogates, 5,000-deep JSON and out-of-range seqs reached PostgreSQL (or recursive
 * code) and answered 500. Every route's body fields, query parameters and path ids, and every WebSocket frame, now get
 * these values and must answer a 4xx with a message naming the field — never a 5xx.
 */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('findUnsafeInput', () => {
  it('accepts ordinary Chinese and English text, emoji and moderate nesting', () => {
    expect(findUnsafeInput({ text: '你好，我的订单 LX1024 还没到 😀', list: [{ a: { b: ['x'] } }] }, 'body')).toBeUndefined();
    expect(findUnsafeInput(JSON.parse(deepJson(MAX_INPUT_DEPTH - 1)), 'body')).toBeUndefined();
  });
  it('names the field holding a NUL, a lone surrogate (either half), a bad key or too deep nesting', () => {
    expect(findUnsafeInput({ customer: { name: '张\u0000三' } }, 'body')).toMatch(/^body\.customer\.name contains a NUL/);
    expect(findUnsafeInput({ text: 'abc\ud800def' }, 'body')).toMatch(/body\.text contains a lone UTF-16 surrogate/);
    expect(findUnsafeInput(['ok', 'x\udc00'], 'frame')).toMatch(/frame\.1 contains a lone/);
    expect(findUnsafeInput({ ['k\u0000']: 1 }, 'query')).toMatch(/a key in query contains a NUL/);
    expect(findUnsafeInput(JSON.parse(deepJson(5000)), 'body')).toMatch(/nested more than 64 levels/);
  });
});

let t: TestService;
let base: string;
let widget: { conversationId: string; token: string };
beforeAll(async () => {
  t = await createTestService({ rateLimitPerIp: 1_000_000, rateLimitLogin: 1_000_000, rateLimitPerCustomer: 1_000_000 }, { withSql: true });
  widget = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'guard' } })).json();
  base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
});
afterAll(async () => t.close());

const credentials = (url: string): Record<string, string> => {
  if (url === '/v1/agent/login' || url === '/v1/widget/conversations') return {};
  const token = url.startsWith('/v1/agent/') || url.startsWith('/v1/admin/') ? t.a.tokens.admin : url.startsWith('/v1/widget/') ? widget.token : t.a.apiKey;
  return { authorization: `Bearer ${token}` };
};
const post = (method: string, url: string, payload: string) =>
  t.service.app.inject({ method: method as 'POST', url, headers: { ...credentials(url), 'content-type': 'application/json' }, payload });

describe('the HTTP boundary', () => {
  it('answers each reproduction of the issue with a 400 naming the field', async () => {
    const conversation = `/v1/widget/conversations/${widget.conversationId}`;
    const tries: Array<[string, string, string, RegExp]> = [
      ['POST', `${conversation}/messages`, JSON.stringify({ clientId: 'nul-1', text: 'hello\u0000world' }), /body\.text contains a NUL/],
      ['POST', `${conversation}/messages`, JSON.stringify({ clientId: 'sur-1', text: 'abc\ud800def' }), /body\.text contains a lone/],
      ['POST', '/v1/widget/conversations', JSON.stringify({ tenantKey: t.a.widgetKey, customerId: 'victim\u0000' }), /body\.customerId/],
      ['POST', '/v1/customers', JSON.stringify({ externalId: 'x\u0000', name: 'n' }), /body\.externalId/],
      ['POST', '/v1/customers', JSON.stringify({ externalId: 'x2', name: '李\u0000四' }), /body\.name/],
      ['POST', '/v1/customers', JSON.stringify({ externalId: 'x3', attributes: { vip: 'y\u0000' } }), /body\.attributes\.vip/],
      ['POST', '/v1/customers', `{"externalId":"x4","attributes":${deepJson(5000)}}`, /nested more than 64/],
      ['POST', '/v1/knowledge', JSON.stringify({ title: 't', body: 'b\u0000', locale: 'zh' }), /body\.body/],
      ['POST', '/v1/agent/login', JSON.stringify({ email: 'admin\u0000@demo.test', password: 'x' }), /body\.email/],
      ['POST', `${conversation}/rating`, JSON.stringify({ score: 5, comment: '好\u0000' }), /body\.comment/],
      ['POST', '/v1/agent/tickets', `{"conversationId":"${widget.conversationId}","subject":"s","details":${deepJson(5000)}}`, /nested more than 64/],
      ['GET', '/v1/agent/conversations/%00', '', /params\.id contains a NUL/],
      ['GET', '/v1/agent/conversations?status=%00', '', /query\.status contains a NUL/],
    ];
    for (const [method, url, payload, message] of tries) {
      const response = method === 'GET' ? await t.service.app.inject({ url, headers: credentials(url) }) : await post(method, url, payload);
      expect(response.statusCode, `${method} ${url} ${payload.slice(0, 80)} → ${response.body.slice(0, 200)}`).toBe(400);
      expect(response.json().message).toMatch(message);
    }
  });

  it('never answers 5xx when any body field, query parameter or path id of any route holds poison', async () => {
    const openapi = (await t.service.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; parameters?: Array<{ in: string; name: string }> }>>;
    };
    const routes = routeTable.get(t.service.app)!.filter((route) => route.url.startsWith('/v1/') && !route.url.endsWith('/ws'));
    // Raw JSON texts, so that 5,000-deep nesting and numbers past 2^31 arrive exactly as an attacker would send them.
    const poison = fc.oneof(
      fc.constantFrom('"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"abc\\udfffdef"', '"😀\\ud83d"', deepJson(5000), '2147483648', '9007199254740993', '-2147483649', '1e308'),
      fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.string({ maxLength: 20 })).map((parts) => JSON.stringify(parts.join(''))),
    );
    const queryPoison = fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '2147483648', '99999999999999999999', '-2147483649');
    let requests = 0;
    let serverErrors = 0;
    const failures: string[] = [];
    for (const route of routes) {
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const fields = Object.keys(operation?.requestBody?.content['application/json']?.schema.properties ?? {});
      const queryNames = (operation?.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'waitMs').map((p) => p.name);
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...(fields.length ? fields : ['field'])), poison, queryPoison, fc.constantFrom(...(queryNames.length ? queryNames : ['extra'])), fc.constantFrom('%00', 'id%00', widget.conversationId),
        async (field, value, queryValue, queryName, id) => {
          const url = `${route.url.replace(/:(\w+)/g, () => id)}?${queryName}=${queryValue}`;
          requests++;
          const response = hasBody ? await post(route.method, url, `{"${field}":${value}}`)
            : await t.service.app.inject({ method: route.method as 'GET', url, headers: credentials(route.url) });
          if (response.statusCode >= 500) {
            serverErrors++;
            failures.push(`${route.method} ${url} ${field}=${value.slice(0, 40)} → ${response.body.slice(0, 160)}`);
          }
        },
      ), { numRuns: 20, seed: 23 });
    }
    console.log(`input-guard property test: ${routes.length} routes, ${requests} requests, ${serverErrors} answered 5xx`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1400);
    expect(t.logs.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});

describe('the WebSocket boundary', () => {
  it('answers a NUL, a lone surrogate, deep nesting or afterSeq past 2^31 in a widget frame with a validation error', async () => {
    const frames = [
      JSON.stringify({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws\u0000' }),
      JSON.stringify({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws\ud800' }),
      `{"type":"hello","tenantKey":"${t.a.widgetKey}","extra":${deepJson(5000)}}`,
      JSON.stringify({ type: 'hello', tenantKey: t.a.widgetKey, afterSeq: 2147483648 }),
    ];
    for (const frame of frames) {
      const client = await connectTestClient(`${base}/v1/widget/ws`);
      client.send(frame);
      const error = await client.waitFor((f) => f.type === 'error');
      expect(error.code, `${frame.slice(0, 80)} → ${error.message}`).toBe('validation_failed');
      client.socket.terminate();
    }
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-guard' });
    await client.waitFor((f) => f.type === 'welcome');
    for (const frame of [{ type: 'message', clientId: 'c1', text: 'hi\u0000' }, { type: 'read', seq: 2147483648 }]) {
      const from = client.frames.length;
      client.send(frame);
      expect((await client.waitFor((f) => f.type === 'error', from)).code).toBe('validation_failed');
    }
    client.socket.terminate();
  });

  it('answers a poisoned agent frame with an error frame and keeps the socket', async () => {
    const agent = await connectTestClient(`${base}/v1/agent/ws?token=${t.a.tokens.agent}`);
    await agent.waitFor((f) => f.type === 'welcome');
    agent.send({ type: 'typing', conversationId: 'conv\u0000', on: true });
    expect((await agent.waitFor((f) => f.type === 'error')).code).toBe('validation_failed');
    const from = agent.frames.length;
    agent.send({ type: 'ping' });
    await agent.waitFor((f) => f.type === 'pong', from);
    agent.close();
    expect(t.logs.filter((line) => line.includes('unexpected error') || line.includes('frame failed'))).toEqual([]);
  });
});
