/**
 * The narrow SQL surface the store needs. Both PGlite and node-postgres implement it, so one
 * SQL dialect and one store implementation serve both databases (house style §4).
 */
export interface SqlExecutor {
  /** One parameterised statement; rows as plain objects. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
