import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';

let t: TestService;
beforeAll(async () => {
  t = await createTestService();
});
afterAll(async () => t.close());

const start = async (body: Record<string, unknown>) => t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: body });
const send = (conversationId: string, token: string, payload: unknown) =>
  t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${conversationId}/messages`, headers: { authorization: `Bearer ${token}` }, payload: payload as never });

describe('widget HTTP API', () => {
  it('starts a conversation with the greeting and answers a first message with a structured bot reply', async () => {
    const started = await start({ tenantKey: t.a.widgetKey, customerId: 'shop-user-1' });
    expect(started.statusCode).toBe(200);
    const session = started.json();
    expect(session).toMatchObject({ customerId: 'shop-user-1', owner: 'bot', lastSeq: 1, created: true });
    expect(session.messages.map((m: { author: string }) => m.author)).toEqual(['bot']);
    expect(session.messages[0].payload.persona).toBe('小灵');
    const sent = await send(session.conversationId, session.token, { clientId: 'c1', text: '我的订单到哪了' });
    expect(sent.statusCode).toBe(200);
    const body = sent.json();
    expect(body.ack).toEqual({ clientId: 'c1', seq: 2, duplicate: false });
    expect(body.messages.map((m: { seq: number; author: string }) => [m.seq, m.author])).toEqual([[2, 'customer'], [3, 'bot']]);
    expect(body.messages[0].payload.understanding).toMatchObject({ intent: 'order_status', sentiment: { label: 'neutral' } });
    expect(body.messages[1].payload).toMatchObject({ intent: 'order_status', awaiting: 'order_id', quickReplies: [{ label: '转人工', payload: '转人工' }] });
    // Resuming without a conversation id continues the open conversation — with the resume token this widget was given.
    const again = (await start({ tenantKey: t.a.widgetKey, customerId: 'shop-user-1', resumeToken: session.resumeToken })).json();
    expect(again).toMatchObject({ conversationId: session.conversationId, customerId: 'shop-user-1', created: false, lastSeq: 3 });
  });

  it('never resumes another customer\'s history on a customer id alone (issue 23, D7)', async () => {
    const victim = (await start({ tenantKey: t.a.widgetKey, customerId: 'victim-a' })).json();
    await send(victim.conversationId, victim.token, { clientId: 'secret', text: '我的地址是幸福路 8 号' });
    const integration = await t.service.app.inject({ method: 'POST', url: '/v1/customers', headers: { authorization: `Bearer ${t.a.apiKey}` }, payload: { externalId: 'crm-7', name: '王五' } });
    expect(integration.statusCode).toBe(200);
    const intruders = [
      { customerId: 'victim-a' },
      { customerId: 'victim-a', conversationId: victim.conversationId },
      { customerId: 'victim-a', resumeToken: 'forged.token' },
      // A resume token of another customer (the intruder's own) does not open the victim's history either.
      { customerId: 'victim-a', resumeToken: (await start({ tenantKey: t.a.widgetKey, customerId: 'intruder' })).json().resumeToken },
      { customerId: 'crm-7' },
    ];
    for (const intruder of intruders) {
      const response = await start({ tenantKey: t.a.widgetKey, ...intruder });
      if (intruder.conversationId) {
        expect(response.statusCode).toBe(404);
        continue;
      }
      const session = response.json();
      expect(session.conversationId).not.toBe(victim.conversationId);
      expect(session.customerId).toMatch(/^anon_/);
      expect(session.created).toBe(true);
      expect(JSON.stringify(session.messages)).not.toContain('幸福路');
    }
    // A resume token of another tenant is refused too.
    const other = (await start({ tenantKey: t.b.widgetKey, customerId: 'victim-a' })).json();
    expect((await start({ tenantKey: t.a.widgetKey, customerId: 'victim-a', resumeToken: other.resumeToken })).json().customerId).toMatch(/^anon_/);
    // The victim's own widget still resumes.
    const back = (await start({ tenantKey: t.a.widgetKey, customerId: 'victim-a', resumeToken: victim.resumeToken })).json();
    expect(back).toMatchObject({ conversationId: victim.conversationId, customerId: 'victim-a' });
  });

  it('stores a duplicate clientId once and acks it with the first seq', async () => {
    const session = (await start({ tenantKey: t.a.widgetKey })).json();
    const first = (await send(session.conversationId, session.token, { clientId: 'same', text: 'hello' })).json();
    const second = (await send(session.conversationId, session.token, { clientId: 'same', text: 'hello' })).json();
    expect(second.ack).toEqual({ clientId: 'same', seq: first.ack.seq, duplicate: true });
    expect(second.messages).toEqual([]);
    const all = (await t.service.app.inject({ url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` } })).json();
    expect(all.messages.filter((m: { clientId: string }) => m.clientId === 'same')).toHaveLength(1);
  });

  it('long-polls until a message arrives', async () => {
    const session = (await start({ tenantKey: t.a.widgetKey })).json();
    const poll = t.service.app.inject({ url: `/v1/widget/conversations/${session.conversationId}/messages?after=1&waitMs=5000`, headers: { authorization: `Bearer ${session.token}` } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await send(session.conversationId, session.token, { clientId: 'lp', text: 'hi there' });
    const result = (await poll).json();
    expect(result.messages[0]).toMatchObject({ seq: 2, text: 'hi there' });
  });

  it('rejects bad input with a 4xx that says how to fix it', async () => {
    const session = (await start({ tenantKey: t.a.widgetKey })).json();
    const cases: Array<[unknown, number, RegExp]> = [
      [{ clientId: 'x', text: '' }, 400, /text must not be empty/],
      [{ clientId: 'x', text: 'a'.repeat(4001) }, 400, /limited to 4000 characters/],
      [{ text: 'hi' }, 400, /body\.clientId/],
      [{ clientId: 42, text: 'hi' }, 400, /clientId/],
      ['not json', 400, /JSON|body/i],
      [{ clientId: 'x', text: 'a'.repeat(70_000) }, 413, /too large/],
    ];
    for (const [payload, status, message] of cases) {
      const response = typeof payload === 'string'
        ? await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, payload })
        : await send(session.conversationId, session.token, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(status);
      expect(response.json().message).toMatch(message);
    }
    expect((await start({ tenantKey: 'nope' })).json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/Unknown tenantKey/) });
    expect((await send(session.conversationId, 'forged.token', { clientId: 'x', text: 'hi' })).statusCode).toBe(401);
    expect((await t.service.app.inject({ url: '/v1/nothing' })).statusCode).toBe(404);
  });

  it('verifies the widget identity HMAC when the tenant enforces it, and revokes widget tokens issued before', async () => {
    const store = t.service.context.store;
    const tenant = (await store.getTenant(t.b.tenantId))!;
    const before = (await start({ tenantKey: t.b.widgetKey, customerId: 'u8' })).json();
    await store.updateTenantSettings(tenant.id, { ...tenant.settings, enforceWidgetIdentity: true });
    const stale = await send(before.conversationId, before.token, { clientId: 'late', text: 'still me?' });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().message).toMatch(/now verifies customers/);
    expect((await start({ tenantKey: t.b.widgetKey, customerId: 'u8', resumeToken: before.resumeToken })).statusCode).toBe(401);
    expect((await start({ tenantKey: t.b.widgetKey })).statusCode).toBe(401);
    expect((await start({ tenantKey: t.b.widgetKey, customerId: 'u9', hmac: 'ab'.repeat(32) })).statusCode).toBe(401);
    const ok = await start({ tenantKey: t.b.widgetKey, customerId: 'u9', hmac: widgetIdentityHmac(tenant.settings.widgetSecret, 'u9') });
    expect(ok.statusCode).toBe(200);
    expect((await send(ok.json().conversationId, ok.json().token, { clientId: 'v1', text: 'verified' })).statusCode).toBe(200);
    await store.updateTenantSettings(tenant.id, tenant.settings);
  });

  it('queues the conversation for an agent when the engine fails, without a 500', async () => {
    const session = (await start({ tenantKey: t.a.widgetKey })).json();
    const response = await send(session.conversationId, session.token, { clientId: 'b1', text: 'boom' });
    expect(response.statusCode).toBe(200);
    expect(response.json().messages.map((m: { author: string }) => m.author)).toEqual(['customer', 'system']);
    expect((await t.service.context.store.getConversation(t.a.tenantId, session.conversationId))?.owner).toBe('queued');
  });

  it('records a satisfaction rating as a conversation.rated event and validates the score', async () => {
    const session = (await start({ tenantKey: t.a.widgetKey })).json();
    const rate = (payload: unknown) => t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/rating`, headers: { authorization: `Bearer ${session.token}` }, payload: payload as never });
    expect((await rate({ score: 6 })).statusCode).toBe(400);
    // The survey follows a close (issue 28; rules in conversation-rating.test.ts).
    expect((await rate({ score: 4 })).statusCode).toBe(409);
    await t.service.app.inject({ method: 'POST', url: `/v1/agent/conversations/${session.conversationId}/close`, headers: { authorization: `Bearer ${t.a.tokens.agent}` }, payload: { resolution: 'resolved' } });
    expect((await rate({ score: 4, comment: '  很快，谢谢 ' })).json()).toMatchObject({ ok: true, edited: false });
    const events = await t.service.context.store.listEvents(t.a.tenantId, session.conversationId);
    expect(events.filter((event) => event.type === 'conversation.rated').map((event) => event.data)).toEqual([{ score: 4, comment: '很快，谢谢', assigneeId: null, closeEventId: expect.any(String) }]);
  });

  it('lets an admin token manage knowledge (the admin UI) but not an agent token', async () => {
    const as = (token: string) => t.service.app.inject({ method: 'GET', url: '/v1/knowledge', headers: { authorization: `Bearer ${token}` } });
    expect((await as(t.a.tokens.admin)).statusCode).toBe(200);
    expect((await as(t.a.tokens.agent)).statusCode).toBe(403);
  });
});
