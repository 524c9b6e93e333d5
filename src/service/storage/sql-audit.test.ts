import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTenantSettings } from '../demo-seed.ts';
import { newId } from '../ids.ts';
import { createPgliteClient } from './pglite-client.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';
import { createSqlStore } from './sql-store.ts';
import type { NewAuditEntry, Store, Tenant } from './store.ts';

/**
 * Issue 12: settings change, account and API-key creation and erasure write their audit row in the change's own
 * transaction. With the audit insert failing, the change must not be there afterwards; without, the row must.
 */
const failing = { audit: false };
/** Forwards to `inner`, but `INSERT INTO audit_log` fails (inside transactions too) while `failing.audit` is set. */
function failingAuditClient(inner: SqlClient): SqlClient {
  const check = (sql: string) => {
    if (failing.audit && /INSERT INTO audit_log/i.test(sql)) throw new Error('audit_log insert refused (test)');
  };
  const wrap = (executor: SqlExecutor): SqlExecutor => ({
    async query(sql, params) { check(sql); return executor.query(sql, params); },
    exec: (sql) => executor.exec(sql),
  });
  return { ...wrap(inner), transaction: (work) => inner.transaction((tx) => work(wrap(tx))), close: () => inner.close() };
}

let store: Store;
let tenant: Tenant;
const actor = (action: string, targetType: string, targetId: string, data?: Record<string, unknown>): NewAuditEntry =>
  ({ tenantId: tenant.id, actorKind: 'user', actorId: 'usr_admin', action, targetType, targetId, data });

beforeAll(async () => {
  store = await createSqlStore('pglite', failingAuditClient(await createPgliteClient()));
  tenant = await store.createTenant({ id: newId('ten'), name: '审计商店 Audit shop', widgetKey: newId('wk'), settings: defaultTenantSettings() });
});
afterAll(async () => store.close());

describe('audit rows in the change\'s transaction', () => {
  it('a failing audit insert rolls back a settings change, an account, an API key and an erasure', async () => {
    const customer = await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'shop-42', name: '李雷', email: 'lilei@shop.test' });
    failing.audit = true;
    try {
      const settings = { ...tenant.settings, personaName: 'Changed' };
      await expect(store.updateTenantSettings(tenant.id, settings, actor('settings.updated', 'tenant', tenant.id))).rejects.toThrow(/audit_log insert refused/);
      const userId = newId('usr');
      await expect(store.createUser({ id: userId, tenantId: tenant.id, email: 'new-agent@shop.test', name: 'New agent', role: 'agent', passwordHash: 'x' }, actor('user.created', 'user', userId)))
        .rejects.toThrow(/audit_log/);
      const keyId = newId('key');
      await expect(store.createApiKey({ id: keyId, tenantId: tenant.id, name: 'crm', prefix: 'lx_abc', keyHash: 'hash-of-crm-key' }, actor('api_key.created', 'api_key', keyId)))
        .rejects.toThrow(/audit_log/);
      await expect(store.eraseCustomer(tenant.id, customer.id, actor('customer.erased', 'customer', customer.id))).rejects.toThrow(/audit_log/);
    } finally {
      failing.audit = false;
    }
    expect((await store.getTenant(tenant.id))!.settings.personaName).toBe(tenant.settings.personaName);
    expect(await store.getUserByEmail('new-agent@shop.test')).toBeNull();
    expect(await store.getApiKeyByHash('hash-of-crm-key')).toBeNull();
    expect((await store.getCustomer(tenant.id, customer.id))?.name).toBe('李雷');
    expect(await store.listAudit(tenant.id)).toEqual([]);
  });

  it('commits the change with its audit row (erasure counts added to the row)', async () => {
    const customer = await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'shop-43', name: 'Han Meimei' });
    await store.updateTenantSettings(tenant.id, { ...tenant.settings, personaName: '小灵' }, actor('settings.updated', 'tenant', tenant.id, { fields: ['personaName'] }));
    const userId = newId('usr');
    await store.createUser({ id: userId, tenantId: tenant.id, email: 'agent2@shop.test', name: 'Agent 2', role: 'agent', passwordHash: 'x' }, actor('user.created', 'user', userId, { role: 'agent' }));
    const erased = await store.eraseCustomer(tenant.id, customer.id, actor('customer.erased', 'customer', customer.id));
    expect(erased).toMatchObject({ customers: 1 });
    expect((await store.getTenant(tenant.id))!.settings.personaName).toBe('小灵');
    const entries = await store.listAudit(tenant.id);
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([['customer.erased', customer.id], ['user.created', userId], ['settings.updated', tenant.id]]);
    expect(entries[0].data).toEqual({ customers: 1, conversations: 0, messages: 0, anonymisedEvents: 0 });
    expect(entries[2].data).toEqual({ fields: ['personaName'] });
    // Without an audit entry the methods behave as before (no row).
    await store.updateTenantSettings(tenant.id, tenant.settings);
    expect(await store.listAudit(tenant.id)).toHaveLength(3);
  });
});
