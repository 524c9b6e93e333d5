import type { SqlClient, SqlExecutor } from '../storage/sql-client.ts';

/** Switches of a {@link createFaultySqlClient}. */
export interface SqlFaults {
  /** Every statement fails as if the server refused the connection. */
  down: boolean;
  /** When > 0: the n-th statement inside the next transaction fails with a dropped connection (then resets to 0). */
  failInTransactionAt: number;
  /** The next statement whose SQL matches fails with a dropped connection before it runs (then resets to null). */
  failNextMatching: RegExp | null;
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

/**
 * A SqlClient that forwards to `inner` until told to fail: a whole outage (`down`), a connection lost in the middle
 * of a transaction, or one statement lost (`failNextMatching`). Lets tests prove 503s, rollbacks and recovery without a real database going away.
 */
export function createFaultySqlClient(inner: SqlClient): { client: SqlClient; faults: SqlFaults } {
  const faults: SqlFaults = { down: false, failInTransactionAt: 0, failNextMatching: null };
  const guard = () => {
    if (faults.down) throw refused();
  };
  return {
    faults,
    client: {
      async query(sql, params, options) {
        guard();
        if (faults.failNextMatching?.test(sql)) {
          faults.failNextMatching = null;
          throw terminated();
        }
        return inner.query(sql, params, options);
      },
      async exec(sql) {
        guard();
        return inner.exec(sql);
      },
      async transaction(work) {
        guard();
        const failAt = faults.failInTransactionAt;
        faults.failInTransactionAt = 0;
        return inner.transaction((tx) => {
          let statements = 0;
          const step = () => {
            statements++;
            if (faults.down || (failAt > 0 && statements === failAt)) throw terminated();
          };
          const wrapped: SqlExecutor = {
            async query(sql, params) { step(); return tx.query(sql, params); },
            async exec(sql) { step(); return tx.exec(sql); },
          };
          return work(wrapped);
        });
      },
      close: () => inner.close(),
    },
  };
}
