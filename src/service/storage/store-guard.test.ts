import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { InjectOptions } from 'fastify';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import { createFaultySqlClient, type SqlFaults } from '../testing/faulty-sql-client.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { createPgliteClient } from './pglite-client.ts';
import { createSqlStore } from './sql-store.ts';
import { isDatabaseUnavailable } from './store-guard.ts';

/** Database outage: 503 + Retry-After fast, nothing half-written, recovery without a restart (issue 12). */
let service: Service;
let faults: SqlFaults;
let demo: DemoSeed;
beforeAll(async () => {
  const faulty = createFaultySqlClient(await createPgliteClient());
  faults = faulty.faults;
  const store = await createSqlStore('pglite', faulty.client);
  demo = (await seedDemo(store, { password: 'outage-password-1' }))!;
  service = await createService(loadServiceConfig({ secret: 'outage-secret-0123456789', seedDemo: false } as never, {}), {
    store, logger: createLogger('silent'), engineFactory: async () => createScriptedEngine(),
  });
});
afterAll(async () => {
  faults.down = false;
  await service.close();
});

const inject = (options: InjectOptions) => service.app.inject(options);
const start = async (customerId: string) => (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, customerId } })).json();

describe('database unavailable', () => {
  it('answers 503 with Retry-After quickly, readiness goes red, and recovers without a restart', async () => {
    const session = await start('outage-1');
    faults.down = true;
    const began = Date.now();
    const refused = await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, customerId: 'outage-2' } });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/database.*Retry/i) });
    const message = await inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'o1', text: 'hello' } });
    expect(message.statusCode).toBe(503);
    expect((await inject({ url: '/v1/agent/conversations', headers: { authorization: `Bearer ${service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: 'x', role: 'admin' }, 60)}` } })).statusCode).toBe(503);
    const ready = await inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect((await inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(Date.now() - began).toBeLessThan(2000);

    faults.down = false;
    expect((await inject({ url: '/readyz' })).statusCode).toBe(200);
    const retried = await inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'o1', text: 'hello' } });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().ack).toMatchObject({ clientId: 'o1', seq: 2, duplicate: false });
  });

  it('loses nothing of a turn whose commit statement is cut off; the retry stores it once', async () => {
    const session = await start('outage-3');
    const before = await service.context.store.getConversation(demo.tenantId, session.conversationId);
    // The turn commit is one statement (sql-conversations.ts); the connection drops as it is sent.
    faults.failNextMatching = /INSERT INTO messages/;
    const post = () => inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'half', text: 'where is my order' } });
    const failed = await post();
    expect(failed.statusCode).toBe(503);
    expect(await service.context.store.getMessageByClientId(demo.tenantId, session.conversationId, 'half')).toBeNull();
    const after = await service.context.store.getConversation(demo.tenantId, session.conversationId);
    expect(after!.lastSeq).toBe(before!.lastSeq);
    expect(await service.context.store.listMessages(demo.tenantId, session.conversationId)).toHaveLength(before!.lastSeq);
    const ok = await post();
    expect(ok.statusCode).toBe(200);
    const again = await post();
    expect(again.json().ack).toMatchObject({ clientId: 'half', seq: ok.json().ack.seq, duplicate: true });
    const stored = await service.context.store.listMessages(demo.tenantId, session.conversationId);
    expect(stored.filter((m) => m.clientId === 'half')).toHaveLength(1);
  });

  it('tells a WebSocket customer to retry, and the retry with the same client id succeeds', async () => {
    const base = (await service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: demo.widgetKey, customerId: 'outage-ws' });
    await client.waitFor((f) => f.type === 'welcome');
    faults.down = true;
    client.send({ type: 'message', clientId: 'w1', text: 'hello?' });
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'unavailable', clientId: 'w1' });
    faults.down = false;
    client.send({ type: 'message', clientId: 'w1', text: 'hello?' });
    expect(await client.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId: 'w1', duplicate: false });
    client.close();
  });

  it('classifies connection errors, not statement errors, as unavailable', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: '57P01' }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
