import type { SqlClient } from './sql-client.ts';
import type { Store } from './store.ts';
import { createSqlDirectory } from './sql-directory.ts';
import { createSqlConversations } from './sql-conversations.ts';
import { createSqlPrivacy } from './sql-privacy.ts';
import { createSqlLearning } from './sql-learning.ts';
import { migrate } from './migrate.ts';
import { createPgliteClient } from './pglite-client.ts';
import { createPostgresClient, type PostgresClientOptions } from './postgres-client.ts';

/** The Store over any SqlClient (one dialect). Migrates before returning. */
export async function createSqlStore(kind: Store['kind'], sql: SqlClient): Promise<Store> {
  await migrate(sql);
  return {
    kind,
    async ping() {
      await sql.query('SELECT 1');
    },
    close: () => sql.close(),
    ...createSqlDirectory(sql),
    ...createSqlConversations(sql),
    ...createSqlPrivacy(sql),
    ...createSqlLearning(sql),
  };
}

/** PgliteStore: embedded database; files under `dataDir`, or in memory when it is undefined. */
export async function createPgliteStore(options: { dataDir?: string } = {}): Promise<Store> {
  return createSqlStore('pglite', await createPgliteClient(options.dataDir));
}

/** PostgresStore: a pg Pool on `connectionString`, optionally inside `schema`. */
export async function createPostgresStore(options: PostgresClientOptions): Promise<Store> {
  return createSqlStore('postgres', await createPostgresClient(options));
}
