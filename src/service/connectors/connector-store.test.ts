import { defaultTenantSettings } from '../demo-seed.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { runConnectorStoreContract } from './connector-store-contract.ts';

runConnectorStoreContract({
  name: 'PGlite',
  async create() {
    const sql = await createPgliteClient();
    const store = await createSqlStore('pglite', sql);
    return {
      sql,
      addTenant: async (id) => void (await store.createTenant({ id, name: id, widgetKey: `wk_${id}`, settings: defaultTenantSettings() })),
      destroy: () => store.close(),
    };
  },
});
