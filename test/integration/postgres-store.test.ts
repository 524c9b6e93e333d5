import { describe, it } from 'vitest';
import pg from 'pg';
import { runStoreContract } from '../../src/service/storage/store-contract.ts';
import { createPostgresStore } from '../../src/service/storage/sql-store.ts';
import type { Store } from '../../src/service/storage/store.ts';

const url = process.env.DATABASE_URL;

/** Drops a test schema created by {@link createPostgresStore}. */
async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

if (url) {
  const schema = `lingxi_test_${process.pid}_${Date.now().toString(36)}`;
  runStoreContract({
    name: 'PostgreSQL',
    create: () => createPostgresStore({ connectionString: url, schema }),
    destroy: async (store: Store) => {
      await store.close();
      await dropSchema(schema);
    },
  });

  describe('PostgreSQL migrations', () => {
    it('apply exactly once when two nodes start at the same moment', async () => {
      const shared = `lingxi_race_${process.pid}_${Date.now().toString(36)}`;
      const [a, b] = await Promise.all([createPostgresStore({ connectionString: url, schema: shared }), createPostgresStore({ connectionString: url, schema: shared })]);
      await a.ping();
      await b.ping();
      await a.close();
      await b.close();
      await dropSchema(shared);
    });
  });
} else {
  describe.skip('PostgreSQL store (set DATABASE_URL to run)', () => {
    it('skipped', () => {});
  });
}
