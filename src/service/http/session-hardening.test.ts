import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { APP_CONTENT_SECURITY_POLICY } from './security-headers.ts';

/** Issue 23, lows: tokens only where they must be (L4), security headers (L5), agent sockets that end with their right (L8), /metrics closed. */
let t: TestService;
let base: string;
beforeAll(async () => {
  t = await createTestService({ agentSocketRecheckMs: 200 }, { withSql: true });
  base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
});
afterAll(async () => t.close());

describe('agent tokens travel in the Authorization header on REST routes (L4)', () => {
  it('refuses ?token= on REST routes and accepts it on the agent WebSocket', async () => {
    const token = t.a.tokens.admin;
    expect((await t.service.app.inject({ url: '/v1/agent/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    for (const url of ['/v1/agent/me', '/v1/agent/conversations', '/v1/agent/audit', '/v1/knowledge', '/v1/admin/learning/gaps']) {
      const response = await t.service.app.inject({ url: `${url}?token=${encodeURIComponent(token)}` });
      expect([400, 401], `${url} → ${response.body}`).toContain(response.statusCode);
    }
    const socket = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(token)}`);
    await socket.waitFor((frame) => frame.type === 'welcome');
    socket.close();
  });
});

describe('security headers (L5)', () => {
  it('sends CSP and frame denial on the console, admin and start page, nosniff and no-referrer everywhere', async () => {
    for (const url of ['/', '/console/', '/admin/', '/admin/settings']) {
      const response = await t.service.app.inject({ url });
      expect(response.headers['content-security-policy'], url).toBe(APP_CONTENT_SECURITY_POLICY);
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
    expect(APP_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(APP_CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    const api = await t.service.app.inject({ url: '/healthz' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBeUndefined();
  });
});

describe('agent WebSocket ends with the right to it (L8)', () => {
  it('closes the socket when its token expires', async () => {
    const token = t.service.context.signer.sign({ kind: 'agent', tenantId: t.a.tenantId, userId: t.a.userIds.agent, role: 'agent' }, 1);
    const socket = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(token)}`);
    await socket.waitFor((frame) => frame.type === 'welcome');
    expect((await socket.closed()).code).toBe(4401);
    expect(socket.frames.at(-1)).toMatchObject({ type: 'error', code: 'unauthenticated' });
  });

  it('closes the socket of a user who is demoted or removed', async () => {
    const sql = t.sql!;
    const supervisor = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(t.a.tokens.supervisor)}`);
    await supervisor.waitFor((frame) => frame.type === 'welcome');
    await sql.query("UPDATE users SET role = 'agent' WHERE id = $1", [t.a.userIds.supervisor]);
    expect((await supervisor.closed()).code).toBe(4403);
    await sql.query("UPDATE users SET role = 'supervisor' WHERE id = $1", [t.a.userIds.supervisor]);

    const userId = 'usr_leaving';
    await sql.query("INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES ($1, $2, 'leaving@demo.test', 'Leaving', 'agent', 'x')", [userId, t.a.tenantId]);
    const token = t.service.context.signer.sign({ kind: 'agent', tenantId: t.a.tenantId, userId, role: 'agent' }, 3600);
    const leaving = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(token)}`);
    await leaving.waitFor((frame) => frame.type === 'welcome');
    await sql.query('DELETE FROM users WHERE id = $1', [userId]);
    expect((await leaving.closed()).code).toBe(4401);
  });
});

describe('/metrics is not public', () => {
  it('answers the machine itself, refuses other addresses, and takes a bearer token when one is configured', async () => {
    expect((await t.service.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const outside = await t.service.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().message).toMatch(/LINGXI_METRICS_TOKEN/);
    const config = t.service.context.config as { metricsToken?: string };
    config.metricsToken = 'metrics-token-0123456789';
    try {
      expect((await t.service.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(401);
      expect((await t.service.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
      const scraped = await t.service.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toMatch(/# HELP/);
    } finally {
      delete config.metricsToken;
    }
  });
});
