import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { conversationSender } from './conversation-sender.ts';
import { createProactiveCare } from './proactive-care.ts';

// 10:00 in Shanghai: outside quiet hours, whatever the real clock says.
const DAYTIME = new Date('2026-11-20T02:00:00Z');

describe('POST /v1/events → proactive care', () => {
  let service: Service;
  let demo: DemoSeed;
  beforeAll(async () => {
    const sql = await createPgliteClient();
    const store = await createSqlStore('pglite', sql);
    demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
    const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
    service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), { store, logger, engineFactory: async () => createScriptedEngine() });
    // Wiring as the composition root does it (the store's SQL client is needed for the proactive_sends table).
    service.context.proactive = createProactiveCare({ sql, store, jobs: service.context.jobs, send: conversationSender(service.context.conversations), now: () => DAYTIME });
  });
  afterAll(async () => service.close());

  const post = (url: string, payload: unknown) => service.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${demo.apiKey}` }, payload: payload as object });

  it('gives the customer\'s open conversation one apology with the new date and records why', async () => {
    expect((await post('/v1/customers', { externalId: 'shop-42', name: '王芳' })).statusCode).toBe(200);
    const started = await post('/v1/messages', { customerId: 'shop-42', text: '您好' });
    const conversationId = started.json().conversation.id as string;
    const event = { type: 'order.delayed', customerId: 'shop-42', data: { orderId: '#CN2611000001', newDate: '11月25日' } };
    expect((await post('/v1/events', event)).statusCode).toBe(200);
    expect((await post('/v1/events', event)).statusCode).toBe(200);
    const deadline = Date.now() + 3000;
    let apologies: Array<{ text: string; payload: Record<string, unknown> }> = [];
    while (Date.now() < deadline) {
      const messages = await service.context.store.listMessages(demo.tenantId, conversationId);
      apologies = messages.filter((message) => message.payload.ruleId === 'order-delayed-apology');
      if (apologies.length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const messages = await service.context.store.listMessages(demo.tenantId, conversationId);
    apologies = messages.filter((message) => message.payload.ruleId === 'order-delayed-apology');
    expect(apologies).toHaveLength(1);
    expect(apologies[0].text).toContain('#CN2611000001');
    expect(apologies[0].text).toContain('11月25日');
    const events = await service.context.store.listEvents(demo.tenantId, conversationId);
    expect(events.find((stored) => stored.type === 'proactive.sent')?.data).toMatchObject({ ruleId: 'order-delayed-apology', because: 'order.delayed' });
  });
});
