import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackEngine } from '../../packs/create-pack-engine.ts';
import { createFileModelCache, defaultCacheDirectory } from '../../infra/file-model-cache.ts';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';

/** A store-zh customer (src/packs/ecommerce/data/store-zh/users.json) the shop's backend vouches for with the widget HMAC. */
const SHOPPER = 'yuan_ruoxi_1848';

let t: TestService;
beforeAll(async () => {
  t = await createTestService({}, { engineFactory: async (options) => createPackEngine({ ...options, modelCache: createFileModelCache(defaultCacheDirectory(process.env, process.cwd())) }) });
}, 120_000);
afterAll(async () => t?.close());

const start = async (body: Record<string, unknown>) => (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: body })).json();
const send = async (session: { conversationId: string; token: string }, text: string, clientId: string) =>
  (await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId, text } })).json();

describe('a shopper verified by the widget HMAC is the bot\'s customer from the first message', () => {
  it('is not asked to identify again (zh and en), and the conversation records how it was verified', async () => {
    const tenant = (await t.service.context.store.getTenant(t.a.tenantId))!;
    const hmac = widgetIdentityHmac(tenant.settings.widgetSecret, SHOPPER);
    const session = await start({ tenantKey: t.a.widgetKey, customerId: SHOPPER, hmac });
    const zh = await send(session, '我的订单到哪了', 'v1');
    const bot = zh.messages.filter((message: { author: string }) => message.author === 'bot');
    expect(bot.map((message: { payload: { awaiting?: string } }) => message.payload.awaiting)).not.toContain('phone');
    expect(bot.map((message: { payload: { awaiting?: string } }) => message.payload.awaiting)).not.toContain('email');
    // Her own orders are offered (users.json lists #CN2610960698 among them).
    expect(bot.map((message: { text: string }) => message.text).join('\n')).toContain('#CN2610960698');
    const conversation = (await t.service.context.store.getConversation(t.a.tenantId, session.conversationId))!;
    expect(conversation.engineState.customerId).toBe(SHOPPER);
    const events = await t.service.context.store.listEvents(t.a.tenantId, session.conversationId);
    expect(events.find((event) => event.type === 'customer.verified')?.data).toMatchObject({ by: 'widget_hmac', backendCustomerId: SHOPPER });

    const english = await start({ tenantKey: t.a.widgetKey, customerId: SHOPPER, hmac });
    const en = await send(english, 'hi, where is my order?', 'v2');
    expect(en.messages.filter((message: { author: string }) => message.author === 'bot').map((message: { payload: { awaiting?: string } }) => message.payload.awaiting)).not.toContain('email');
  });

  it('a customer id the page merely claims (no HMAC) is not trusted: the bot still asks who they are', async () => {
    const session = await start({ tenantKey: t.a.widgetKey, customerId: 'feng_haoyu_6004' });
    const reply = await send(session, '我的订单到哪了', 'c1');
    const awaiting = reply.messages.filter((message: { author: string }) => message.author === 'bot').map((message: { payload: { awaiting?: string } }) => message.payload.awaiting);
    expect(awaiting.some((slot: string | undefined) => slot === 'phone' || slot === 'email' || slot === 'order_id')).toBe(true);
    expect((await t.service.context.store.getConversation(t.a.tenantId, session.conversationId))!.engineState.customerId).toBeNull();
  });
});
