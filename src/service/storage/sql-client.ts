/**
 * The narrow SQL surface the store needs. Both PGlite and node-postgres implement it, so one
 * SQL dialect and one store implementation serve both databases (house style §4).
 */
export interface SqlExecutor {
  /**
   * One parameterised statement; rows as plain objects. `options.prepare` names a hot statement so that PostgreSQL
   * parses and plans it once per connection instead of on every call (PGlite ignores it). Only for fixed SQL whose
   * plan does not depend on the parameter values: a prepared statement may switch to a generic plan.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: { prepare?: string }): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
