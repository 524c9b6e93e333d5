import { describe, it } from 'vitest';
import pg from 'pg';
import { runPackBackendStoreContract } from '../../src/service/backend/pack-backend-store-contract.ts';
import { createPackBackendStore } from '../../src/service/backend/pack-backend-store.ts';
import { defaultTenantSettings } from '../../src/service/demo-seed.ts';
import { createPostgresClient } from '../../src/service/storage/postgres-client.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';

const url = process.env.DATABASE_URL;

if (url) {
  runPackBackendStoreContract({
    name: 'PostgreSQL',
    async create() {
      const schema = `lingxi_backends_${process.pid}_${Date.now().toString(36)}`;
      const sql = await createPostgresClient({ connectionString: url, schema });
      const store = await createSqlStore('postgres', sql);
      return {
        backends: createPackBackendStore(sql),
        addTenant: async (id) => void (await store.createTenant({ id, name: id, widgetKey: `wk_${id}`, settings: defaultTenantSettings() })),
        async destroy() {
          await store.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  });
} else {
  describe.skip('PostgreSQL pack backends (set DATABASE_URL to run)', () => {
    it('skipped', () => {});
  });
}
