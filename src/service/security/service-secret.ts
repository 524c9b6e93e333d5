import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LingxiError } from '../../engine/errors.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { Store } from '../storage/store.ts';

/** Name of the generated secret's file inside the data folder. */
export const SECRET_FILE = 'secret';

const LEGACY_KEY = 'token.secret';

export interface ServiceSecretOptions {
  /** LINGXI_SECRET / --secret. */
  secret?: string;
  databaseUrl?: string;
  /** The PGlite data folder this process owns (locked), or null for a store handed in (tests, embedding). */
  dataDir: string | null;
  sql: SqlExecutor | null;
  store: Store;
  warn(message: string): void;
}

/**
 * The key that signs every token and seals LLM keys and channel credentials (issue 23, D6). It must not sit in the
 * database it protects, or a dump forges an admin token of any tenant and opens every sealed key:
 * - LINGXI_SECRET when set (required with PostgreSQL: several nodes must share it, and there is no private folder);
 * - with PGlite, a random key in `<dataDir>/secret`, mode 0600, created on the first start. A key earlier versions
 *   kept in `system_values` is moved there once (so tokens and sealed keys keep working) and deleted from the table;
 * - with a store handed in and no folder (tests), the old place in the database.
 */
export async function resolveServiceSecret(options: ServiceSecretOptions): Promise<string> {
  if (options.secret) return options.secret;
  if (options.databaseUrl) {
    throw new LingxiError('validation_failed',
      'LINGXI_SECRET is required with PostgreSQL (DATABASE_URL): it signs tokens and seals stored keys, and must not be kept in the database. '
      + 'Generate one with `openssl rand -base64 32` and give every node the same value. If this database ran an earlier version, its key is in '
      + "system_values (SELECT value FROM system_values WHERE key = 'token.secret'): set LINGXI_SECRET to it so that sealed LLM keys and channel credentials still open, then delete that row.");
  }
  if (!options.dataDir) return options.store.ensureSystemValue(LEGACY_KEY, randomBytes(32).toString('base64url'));
  const path = join(options.dataDir, SECRET_FILE);
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      chmodSync(path, 0o600);
      options.warn(`${path} was readable by others (mode ${mode.toString(8)}); it is now 0600.`);
    }
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length < 16) throw new LingxiError('validation_failed', `${path} holds no usable secret (at least 16 characters); restore it from a backup, or set LINGXI_SECRET.`);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const [legacy] = options.sql ? await options.sql.query<{ value: string }>('SELECT value FROM system_values WHERE key = $1', [LEGACY_KEY]) : [];
  const secret = legacy?.value ?? randomBytes(32).toString('base64url');
  // 'wx': the data folder is locked, so nobody else writes it; a failure here stops the start rather than guess.
  writeFileSync(path, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  if (legacy && options.sql) {
    await options.sql.query('DELETE FROM system_values WHERE key = $1', [LEGACY_KEY]);
    options.warn(`The token secret moved from the database to ${path} (mode 0600); back that file up with the data folder.`);
  }
  return secret;
}
