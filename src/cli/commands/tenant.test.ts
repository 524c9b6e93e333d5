import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../../service/testing/create-test-service.ts';
import { tenant } from './tenant.ts';
import { user } from './user.ts';

/**
 * Issue 23, D10: a tenant and its first admin without SQL. The commands run against the test service's store; the
 * printed credentials must then work through the public API (login, widget start, API key).
 */
let t: TestService;
beforeAll(async () => {
  t = await createTestService();
});
afterAll(async () => t.close());

const run = async (command: typeof tenant | typeof user, argv: string[], environment: Record<string, string | undefined> = {}) => {
  let printed = '';
  const code = await command(argv, { open: async () => ({ store: t.service.context.store, close: async () => {} }), print: (text) => (printed += text), environment });
  return { code, printed };
};
const field = (printed: string, label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(printed)?.[1] ?? '';

describe('lingxi tenant create / lingxi user create', () => {
  it('provisions a working tenant and admin: the printed password logs in, the widget key starts a chat, the API key works', async () => {
    const created = await run(tenant, ['create', '--name', '新店 New Shop', '--locale', 'en']);
    expect(created.code).toBe(0);
    const tenantId = field(created.printed, 'Tenant id');
    const widgetKey = field(created.printed, 'Widget key');
    const apiKey = field(created.printed, 'API key');
    expect((await t.service.context.store.getTenant(tenantId))?.settings).toMatchObject({ packs: ['ecommerce'], locale: 'en', enforceWidgetIdentity: false });

    const admin = await run(user, ['create', '--tenant', tenantId, '--email', 'owner@new-shop.test', '--role', 'admin']);
    const password = field(admin.printed, 'Password');
    expect(password.length).toBeGreaterThanOrEqual(14);
    const login = await t.service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'owner@new-shop.test', password } });
    expect(login.statusCode).toBe(200);
    const me = await t.service.app.inject({ url: '/v1/agent/me', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(me.json()).toMatchObject({ user: { role: 'admin' }, tenantId, tenantName: '新店 New Shop' });
    expect((await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: widgetKey } })).statusCode).toBe(200);
    expect((await t.service.app.inject({ url: '/v1/knowledge', headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(200);
    const audit = await t.service.context.store.listAudit(tenantId, {});
    expect(audit.map((entry) => `${entry.action} ${entry.actorKind}`)).toContain('user.created system');
  });

  it('takes a chosen password from LINGXI_NEW_PASSWORD only if it passes the rules, and refuses duplicates and unknown tenants', async () => {
    const tenantId = field((await run(tenant, ['create', '--name', 'Second'])).printed, 'Tenant id');
    await expect(run(user, ['create', '--tenant', tenantId, '--email', 'agent@second.test', '--role', 'agent'], { LINGXI_NEW_PASSWORD: 'password123' })).rejects.toThrow(/too common/);
    const chosen = await run(user, ['create', '--tenant', tenantId, '--email', 'agent@second.test', '--role', 'agent'], { LINGXI_NEW_PASSWORD: '雨天-Walk-42-long' });
    expect(chosen.printed).toMatch(/from LINGXI_NEW_PASSWORD/);
    expect(chosen.printed).not.toContain('雨天-Walk-42-long');
    expect((await t.service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'agent@second.test', password: '雨天-Walk-42-long' } })).statusCode).toBe(200);
    await expect(run(user, ['create', '--tenant', tenantId, '--email', 'agent@second.test', '--role', 'agent'])).rejects.toThrow(/already exists/);
    await expect(run(user, ['create', '--tenant', 'ten_missing', '--email', 'x@y.test', '--role', 'admin'])).rejects.toThrow(/Tenant ten_missing was not found/);
    await expect(run(user, ['create', '--tenant', tenantId, '--email', 'x@y.test', '--role', 'owner'])).rejects.toThrow(/--role is admin, supervisor or agent/);
    await expect(run(tenant, ['create'])).rejects.toThrow(/--name is required/);
  });
});
