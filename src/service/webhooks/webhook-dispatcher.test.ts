import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createLogger } from '../observability/logger.ts';
import type { Store, StoredEvent, Webhook } from '../storage/store.ts';
import { createWebhookDispatcher } from './webhook-dispatcher.ts';

const hook = (id: string, events: string[] = []): Webhook => ({ id, tenantId: 't1', url: `http://127.0.0.1:1/${id}`, secret: 's', events, active: true, createdAt: '2026-11-25T00:00:00.000Z' });
const event = (type: string): StoredEvent => ({ id: '1', tenantId: 't1', conversationId: 'c1', customerId: null, type, data: {}, createdAt: '2026-11-25T00:00:00.000Z' });

function setup(cacheMs: number) {
  let hooks: Webhook[] = [hook('wh1')];
  let reads = 0;
  const store = { listWebhooks: async () => { reads++; return hooks; } } as unknown as Store;
  const enqueued: string[] = [];
  const jobs = { register() {}, enqueue: async (_name: string, payload: { webhookId: string }) => void enqueued.push(payload.webhookId) } as unknown as JobRunner;
  const dispatcher = createWebhookDispatcher({ store, jobs, logger: createLogger('silent'), cacheMs });
  return { dispatcher, enqueued, reads: () => reads, setHooks: (next: Webhook[]) => void (hooks = next) };
}

describe('webhook dispatcher', () => {
  it('reads the tenant webhooks once per cache period, not once per turn', async () => {
    const { dispatcher, enqueued, reads } = setup(60_000);
    for (let turn = 0; turn < 5; turn++) await dispatcher.dispatch('t1', [event('message.created')]);
    expect(reads()).toBe(1);
    expect(enqueued).toEqual(['wh1', 'wh1', 'wh1', 'wh1', 'wh1']);
  });

  it('sees a created or deleted webhook at once after forget(tenant)', async () => {
    const { dispatcher, enqueued, setHooks } = setup(60_000);
    await dispatcher.dispatch('t1', [event('message.created')]);
    setHooks([hook('wh1'), hook('wh2', ['conversation.closed'])]);
    await dispatcher.dispatch('t1', [event('conversation.closed')]);
    expect(enqueued).toEqual(['wh1', 'wh1']);
    dispatcher.forget('t1');
    await dispatcher.dispatch('t1', [event('conversation.closed')]);
    expect(enqueued).toEqual(['wh1', 'wh1', 'wh1', 'wh2']);
    setHooks([]);
    dispatcher.forget('t1');
    await dispatcher.dispatch('t1', [event('conversation.closed')]);
    expect(enqueued).toHaveLength(4);
  });

  it('reads again when the cache period has passed', async () => {
    const { dispatcher, reads } = setup(0);
    await dispatcher.dispatch('t1', [event('a')]);
    await dispatcher.dispatch('t1', [event('b')]);
    expect(reads()).toBe(2);
  });
});
