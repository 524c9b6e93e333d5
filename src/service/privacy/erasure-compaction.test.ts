import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTenantSettings } from '../demo-seed.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { createErasureCompaction } from './erasure-compaction.ts';
import { createTestService } from '../testing/create-test-service.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Files under `folder` whose bytes contain `needle` (UTF-8). */
function filesHolding(folder: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else if (readFileSync(path).includes(bytes)) found.push(path.slice(folder.length + 1));
  };
  walk(folder);
  return found;
}

describe('erasure compaction on PGlite (issue 23, D9)', () => {
  it('leaves no erased text in the table files or the WAL of the data folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lingxi-vacuum-'));
    folders.push(folder);
    const marker = `ERASEME${Date.now().toString(36)}`;
    const sql = await createPgliteClient(folder);
    const store = await createSqlStore('pglite', sql);
    const tenant = await store.createTenant({ id: 'ten_vacuum', name: 'Vacuum', widgetKey: 'wk_vacuum', settings: defaultTenantSettings() });
    const customer = await store.upsertCustomer({ id: 'cus_vacuum', tenantId: tenant.id, externalId: marker, name: `${marker} 张三`, phone: '13787654321', identities: [{ kind: 'widget', value: marker }] });
    await store.upsertCustomer({ id: 'cus_other', tenantId: tenant.id, externalId: 'other', name: 'Other' });
    await sql.exec('CHECKPOINT');
    expect(filesHolding(folder, marker).length).toBeGreaterThan(0);

    expect(await store.eraseCustomer(tenant.id, customer.id)).toMatchObject({ customers: 1 });
    await sql.exec('CHECKPOINT');
    const beforeCompaction = filesHolding(folder, marker);
    expect(beforeCompaction.length, 'a DELETE alone leaves the text on disk').toBeGreaterThan(0);
    const errors: unknown[] = [];
    await createErasureCompaction(sql, (error) => errors.push(error)).schedule();
    expect(errors).toEqual([]);
    await store.close();
    expect(filesHolding(folder, marker)).toEqual([]);
    expect(filesHolding(folder, '13787654321')).toEqual([]);
  }, 120_000);

  it('runs after every erasure answered by the API (the service wires it for its own PGlite folder)', async () => {
    const t = await createTestService();
    let runs = 0;
    t.service.context.compactAfterErasure = async () => void runs++;
    const api = { authorization: `Bearer ${t.a.apiKey}` };
    await t.service.app.inject({ method: 'POST', url: '/v1/customers', headers: api, payload: { externalId: 'gone', name: '要删除' } });
    expect((await t.service.app.inject({ method: 'DELETE', url: '/v1/customers/gone', headers: api })).json()).toMatchObject({ erased: true });
    expect(runs).toBe(1);
    await t.close();
  });
});
