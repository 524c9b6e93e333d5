import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { routeTable } from './build-app.ts';

/**
 * Property tests over the whole HTTP API (issue 12): every route's body fields and query parameters get wrong types,
 * huge strings, deeply nested JSON and random Unicode; path ids get random Unicode. The answer is always a 2xx or a
 * 4xx with `{error, message}` — never a 500, never a crash. Callers are authorised (admin, API key, widget token) so
 * that the handlers behind validation run too.
 */
let t: TestService;
let conversationId: string;
let widgetToken: string;
let openapi: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: Array<{ in: string; name: string }> }>> };
type JsonSchema = { properties?: Record<string, unknown> };

beforeAll(async () => {
  t = await createTestService({ rateLimitPerIp: 1_000_000, rateLimitLogin: 1_000_000 });
  const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'fuzz' } })).json();
  conversationId = session.conversationId;
  widgetToken = session.token;
  openapi = (await t.service.app.inject({ url: '/openapi.json' })).json();
});
afterAll(async () => t.close());

const deeplyNested = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { nested: value };
  return value;
});
const unicode = fc.string({ unit: 'binary', maxLength: 60 });
const hugeString = fc.integer({ min: 4001, max: 60_000 }).map((length) => '灵犀😀\u0000\uD800'.repeat(Math.ceil(length / 6)).slice(0, length));
/** Anything a confused or hostile client might put where a field belongs. */
const wrongValue = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), unicode, hugeString, deeplyNested,
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }), fc.dictionary(unicode, fc.anything({ maxDepth: 3 }), { maxKeys: 4 }),
  fc.constantFrom('', ' ', '__proto__', 'constructor', "'; DROP TABLE messages; --", '<script>alert(1)</script>', '9'.repeat(400), '-1', 'NaN'),
);
const queryValue = fc.oneof(unicode, fc.constantFrom('', '-1', '1e309', 'NaN', 'true', '[]', '{}', '9'.repeat(400), '%00'));

const credentials = (url: string): string => {
  if (url === '/v1/agent/login' || url === '/v1/widget/conversations') return '';
  if (url.startsWith('/v1/agent/')) return `Bearer ${t.a.tokens.admin}`;
  if (url.startsWith('/v1/widget/')) return `Bearer ${widgetToken}`;
  return `Bearer ${t.a.apiKey}`;
};

const fuzzRoutes = () => routeTable.get(t.service.app)!.filter((route) => route.url.startsWith('/v1/') && !route.url.endsWith('/ws'));

const expectClientSafe = (response: { statusCode: number; body: string }, what: string) => {
  expect(response.statusCode, `${what} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
  if (response.statusCode >= 400) {
    const body = JSON.parse(response.body);
    expect(typeof body.error, what).toBe('string');
    expect(body.message.length, what).toBeGreaterThan(5);
  }
};

describe('HTTP API under hostile input', () => {
  it('answers wrong types, huge strings, nesting and random Unicode on every body field with a 4xx, never a 500', async () => {
    let requests = 0;
    let routesWithFields = 0;
    for (const route of fuzzRoutes().filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const fields = Object.keys(operation?.requestBody?.content['application/json']?.schema.properties ?? {});
      if (fields.length) routesWithFields++;
      const body = fc.oneof(
        fc.record(Object.fromEntries(fields.map((field) => [field, wrongValue])), { requiredKeys: [] }),
        wrongValue,
      );
      await fc.assert(fc.asyncProperty(body, fc.boolean(), async (payload, realId) => {
        const url = route.url.replace(/:(\w+)/g, () => (realId ? conversationId : encodeURIComponent('ä😀/..%' + Math.random())));
        requests++;
        const response = await t.service.app.inject({
          method: route.method as 'POST', url, headers: { authorization: credentials(route.url), 'content-type': 'application/json' }, payload: JSON.stringify(payload),
        });
        expectClientSafe(response, `${route.method} ${route.url} ${JSON.stringify(payload).slice(0, 200)}`);
      }), { numRuns: 20, seed: 12 });
    }
    expect(requests).toBeGreaterThan(300);
    expect(routesWithFields).toBeGreaterThan(12);
  });

  it('answers random query strings and path ids on every GET and DELETE route with a 4xx or a 2xx', async () => {
    for (const route of fuzzRoutes().filter((r) => ['GET', 'DELETE'].includes(r.method))) {
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const names = (operation?.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'waitMs').map((p) => p.name);
      await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...names, 'extra'), queryValue, { maxKeys: 4 }), unicode, async (query, id) => {
        const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(id) || 'x');
        const search = new URLSearchParams(query).toString();
        const response = await t.service.app.inject({ method: route.method as 'GET', url: `${url}?${search}`, headers: { authorization: credentials(route.url) } });
        expectClientSafe(response, `${route.method} ${url}?${search}`);
      }), { numRuns: 15, seed: 7 });
    }
  });

  it('rejects malformed JSON, wrong content types and oversized bodies with clear messages', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      t.service.app.inject({ method: 'POST', url: '/v1/customers', headers: { authorization: `Bearer ${t.a.apiKey}`, 'content-type': contentType }, payload });
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (raw) => {
      expectClientSafe(await post(`{"externalId": ${raw}`), 'broken JSON');
    }), { numRuns: 50, seed: 3 });
    const tooBig = await post(JSON.stringify({ externalId: 'x', name: 'y'.repeat(70_000) }));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toMatch(/too large/);
    const xml = await post('<customer/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().message).toMatch(/JSON/);
    const nested = await post(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expectClientSafe(nested, 'deep nesting');
  });

  it('kept working and logged no unexpected error', async () => {
    expect((await t.service.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect(t.logs.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});
