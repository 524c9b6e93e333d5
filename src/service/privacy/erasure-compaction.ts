import type { SqlExecutor } from '../storage/sql-client.ts';

/** Tables an erasure deletes from or rewrites (profile, conversations, derived learning artefacts, anonymised events). */
export const ERASURE_TABLES = [
  'customers', 'customer_identities', 'conversations', 'messages', 'notes', 'tickets', 'events', 'conversation_facts', 'proactive_sends',
  'intent_phrases', 'knowledge_articles', 'tenant_tests', 'gap_resolutions', 'gap_resolved_messages',
] as const;

/**
 * Makes erased rows physically unreadable in an embedded (PGlite) data folder (issue 23, D9): a DELETE only marks rows
 * dead, so erased text stayed in the table files and in the write-ahead log. `VACUUM FULL` rewrites each table into new
 * files (the old ones are removed at the next checkpoint); switching to a new WAL segment and checkpointing, three
 * times, retires the segments that recorded the erased rows. Runs serially (one at a time, a request during a run
 * schedules exactly one more) and after the erasure's answer, as it locks the tables for a moment.
 */
export function createErasureCompaction(sql: SqlExecutor, onError: (error: unknown) => void): { schedule(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    for (const table of ERASURE_TABLES) await sql.exec(`VACUUM FULL ${table}`);
    for (let round = 0; round < 3; round++) {
      await sql.query('SELECT pg_switch_wal()');
      await sql.exec('CHECKPOINT');
    }
  };
  const loop = async (): Promise<void> => {
    do {
      again = false;
      await run().catch(onError);
    } while (again);
    running = null;
  };
  return {
    schedule() {
      if (running) {
        again = true;
        return running;
      }
      running = loop();
      return running;
    },
  };
}
