import { describe, it } from 'vitest';
import pg from 'pg';
import { runConnectorStoreContract } from '../../src/service/connectors/connector-store-contract.ts';
import { defaultTenantSettings } from '../../src/service/demo-seed.ts';
import { createPostgresClient } from '../../src/service/storage/postgres-client.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';

const url = process.env.DATABASE_URL;

if (url) {
  runConnectorStoreContract({
    name: 'PostgreSQL',
    async create() {
      const schema = `lingxi_connectors_${process.pid}_${Date.now().toString(36)}`;
      const sql = await createPostgresClient({ connectionString: url, schema });
      const store = await createSqlStore('postgres', sql);
      return {
        sql,
        addTenant: async (id) => void (await store.createTenant({ id, name: id, widgetKey: `wk_${id}_${schema}`, settings: defaultTenantSettings() })),
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
  describe.skip('PostgreSQL connector store (set DATABASE_URL to run)', () => {
    it('skipped', () => {});
  });
}
