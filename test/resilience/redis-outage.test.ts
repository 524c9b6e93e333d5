import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../../src/service/testing/create-test-service.ts';
import { eventually } from '../../src/service/testing/eventually.ts';

/**
 * Redis outage (issue 12): a service on Redis (bus, jobs, shared limits) whose Redis dies answers 503 with Retry-After at
 * once — no hang, nothing half-written — and serves again, without a restart, when Redis is back. Uses its own
 * redis-server on a free port (skipped when the binary is missing), never the shared one.
 */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let redis: ChildProcess | null = null;
let t: TestService | null = null;
afterAll(async () => {
  // Bounded: after an outage the BullMQ connections can take longer than a test should wait to close (known gap).
  await Promise.race([t?.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  redis?.kill('SIGKILL');
});

describe.skipIf(!hasRedisServer)('Redis outage', () => {
  it('answers 503 with Retry-After while Redis is down, writes nothing, and recovers without a restart', async () => {
    const port = await freePort();
    const startRedis = async () => {
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await eventually(() => expect(spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString()).toContain('PONG'), 5000);
    };
    await startRedis();
    t = await createTestService({ redisUrl: `redis://127.0.0.1:${port}`, redisPrefix: 'outage-test:' } as never);
    const app = t.service.app;
    const session = (await app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'outage' } })).json();
    const send = (clientId: string) => app.inject({
      method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId, text: '你好' },
    });
    expect((await send('before')).statusCode).toBe(200);

    redis!.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const during = await send('during');
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBeDefined();
    expect(during.json()).toMatchObject({ error: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await t.service.context.store.getMessageByClientId(t.a.tenantId, session.conversationId, 'during')).toBeNull();

    await startRedis();
    let retried: Awaited<ReturnType<typeof send>> | null = null;
    for (let attempt = 0; attempt < 50 && retried?.statusCode !== 200; attempt++) {
      retried = await send('during');
      if (retried.statusCode !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(retried!.statusCode).toBe(200);
    expect(retried!.json().ack).toMatchObject({ clientId: 'during', duplicate: false });
    const stored = await t.service.context.store.listMessages(t.a.tenantId, session.conversationId);
    expect(stored.filter((message) => message.clientId === 'during')).toHaveLength(1);
  }, 60_000);
});
