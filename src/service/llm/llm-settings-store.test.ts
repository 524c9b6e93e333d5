import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../security/secret-box.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import { createLlmSettingsStore } from './llm-settings-store.ts';

const KEY = 'sk-live-0123456789abcdefSECRET';
let sql: SqlClient;
beforeAll(async () => {
  sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  for (const id of ['ten_a', 'ten_b']) await store.createTenant({ id, name: id, widgetKey: `wk_${id}`, settings: defaultTenantSettings() });
});
afterAll(async () => sql.close());

describe('LLM settings store', () => {
  it('round-trips the settings with the API key sealed in the database', async () => {
    const settings = createLlmSettingsStore({ sql, secretBox: createSecretBox('test-secret-0123456789abcdef') });
    expect(await settings.get('ten_a')).toBeNull();
    const saved = await settings.put('ten_a', { enabled: true, preset: 'qwen', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', temperature: 0.7, privacyMode: 'strict', apiKey: KEY });
    expect(saved).toMatchObject({ tenantId: 'ten_a', enabled: true, preset: 'qwen', model: 'qwen-plus', temperature: 0.7, timeoutMs: 30_000, maxTokensPerConversation: 60_000, privacyMode: 'strict', apiKey: KEY, revision: 1 });
    expect(await settings.get('ten_a')).toEqual(saved);
    const [raw] = await sql.query<Record<string, unknown>>('SELECT * FROM tenant_llm_settings WHERE tenant_id = $1', ['ten_a']);
    expect(JSON.stringify(raw)).not.toContain(KEY);
    expect(String(raw.sealed_api_key)).toMatch(/^v1\./);
    // Another service secret cannot open it.
    await expect(createLlmSettingsStore({ sql, secretBox: createSecretBox('another-secret-0123456789') }).get('ten_a')).rejects.toThrow(/cannot be opened/);
    expect(await settings.get('ten_b')).toBeNull();
  });

  it('keeps the key when absent, removes it with null, and counts revisions', async () => {
    const settings = createLlmSettingsStore({ sql, secretBox: createSecretBox('test-secret-0123456789abcdef') });
    const kept = await settings.put('ten_a', { timeoutMs: 5_000 });
    expect(kept).toMatchObject({ apiKey: KEY, timeoutMs: 5_000, model: 'qwen-plus', revision: 2 });
    const removed = await settings.put('ten_a', { apiKey: null });
    expect(removed).toMatchObject({ apiKey: '', revision: 3 });
    const [raw] = await sql.query<{ sealed_api_key: string | null }>('SELECT sealed_api_key FROM tenant_llm_settings WHERE tenant_id = $1', ['ten_a']);
    expect(raw.sealed_api_key).toBeNull();
  });

  it('active(): only when enabled, cached briefly, refreshed by put', async () => {
    let clock = 0;
    const settings = createLlmSettingsStore({ sql, secretBox: createSecretBox('test-secret-0123456789abcdef'), cacheMs: 1_000, now: () => clock });
    await settings.put('ten_b', { enabled: false });
    expect(await settings.active('ten_b')).toBeNull();
    await settings.put('ten_b', { enabled: true });
    expect((await settings.active('ten_b'))?.enabled).toBe(true);
    // A change by another node (direct write) is seen once the cache entry expires.
    await sql.query('UPDATE tenant_llm_settings SET enabled = false WHERE tenant_id = $1', ['ten_b']);
    expect((await settings.active('ten_b'))?.enabled).toBe(true);
    clock += 1_001;
    expect(await settings.active('ten_b')).toBeNull();
  });
});
