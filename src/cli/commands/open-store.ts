import { join } from 'node:path';
import { loadServiceConfig } from '../../service/config.ts';
import { acquireDataFolderLock } from '../../service/security/data-folder-lock.ts';
import { createPgliteClient } from '../../service/storage/pglite-client.ts';
import { createPostgresClient } from '../../service/storage/postgres-client.ts';
import { createSqlStore } from '../../service/storage/sql-store.ts';
import type { Store } from '../../service/storage/store.ts';

/** A migrated store and how to let go of it. */
export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

/** Opens a store for one CLI command; tests hand in their own. */
export type StoreOpener = (options: { data?: string; databaseUrl?: string }) => Promise<OpenedStore>;

/**
 * The server's database for an administrative command: PostgreSQL with DATABASE_URL / --database-url, else the
 * PGlite folder of --data / LINGXI_DATA_DIR. A PGlite folder is locked like the server's (one writer per folder), so
 * while `lingxi serve` runs on it the command refuses and names the server's pid: stop it first.
 */
export const openStore: StoreOpener = async (options) => {
  const config = loadServiceConfig({ dataDir: options.data, databaseUrl: options.databaseUrl });
  if (config.databaseUrl) {
    const sql = await createPostgresClient({ connectionString: config.databaseUrl, schema: config.databaseSchema, poolSize: 2, waitMs: config.databaseWaitMs });
    const store = await createSqlStore('postgres', sql);
    return { store, close: () => store.close() };
  }
  const lock = acquireDataFolderLock(config.dataDir);
  try {
    const store = await createSqlStore('pglite', await createPgliteClient(join(config.dataDir, 'pglite')));
    return {
      store,
      async close() {
        await store.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
};
