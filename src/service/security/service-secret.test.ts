import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { resolveServiceSecret, SECRET_FILE } from './service-secret.ts';

const folders: string[] = [];
const folder = () => {
  const created = mkdtempSync(join(tmpdir(), 'lingxi-secret-'));
  folders.push(created);
  return created;
};
afterAll(() => {
  for (const created of folders) rmSync(created, { recursive: true, force: true });
});

/** One migrated database for the file (migrations are the slow part); each test starts without a stored secret. */
let shared: { sql: Awaited<ReturnType<typeof createPgliteClient>>; store: Awaited<ReturnType<typeof createSqlStore>>; stored(): Promise<string[]> };
beforeAll(async () => {
  const sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  shared = { sql, store, stored: async () => (await sql.query<{ key: string }>('SELECT key FROM system_values')).map((row) => row.key) };
});
afterAll(async () => shared.store.close());
async function database() {
  await shared.sql.query("DELETE FROM system_values WHERE key = 'token.secret'");
  return shared;
}

describe('the token secret lives outside the database (issue 23, D6)', () => {
  it('with PGlite: a random key in <dataDir>/secret, mode 0600, the same on every start, nothing in system_values', async () => {
    const { sql, store, stored } = await database();
    const dataDir = folder();
    const warnings: string[] = [];
    const options = { dataDir, sql, store, warn: (message: string) => warnings.push(message) };
    const secret = await resolveServiceSecret(options);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const path = join(dataDir, SECRET_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(secret);
    expect(await resolveServiceSecret(options)).toBe(secret);
    expect(await stored()).not.toContain('token.secret');
    // Loosened permissions are tightened again, with a warning.
    chmodSync(path, 0o644);
    expect(await resolveServiceSecret(options)).toBe(secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(warnings.join('\n')).toMatch(/readable by others/);
  });

  it('moves a key an earlier version kept in the database into the file, so existing tokens and sealed keys still work', async () => {
    const { sql, store, stored } = await database();
    await store.ensureSystemValue('token.secret', 'legacy-secret-0123456789abcdef');
    const dataDir = folder();
    const warnings: string[] = [];
    expect(await resolveServiceSecret({ dataDir, sql, store, warn: (message) => warnings.push(message) })).toBe('legacy-secret-0123456789abcdef');
    expect(readFileSync(join(dataDir, SECRET_FILE), 'utf8').trim()).toBe('legacy-secret-0123456789abcdef');
    expect(await stored()).not.toContain('token.secret');
    expect(warnings.join('\n')).toMatch(/moved from the database/);
  });

  it('refuses PostgreSQL without LINGXI_SECRET, naming the variable and how to keep an old key', async () => {
    const { sql, store } = await database();
    await expect(resolveServiceSecret({ databaseUrl: 'postgres://db/lingxi', dataDir: null, sql, store, warn: () => {} }))
      .rejects.toThrow(/LINGXI_SECRET is required with PostgreSQL.*openssl rand.*system_values/s);
    expect(await resolveServiceSecret({ secret: 'given-secret-0123456789', databaseUrl: 'postgres://db/lingxi', dataDir: null, sql, store, warn: () => {} })).toBe('given-secret-0123456789');
  });

  it('refuses an emptied secret file instead of silently making a new key', async () => {
    const { sql, store } = await database();
    const dataDir = folder();
    writeFileSync(join(dataDir, SECRET_FILE), '\n', { mode: 0o600 });
    await expect(resolveServiceSecret({ dataDir, sql, store, warn: () => {} })).rejects.toThrow(/holds no usable secret/);
  });
});
