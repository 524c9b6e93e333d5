import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sql-client.ts';

export interface PostgresClientOptions {
  connectionString: string;
  /** Schema to work in (created if missing); tests use a fresh random one. Default: the server's search_path. */
  schema?: string;
  poolSize?: number;
  /** Longest wait for a pooled connection or a new connection, ms (default 3000). */
  waitMs?: number;
}

/** SqlClient on a node-postgres Pool. */
export async function createPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  if (options.schema) {
    const setup = new pg.Client({ connectionString: options.connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    } catch (error) {
      // Two nodes creating the schema at the same moment race inside PostgreSQL's catalog; the loser sees
      // a unique violation (23505) or "schema exists" (42P06) although the schema is there. Anything else is real.
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    // Bounded wait for a connection (busy pool or a server that does not answer): the request then answers 503 instead
    // of queueing forever. A refused connection fails at once, whatever this is.
    connectionTimeoutMillis: options.waitMs ?? 3000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const wrap = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params: unknown[] = [], options: { prepare?: string } = {}) {
      const result = options.prepare ? await target.query({ name: options.prepare, text: sql, values: params }) : await target.query(sql, params);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  return {
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
