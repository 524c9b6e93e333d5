import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../security/secret-box.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import { connectorSpecSchema } from './connector-config.ts';
import { createConnectorStore, type ConnectorStore } from './connector-store.ts';

export interface ConnectorStoreHarness {
  sql: SqlExecutor;
  addTenant(id: string): Promise<void>;
  destroy(): Promise<void>;
}

/** The connector store's contract, run on PGlite and on PostgreSQL (house style §4: one suite, every implementation). */
export function runConnectorStoreContract(options: { name: string; create(): Promise<ConnectorStoreHarness> }): void {
  describe(`connector store (${options.name})`, () => {
    let harness: ConnectorStoreHarness;
    let store: ConnectorStore;
    const spec = (name: string, tools: string[], enabled = true) => connectorSpecSchema.parse({ kind: 'action-server', pack: 'ecommerce', name, baseUrl: 'http://127.0.0.1:9/', tools, enabled });
    beforeAll(async () => {
      harness = await options.create();
      await harness.addTenant('t_one');
      await harness.addTenant('t_two');
      store = createConnectorStore({ sql: harness.sql, secretBox: createSecretBox('contract-secret-0123456789abcdef') });
    });
    afterAll(async () => harness?.destroy());

    it('stores the spec, seals the secret, scopes by tenant, and refuses a second connector for a served tool', async () => {
      const created = await store.create('t_one', spec('shop', ['track_order']), 'top-secret-token');
      expect(created).toMatchObject({ tenantId: 't_one', name: 'shop', secret: 'top-secret-token', revision: 1, kind: 'action-server', tools: ['track_order'] });
      const [row] = await harness.sql.query<{ sealed_secret: string; spec: unknown }>('SELECT sealed_secret, spec FROM tenant_connectors WHERE id = $1', [created.id]);
      expect(row.sealed_secret).not.toContain('top-secret-token');
      expect(JSON.stringify(row.spec)).not.toContain('top-secret-token');
      expect(await store.get('t_two', created.id)).toBeNull();
      expect(await store.list('t_two')).toEqual([]);
      await expect(store.create('t_one', spec('other', ['track_order', 'get_order_details']), '')).rejects.toMatchObject({ code: 'conflict' });
      await store.create('t_one', spec('disabled twin', ['track_order'], false), '');
      expect((await store.create('t_two', spec('shop of two', ['track_order']), '')).tenantId).toBe('t_two');
    });

    it('updates with a new revision, keeps / replaces / removes the secret, and deletes only its own', async () => {
      const created = await store.create('t_one', spec('second', ['get_order_details']), 'first');
      const kept = await store.update('t_one', created.id, spec('second renamed', ['get_order_details']));
      expect(kept).toMatchObject({ name: 'second renamed', secret: 'first', revision: 2 });
      expect((await store.update('t_one', created.id, spec('second', ['get_order_details']), 'next')).secret).toBe('next');
      expect((await store.update('t_one', created.id, spec('second', ['get_order_details']), null)).secret).toBe('');
      await expect(store.update('t_two', created.id, spec('hijack', ['get_order_details']))).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.remove('t_two', created.id)).toBe(false);
      expect(await store.remove('t_one', created.id)).toBe(true);
      expect(await store.get('t_one', created.id)).toBeNull();
    });
  });
}
