import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from './config.ts';
import { createService } from './create-service.ts';
import { createLogger } from './observability/logger.ts';
import { createScriptedEngine } from './testing/scripted-engine.ts';

describe('createService on a PGlite data folder', () => {
  it('seeds once, and a restart keeps conversations, accounts and tokens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-restart-'));
    try {
      const config = loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {});
      const overrides = { engineFactory: async () => createScriptedEngine(), logger: createLogger('silent') };
      const first = await createService(config, overrides);
      expect(first.demo?.accounts.map((a) => a.role)).toEqual(['admin', 'supervisor', 'agent']);
      const session = (await first.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: first.demo!.widgetKey, customerId: 'persist' } })).json();
      await first.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'p1', text: 'order?' } });
      const login = (await first.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).json();
      await first.close();

      const second = await createService(config, overrides);
      expect(second.demo).toBeNull();
      const history = await second.app.inject({ url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` } });
      expect(history.json().messages.map((m: { seq: number; author: string }) => [m.seq, m.author])).toEqual([[1, 'bot'], [2, 'customer'], [3, 'bot']]);
      expect((await second.app.inject({ url: '/v1/agent/me', headers: { authorization: `Bearer ${login.token}` } })).statusCode).toBe(200);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("with warmEngines 'background' it answers at once and /readyz says 503 until the engines are warm", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-background-'));
    let release!: () => void;
    const training = new Promise<void>((resolve) => (release = resolve));
    try {
      const config = loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {});
      const service = await createService(config, {
        engineFactory: async () => { await training; return createScriptedEngine(); }, logger: createLogger('silent'), warmEngines: 'background',
      });
      expect((await service.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      const warming = await service.app.inject({ url: '/readyz' });
      expect([warming.statusCode, warming.json().reason]).toEqual([503, 'warming up engines']);
      expect((await service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).statusCode).toBe(200);
      release();
      await service.enginesWarm;
      expect((await service.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      await service.close();
    } finally {
      release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
