import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { assertPublicTarget, isPrivateAddress } from './outbound-target.ts';

describe('outbound targets of tenant-supplied URLs (issue 23, L2)', () => {
  it('classifies loopback, private, link-local, CGNAT and mapped addresses as private, others as public', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('checks every address a host resolves to, and lets the operator allow private targets', async () => {
    const resolve = (table: Record<string, string[]>) => async (host: string) => table[host] ?? Promise.reject(new Error('ENOTFOUND'));
    const dns = resolve({ 'api.example.com': ['93.184.216.34'], 'rebind.example.com': ['93.184.216.34', '10.0.0.5'], 'internal.example.com': ['192.168.0.10'] });
    await assertPublicTarget('https://api.example.com/v1', { allowPrivate: false, what: 'baseUrl', resolve: dns });
    await expect(assertPublicTarget('https://rebind.example.com/v1', { allowPrivate: false, what: 'baseUrl', resolve: dns })).rejects.toThrow(/rebind\.example\.com \(10\.0\.0\.5\)/);
    await expect(assertPublicTarget('http://internal.example.com/', { allowPrivate: false, what: 'url', resolve: dns })).rejects.toThrow(/LINGXI_ALLOW_PRIVATE_TARGETS/);
    // A name that does not resolve reaches nothing (an offline server saving a cloud preset).
    await assertPublicTarget('http://nowhere.example.com/', { allowPrivate: false, what: 'url', resolve: dns });
    await assertPublicTarget('http://internal.example.com/', { allowPrivate: true, what: 'url', resolve: dns });
  });
});

describe('the admin routes that take URLs', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await createTestService({ allowPrivateTargets: false }, { withSql: true });
  });
  afterAll(async () => t.close());
  const call = (url: string, payload: unknown, token: string) => t.service.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as never });

  it('refuses an LLM test, LLM settings and webhooks aimed at this server or internal networks', async () => {
    const inside = ['http://127.0.0.1:3932/v1/agent', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/', 'http://10.0.0.8/v1', 'http://0.0.0.0:3900/'];
    for (const baseUrl of inside) {
      const tested = await call('/v1/admin/llm/test', { preset: 'custom', baseUrl, model: 'm' }, t.a.tokens.admin);
      expect(tested.statusCode, `${baseUrl} → ${tested.body}`).toBe(400);
      expect(tested.json().message).toMatch(/private, loopback or link-local/);
      const saved = await t.service.app.inject({ method: 'PUT', url: '/v1/admin/llm', headers: { authorization: `Bearer ${t.a.tokens.admin}` }, payload: { preset: 'custom', baseUrl, model: 'm' } });
      expect(saved.statusCode, baseUrl).toBe(400);
      const hook = await call('/v1/webhooks', { url: `${baseUrl}/hook` }, t.a.apiKey);
      expect(hook.statusCode, baseUrl).toBe(400);
    }
    // A public address (an IP literal: no DNS in tests) is accepted.
    expect((await call('/v1/webhooks', { url: 'https://93.184.216.34/hook' }, t.a.apiKey)).statusCode).toBe(200);
  });
});
