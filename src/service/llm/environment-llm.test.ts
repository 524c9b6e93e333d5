import { describe, expect, it } from 'vitest';
import { environmentLlm, tenantOrDefaultLlm } from './environment-llm.ts';
import { createTenantProvider } from './tenant-llm-engine.ts';
import type { LlmSettings, LlmSettingsStore } from './llm-settings-store.ts';

describe('server-wide LLM default from the environment', () => {
  it('is off without configuration and reads LLM_* / LINGXI_LLM_* like `lingxi chat`', () => {
    expect(environmentLlm({})).toBeNull();
    const settings = environmentLlm({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_API_KEY: 'sk-local-key', LLM_MODEL: 'qwen2.5:7b' });
    expect(settings).toMatchObject({ enabled: true, baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', apiKey: 'sk-local-key', privacyMode: 'strict', revision: -1 });
    // Privacy by default; the server-wide default opts out only when told to, and a typo is an error, not "off".
    expect(environmentLlm({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm', LINGXI_LLM_PRIVACY: 'standard' })).toMatchObject({ privacyMode: 'standard' });
    expect(() => environmentLlm({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm', LINGXI_LLM_PRIVACY: 'off' })).toThrow(/privacy: must be strict or standard/);
    expect(environmentLlm({ LINGXI_LLM_PRESET: 'deepseek', DEEPSEEK_API_KEY: 'sk-deepseek' })).toMatchObject({ preset: 'deepseek', model: 'deepseek-chat', apiKey: 'sk-deepseek' });
    expect(() => environmentLlm({ LINGXI_LLM_PRESET: 'deepseek' })).toThrow(/API key/);
  });

  it("uses a tenant's own settings first, respects a tenant that switched LLM off, and gives the default to the others", async () => {
    const own = { tenantId: 't1', enabled: true, model: 'own-model', revision: 3 } as LlmSettings;
    const rows = new Map<string, LlmSettings>([['t1', own], ['t2', { tenantId: 't2', enabled: false, revision: 2 } as LlmSettings]]);
    const store = {
      active: async (id: string) => (rows.get(id)?.enabled ? rows.get(id)! : null),
      get: async (id: string) => rows.get(id) ?? null,
    } as unknown as LlmSettingsStore;
    const fallback = environmentLlm({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'default-model' });
    const load = tenantOrDefaultLlm(store, fallback);
    expect((await load('t1'))?.model).toBe('own-model');
    expect(await load('t2')).toBeNull();
    expect(await load('t3')).toMatchObject({ tenantId: 't3', model: 'default-model' });
    expect(await tenantOrDefaultLlm(store, null)('t3')).toBeNull();
    // Whether a tenant has settings is remembered briefly: a turn does not query the store each time.
    let reads = 0;
    const counting = { ...store, get: async (id: string) => { reads++; return rows.get(id) ?? null; } } as LlmSettingsStore;
    const cached = tenantOrDefaultLlm(counting, fallback);
    for (let turn = 0; turn < 5; turn++) await cached('t3');
    expect(reads).toBe(1);
    expect(await tenantOrDefaultLlm(null, fallback)('t9')).toMatchObject({ tenantId: 't9', model: 'default-model' });
  });
});

describe('server-wide default: the provider limits from the environment (issue 22 item 7)', () => {
  it('applies LINGXI_LLM_STREAM=false, LINGXI_LLM_MAX_TOKENS and LINGXI_LLM_MAX_RETRIES to the requests it sends', async () => {
    const settings = environmentLlm({ LLM_BASE_URL: 'http://model.test/v1', LLM_MODEL: 'm', LINGXI_LLM_STREAM: 'false', LINGXI_LLM_MAX_TOKENS: '256', LINGXI_LLM_MAX_RETRIES: '2' })!;
    expect(settings).toMatchObject({ stream: false, maxTokens: 256, maxRetries: 2 });
    const bodies: Array<Record<string, unknown>> = [];
    let calls = 0;
    const fetch = (async (_url: string, init: { body: string }) => {
      calls += 1;
      bodies.push(JSON.parse(init.body) as Record<string, unknown>);
      if (calls === 1) return new Response('{"error":{"message":"busy"}}', { status: 503, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const provider = createTenantProvider({ ...settings, tenantId: 't', privacyMode: 'standard' }, { fetch });
    const chunks = [];
    for await (const chunk of provider.complete({ messages: [{ role: 'user', content: 'hi' }], tools: [] })) chunks.push(chunk);
    expect(chunks[0]).toEqual({ type: 'text', text: 'ok' });
    expect(bodies[0]).toMatchObject({ stream: false, max_tokens: 256 });
    // One retry after the 503: the SDK's retries are on as configured (a tenant's own settings keep 0).
    expect(calls).toBe(2);
  });
});
