import { describe, it, expect, afterAll } from 'vitest';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadServiceConfig } from '../../src/service/config.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createScriptedEngine } from '../../src/service/testing/scripted-engine.ts';
import { freePort } from './server-process.ts';

/**
 * PostgreSQL goes away for a while (issue 12): the service reaches the database through a TCP proxy on 127.0.0.1 that
 * the test cuts (open connections destroyed, new ones refused) and restores. Requests fail fast with 503 + Retry-After,
 * /readyz is red, and the same process serves again once the database is back.
 */
const databaseUrl = process.env.DATABASE_URL;

function createProxy(port: number, target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const up = () => new Promise<void>((resolve) => {
    if (server) return resolve();
    server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const down = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    const closing = server;
    server = null;
    if (closing) closing.close(() => resolve());
    else resolve();
  });
  return { up, down };
}

describe.skipIf(!databaseUrl)('PostgreSQL outage', () => {
  const schema = `lingxi_outage_${randomUUID().slice(0, 8)}`;
  let service: Service | null = null;
  let proxy: ReturnType<typeof createProxy>;
  afterAll(async () => {
    await proxy?.up().catch(() => {});
    await service?.close();
    await proxy?.down();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('answers 503 with Retry-After while the database is unreachable and recovers without a restart', async () => {
    const port = await freePort();
    const target = new URL(databaseUrl!);
    proxy = createProxy(port, target);
    await proxy.up();
    const proxied = new URL(databaseUrl!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    service = await createService(loadServiceConfig({ databaseUrl: proxied.toString(), databaseSchema: schema, secret: 'outage-secret-0123456789', demoPassword: 'outage-password-1' } as never, {}), {
      logger: createLogger('silent'), engineFactory: async () => createScriptedEngine(),
    });
    const widgetKey = service.demo!.widgetKey;
    const start = () => service!.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: widgetKey, customerId: 'outage' } });
    const first = await start();
    expect(first.statusCode).toBe(200);
    const { conversationId, token } = first.json();

    await proxy.down();
    const began = Date.now();
    const refused = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${conversationId}/messages`, headers: { authorization: `Bearer ${token}` }, payload: { clientId: 'during', text: 'hello?' } });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect((await service.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    expect(Date.now() - began).toBeLessThan(8000);

    await proxy.up();
    let ready = 0;
    for (let attempt = 0; attempt < 50 && ready !== 200; attempt++) {
      ready = (await service.app.inject({ url: '/readyz' })).statusCode;
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready).toBe(200);
    const retried = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${conversationId}/messages`, headers: { authorization: `Bearer ${token}` }, payload: { clientId: 'during', text: 'hello?' } });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().ack).toMatchObject({ clientId: 'during', duplicate: false });
    const messages = await service.context.store.listMessages(service.demo!.tenantId, conversationId);
    expect(messages.filter((message) => message.clientId === 'during')).toHaveLength(1);
  });
});
