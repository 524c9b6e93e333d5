import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import { createPackBackendStore } from './pack-backend-store.ts';
import { runPackBackendStoreContract } from './pack-backend-store-contract.ts';

runPackBackendStoreContract({
  name: 'PGlite (in memory)',
  async create() {
    const sql = await createPgliteClient();
    const store = await createSqlStore('pglite', sql);
    return {
      backends: createPackBackendStore(sql),
      addTenant: async (id) => void (await store.createTenant({ id, name: id, widgetKey: `wk_${id}`, settings: defaultTenantSettings() })),
      destroy: () => store.close(),
    };
  },
});
