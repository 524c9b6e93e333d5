import { describe, it, expect, afterAll } from 'vitest';
import pg from 'pg';
import { loadServiceConfig } from '../../src/service/config.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createPostgresStore } from '../../src/service/storage/sql-store.ts';
import { createScriptedEngine } from '../../src/service/testing/scripted-engine.ts';
import { connectTestClient } from '../../src/service/testing/ws-test-client.ts';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('service on PostgreSQL', () => {
  const schema = `lingxi_service_${process.pid}_${Date.now().toString(36)}`;
  const services: Service[] = [];
  afterAll(async () => {
    for (const service of services) await service.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('holds a WebSocket conversation and survives a restart of the node', async () => {
    const config = loadServiceConfig({ databaseUrl: url, demoPassword: 'demo-password-1', secret: 'service-postgres-secret-0123' }, {});
    const start = async () => {
      const service = await createService(config, {
        store: await createPostgresStore({ connectionString: url!, schema }), engineFactory: async () => createScriptedEngine(), logger: createLogger('silent'),
      });
      services.push(service);
      return service;
    };
    const first = await start();
    const widgetKey = first.demo!.widgetKey;
    const base = (await first.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: widgetKey, customerId: 'pg-user' });
    const { conversationId, resumeToken } = await client.waitFor((f) => f.type === 'welcome');
    client.send({ type: 'message', clientId: 'a', text: '我要转人工' });
    await client.waitFor((f) => f.type === 'conversation' && f.owner === 'queued');
    client.close();
    await first.close();

    const second = await start();
    expect(second.demo).toBeNull();
    const base2 = (await second.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const again = await connectTestClient(`${base2}/v1/widget/ws`);
    again.send({ type: 'hello', tenantKey: widgetKey, customerId: 'pg-user', conversationId, afterSeq: 0, resumeToken });
    await again.waitFor((f) => f.type === 'message' && f.message.seq === 3);
    expect(again.frames.filter((f) => f.type === 'message').map((f) => f.message.author)).toEqual(['bot', 'customer', 'bot']);
    expect(again.frames.find((f) => f.type === 'welcome')).toMatchObject({ owner: 'queued', created: false });
    again.close();
  });
});
