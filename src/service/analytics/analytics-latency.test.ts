import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';

// Issue 28 item 2: the customer's message and the bot's reply are committed in one transaction, so their rows share
// the database's now(); the bot's first response read 0 s. The service now records when it received the message and
// when the engine replied, and analytics measures between those. The engine here takes 120 ms per turn.
const ENGINE_MS = 120;
let t: TestService;

function slow(engine: ConversationEngine): ConversationEngine {
  return { ...engine, handle: async (...args: Parameters<ConversationEngine['handle']>) => {
    await new Promise((resolve) => setTimeout(resolve, ENGINE_MS));
    return engine.handle(...args);
  } } as ConversationEngine;
}

beforeAll(async () => {
  t = await createTestService({}, { engineFactory: async () => slow(createScriptedEngine()), withSql: true });
}, 120_000);
afterAll(async () => t?.close());

const admin = (url: string) => t.service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.a.tokens.admin}` } });

describe('bot response time (issue 28 item 2)', () => {
  it('reports the real time between receiving the customer message and the bot reply, from the stored events', async () => {
    const ids: string[] = [];
    for (const [index, text] of ['我的订单到哪了', 'where is my order'].entries()) {
      const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: `latency-${index}` } })).json();
      const sent = await t.service.app.inject({
        method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `c-${index}`, text },
      });
      expect(sent.statusCode).toBe(200);
      ids.push(session.conversationId);
    }
    const dashboard = (await admin('/v1/admin/analytics/dashboard')).json();
    expect(dashboard.times.botFirstResponse.count).toBe(2);
    expect(dashboard.times.botFirstResponse.p50).toBeGreaterThanOrEqual(ENGINE_MS / 1000);
    expect(dashboard.times.botFirstResponse.p50).toBeLessThan(5);

    // Auditable: the export's events carry the times the figure is computed from.
    const exported = (await admin(`/v1/admin/conversations/${ids[0]}/export`)).json();
    const created = exported.events.filter((event: { type: string }) => event.type === 'message.created').map((event: { data: { author: string; at?: string } }) => event.data);
    const customer = created.find((data: { author: string }) => data.author === 'customer');
    const reply = created.filter((data: { author: string }) => data.author === 'bot').at(-1);
    const seconds = (Date.parse(reply.at) - Date.parse(customer.at)) / 1000;
    const row = (await admin('/v1/admin/analytics/conversations?metric=bot_response')).json().rows.find((item: { conversationId: string }) => item.conversationId === ids[0]);
    expect(row.botFirstResponseSeconds).toBeCloseTo(seconds, 3);
  });
});
