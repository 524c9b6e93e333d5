import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql-client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant: the advisory lock every node takes while migrating. */
const MIGRATION_LOCK = 742_001;

export interface Migration {
  id: string;
  sql: string;
}

/** The migration files `NNN-name.sql`, in order. */
export function loadMigrations(folder = migrationsFolder): Migration[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ id: file.replace(/\.sql$/, ''), sql: readFileSync(folder + file, 'utf8') }));
}

/**
 * Applies pending migrations in one transaction under a transaction-level advisory lock, so that
 * two nodes starting at once apply each migration exactly once (the second waits, then sees them applied).
 * Returns the ids it applied.
 */
export async function migrate(client: SqlClient, migrations = loadMigrations()): Promise<string[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS lingxi_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM lingxi_migrations')).map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO lingxi_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
