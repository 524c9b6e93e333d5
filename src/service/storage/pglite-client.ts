import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql-client.ts';

/**
 * SqlClient on embedded PGlite. `dataDir` undefined keeps the database in memory (tests);
 * a folder is created if missing and holds the database files between restarts.
 */
export async function createPgliteClient(dataDir?: string): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const database = await PGlite.create(dataDir);
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await target.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    ...wrap(database),
    transaction: (work) => database.transaction((tx) => work(wrap(tx))),
    close: () => database.close(),
  };
}
