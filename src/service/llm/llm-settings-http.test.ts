import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server.ts';
import { createLlmTestService, type LlmTestService } from './llm-test-service.ts';

const KEY = 'sk-tenant-a-0123456789abcdefXYZW';
let t: LlmTestService;
let fake: FakeOpenAIServer;
beforeAll(async () => {
  [t, fake] = await Promise.all([createLlmTestService(), startFakeOpenAIServer()]);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const call = (method: 'GET' | 'PUT' | 'POST', url: string, token: string | undefined, payload?: unknown) =>
  t.service.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, payload: payload as never });

describe('admin API of LLM mode', () => {
  it('answers the defaults and the presets before anything is configured', async () => {
    const response = await call('GET', '/v1/admin/llm', t.tokens.admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ enabled: false, preset: 'deepseek', hasApiKey: false, apiKeyHint: null, updatedAt: null, privacyMode: 'strict' });
    expect(response.json().presets.map((preset: { name: string }) => preset.name)).toEqual(expect.arrayContaining(['deepseek', 'qwen', 'glm', 'doubao', 'openai', 'vllm', 'ollama', 'llamacpp']));
  });

  it('stores the key write-only: never in answers, audit entries or logs', async () => {
    const saved = await call('PUT', '/v1/admin/llm', t.tokens.admin, { enabled: true, preset: 'qwen', apiKey: KEY, temperature: 0.5, privacyMode: 'strict' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, preset: 'qwen', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', hasApiKey: true, apiKeyHint: '…XYZW', temperature: 0.5, privacyMode: 'strict' });
    const read = await call('GET', '/v1/admin/llm', t.tokens.admin);
    const changed = await call('PUT', '/v1/admin/llm', t.tokens.admin, { model: 'qwen-max' });
    expect(changed.json()).toMatchObject({ model: 'qwen-max', hasApiKey: true });
    const audit = await t.service.context.store.listAudit(t.demo.tenantId, { action: 'llm.updated' });
    expect(audit.map((entry) => entry.data.apiKey)).toEqual(['kept', 'replaced']);
    for (const text of [saved.body, read.body, changed.body, JSON.stringify(audit), t.logs.join('\n')]) expect(text).not.toContain(KEY);
    const [raw] = await t.sql.query('SELECT * FROM tenant_llm_settings WHERE tenant_id = $1', [t.demo.tenantId]);
    expect(JSON.stringify(raw)).not.toContain(KEY);
  });

  it('validates: http(s) base URL only, a key for cloud presets, ranges', async () => {
    for (const body of [{ baseUrl: 'ftp://example.com/v1' }, { baseUrl: 'file:///etc/passwd' }, { temperature: 3 }, { timeoutMs: 10 }, { preset: 'nope' }, { privacyMode: 'off' }]) {
      const response = await call('PUT', '/v1/admin/llm', t.tokens.admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const keyless = await call('PUT', '/v1/admin/llm', t.tenantB.adminToken, { enabled: true, preset: 'openai' });
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json().message).toContain('API key');
    expect((await call('PUT', '/v1/admin/llm', t.tenantB.adminToken, { enabled: true, preset: 'ollama' })).statusCode).toBe(200);
  });

  it('is for admins only', async () => {
    for (const [method, url] of [['GET', '/v1/admin/llm'], ['PUT', '/v1/admin/llm'], ['POST', '/v1/admin/llm/test']] as const) {
      const statuses = [undefined, t.tokens.agent, t.tokens.supervisor].map(async (token) => (await call(method, url, token, method === 'GET' ? undefined : {})).statusCode);
      expect(await Promise.all(statuses), `${method} ${url}`).toEqual([401, 403, 403]);
    }
  });

  it('keeps tenants apart: B neither sees nor changes A settings', async () => {
    const asB = (await call('GET', '/v1/admin/llm', t.tenantB.adminToken)).json();
    expect(asB).toMatchObject({ preset: 'ollama', hasApiKey: false });
    await call('PUT', '/v1/admin/llm', t.tenantB.adminToken, { model: 'b-model', apiKey: null });
    expect((await call('GET', '/v1/admin/llm', t.tokens.admin)).json()).toMatchObject({ model: 'qwen-max', hasApiKey: true });
  });

  it('tests the connection with one tiny completion, reporting errors without the key', async () => {
    fake.answer = () => ({ stream: ['ok'] });
    const ok = await call('POST', '/v1/admin/llm/test', t.tokens.admin, { preset: 'custom', baseUrl: fake.baseUrl, model: 'fake-model' });
    expect(ok.json()).toMatchObject({ ok: true, model: 'fake-model', error: null });
    expect(fake.requests.at(-1)).toMatchObject({ authorization: `Bearer ${KEY}`, body: { model: 'fake-model', max_tokens: 8 } });
    // Testing does not save: the stored model is unchanged.
    expect((await call('GET', '/v1/admin/llm', t.tokens.admin)).json().model).toBe('qwen-max');
    fake.answer = () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } });
    const refused = await call('POST', '/v1/admin/llm/test', t.tokens.admin, { preset: 'custom', baseUrl: fake.baseUrl, model: 'fake-model' });
    expect(refused.json()).toMatchObject({ ok: false });
    expect(refused.json().error).toMatch(/API key/);
    expect(refused.body).not.toContain(KEY);
    fake.answer = () => ({ hang: true });
    const slow = await call('POST', '/v1/admin/llm/test', t.tokens.admin, { preset: 'custom', baseUrl: fake.baseUrl, model: 'fake-model', timeoutMs: 1_000 });
    expect(slow.json()).toMatchObject({ ok: false });
    expect(slow.json().latencyMs).toBeLessThan(5_000);
    expect(t.logs.join('\n')).not.toContain(KEY);
  });
});

describe('admin API of LLM mode with a server-wide default (issue 22 item 7)', () => {
  it('says the server-wide model answers a tenant that never saved settings, and stops saying so once it has', async () => {
    const withDefault = await createLlmTestService(undefined, { LINGXI_LLM_BASE_URL: fake.baseUrl, LINGXI_LLM_MODEL: 'server-model' });
    try {
      const get = () => withDefault.service.app.inject({ method: 'GET', url: '/v1/admin/llm', headers: { authorization: `Bearer ${withDefault.tokens.admin}` } });
      expect((await get()).json()).toMatchObject({ enabled: false, serverDefault: { answering: true, model: 'server-model', baseUrl: fake.baseUrl, privacyMode: 'strict' } });
      const off = await withDefault.service.app.inject({ method: 'PUT', url: '/v1/admin/llm', headers: { authorization: `Bearer ${withDefault.tokens.admin}` }, payload: { enabled: false } });
      expect(off.json()).toMatchObject({ enabled: false, serverDefault: { answering: false } });
      expect((await get()).json().serverDefault.answering).toBe(false);
    } finally {
      await withDefault.close();
    }
    expect((await call('GET', '/v1/admin/llm', t.tokens.admin)).json().serverDefault).toBeNull();
  });
});
