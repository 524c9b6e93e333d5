import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../../testing/create-test-service.ts';

/** CORS of the widget HTTP API (the hook in widget-http.ts): per-tenant origins, preflights, nothing elsewhere. */
let t: TestService;
const SHOP = 'https://shop.example.com';
beforeAll(async () => {
  t = await createTestService();
  const tenant = (await t.service.context.store.getTenant(t.a.tenantId))!;
  await t.service.context.store.updateTenantSettings(tenant.id, { ...tenant.settings, allowedOrigins: [SHOP] });
});
afterAll(async () => t?.close());

const preflight = (origin: string, url = '/v1/widget/conversations') => t.service.app.inject({
  method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
});

describe('widget CORS', () => {
  it('answers the preflight of an allowed origin, and not of others', async () => {
    const allowed = await preflight(SHOP);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': SHOP, 'access-control-allow-methods': 'GET, POST', vary: 'origin' });
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const path = await preflight(SHOP, '/v1/widget/conversations/conv_x/messages?after=0');
    expect(path.headers['access-control-allow-origin']).toBe(SHOP);
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("names the origin on the real response only when the request's own tenant allows it", async () => {
    const start = (tenantKey: string, origin: string) => t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', headers: { origin }, payload: { tenantKey } });
    const fromShop = await start(t.a.widgetKey, SHOP);
    expect(fromShop.statusCode).toBe(200);
    expect(fromShop.headers['access-control-allow-origin']).toBe(SHOP);
    // Tenant b does not list the shop: a page there cannot read b's widget API.
    expect((await start(t.b.widgetKey, SHOP)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await start(t.a.widgetKey, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    // Token routes: the tenant comes from the widget token.
    const session = fromShop.json();
    const sent = await t.service.app.inject({
      method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { origin: SHOP, authorization: `Bearer ${session.token}` }, payload: { clientId: 'c1', text: 'hello' },
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it('adds nothing to other API routes', async () => {
    const agent = await t.service.app.inject({ url: '/v1/agent/me', headers: { origin: SHOP, authorization: `Bearer ${t.a.tokens.agent}` } });
    expect(agent.statusCode).toBe(200);
    expect(agent.headers['access-control-allow-origin']).toBeUndefined();
    const agentPreflight = await t.service.app.inject({ method: 'OPTIONS', url: '/v1/agent/me', headers: { origin: SHOP, 'access-control-request-method': 'GET' } });
    expect(agentPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('validates the allowedOrigins setting', async () => {
    const current = (await t.service.app.inject({ url: '/v1/agent/settings', headers: { authorization: `Bearer ${t.a.tokens.admin}` } })).json();
    const { widgetKey: _key, widgetSecret: _secret, ...settings } = current;
    const save = (allowedOrigins: string[]) => t.service.app.inject({ method: 'PUT', url: '/v1/agent/settings', headers: { authorization: `Bearer ${t.a.tokens.admin}` }, payload: { ...settings, allowedOrigins } });
    expect((await save(['https://shop.example.com/path'])).statusCode).toBe(400);
    expect((await save(['*'])).statusCode).toBe(400);
    const saved = await save([' HTTPS://Shop.Example.com ', 'http://localhost:8080']);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:8080']);
  });
});
