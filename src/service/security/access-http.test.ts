import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';

/** Sessions and secrets (issue 12): lockout, password rules, widget identity, API keys hashed at rest, nothing secret logged. */
let service: Service;
let sql: SqlClient;
let demo: DemoSeed;
const logs: string[] = [];
const PASSWORD = 'demo-password-for-access';
beforeAll(async () => {
  sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  demo = (await seedDemo(store, { password: PASSWORD }))!;
  const logger = createLogger('debug', new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } }));
  service = await createService(loadServiceConfig({ secret: 'access-secret-0123456789', seedDemo: false, loginLockoutFailures: 3, rateLimitLogin: 1000 } as never, {}), {
    store, logger, engineFactory: async () => createScriptedEngine(),
  });
});
afterAll(async () => service.close());

const login = (email: string, password: string, remoteAddress = '10.0.0.1') =>
  service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email, password }, remoteAddress });
const adminToken = async () => (await login('admin@demo.lingxi.local', PASSWORD, '10.9.9.9')).json().token as string;

describe('access', () => {
  it('locks an account for one address after repeated wrong passwords, even for the right one', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect((await login('agent@demo.lingxi.local', 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login('agent@demo.lingxi.local', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    expect(locked.json().message).toMatch(/try again in \d+ min/);
    // The real user elsewhere is not locked out by the attacker, and other accounts from the address still work.
    expect((await login('agent@demo.lingxi.local', PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    expect((await login('supervisor@demo.lingxi.local', PASSWORD)).statusCode).toBe(200);
  });

  it('enforces password rules when an admin creates an account', async () => {
    const create = async (password: string) => service.app.inject({
      method: 'POST', url: '/v1/agent/users', headers: { authorization: `Bearer ${await adminToken()}` }, payload: { email: 'wang.fang@demo.test', name: '王芳', role: 'agent', password },
    });
    for (const [password, message] of [['short', /at least 10/], ['abcdefghijklmn', /two of/], ['Password123', /common/], ['wang.fang-2024', /e-mail name/]] as const) {
      const response = await create(password);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    expect((await create('客服-Station-42')).statusCode).toBe(200);
  });

  it('verifies the widget identity HMAC only when the tenant enforces it (HTTP and WebSocket)', async () => {
    const start = (payload: Record<string, unknown>) => service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, ...payload } });
    expect((await start({ customerId: 'shop-user-1' })).statusCode).toBe(200);
    const tenant = (await service.context.store.getTenant(demo.tenantId))!;
    await service.context.store.updateTenantSettings(tenant.id, { ...tenant.settings, enforceWidgetIdentity: true });
    expect((await start({ customerId: 'shop-user-1' })).statusCode).toBe(401);
    expect((await start({})).statusCode).toBe(401);
    expect((await start({ customerId: 'shop-user-1', hmac: widgetIdentityHmac(tenant.settings.widgetSecret, 'shop-user-2') })).statusCode).toBe(401);
    expect((await start({ customerId: 'shop-user-1', hmac: widgetIdentityHmac(tenant.settings.widgetSecret, 'shop-user-1') })).statusCode).toBe(200);
    const base = (await service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const forged = await connectTestClient(`${base}/v1/widget/ws`);
    forged.send({ type: 'hello', tenantKey: demo.widgetKey, customerId: 'shop-user-1', hmac: 'ab'.repeat(32) });
    expect((await forged.closed()).code).toBe(4401);
    const genuine = await connectTestClient(`${base}/v1/widget/ws`);
    genuine.send({ type: 'hello', tenantKey: demo.widgetKey, customerId: 'shop-user-1', hmac: widgetIdentityHmac(tenant.settings.widgetSecret, 'shop-user-1') });
    expect(await genuine.waitFor((f) => f.type === 'welcome')).toMatchObject({ customerId: 'shop-user-1' });
    genuine.close();
    await service.context.store.updateTenantSettings(tenant.id, { ...tenant.settings, enforceWidgetIdentity: false });
  });

  it('stores API keys and passwords only as hashes, and never logs secrets', async () => {
    logs.length = 0;
    const token = await adminToken();
    const created = (await service.app.inject({ method: 'POST', url: '/v1/agent/api-keys', headers: { authorization: `Bearer ${token}` }, payload: { name: 'erp' } })).json();
    expect(created.key).toMatch(/^lx_/);
    await login('admin@demo.lingxi.local', 'a-wrong-secret-guess', '10.7.7.7');
    const keys = await sql.query<{ key_hash: string; prefix: string }>('SELECT key_hash, prefix FROM api_keys');
    expect(keys.length).toBeGreaterThan(1);
    const rows = JSON.stringify(await sql.query('SELECT * FROM api_keys')) + JSON.stringify(await sql.query('SELECT * FROM users'));
    expect(rows).not.toContain(created.key);
    expect(rows).not.toContain(demo.apiKey);
    expect(rows).not.toContain(PASSWORD);
    expect(keys.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
    // The key works, and a request with it logs nothing secret either.
    expect((await service.app.inject({ url: '/v1/knowledge', headers: { authorization: `Bearer ${created.key}` } })).statusCode).toBe(200);
    service.context.logger.info({ password: PASSWORD, headers: { authorization: `Bearer ${created.key}` } }, 'careless log line');
    const written = logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [created.key, PASSWORD, 'a-wrong-secret-guess', token, 'access-secret-0123456789']) expect(written).not.toContain(secret);
  });
});
