import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { RATING_EDIT_WINDOW_MS, rateConversation } from './conversation-rating.ts';

// Issue 28 item 9: one rating per close of the conversation, changeable for a window, with the agent who held it.
let t: TestService;
beforeAll(async () => {
  t = await createTestService();
}, 120_000);
afterAll(async () => t?.close());

describe('conversation rating', () => {
  it('accepts one rating per close, editable for a window, and records the agent who closed it', async () => {
    const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'rater' } })).json();
    const widget = { authorization: `Bearer ${session.token}` };
    const agent = { authorization: `Bearer ${t.a.tokens.agent}` };
    const rate = (payload: unknown) => t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/rating`, headers: widget, payload: payload as never });
    const ratings = async () => (await t.service.context.store.listEvents(t.a.tenantId, session.conversationId)).filter((event) => event.type === 'conversation.rated').map((event) => event.data);

    const early = await rate({ score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/not been closed/);
    expect((await rate({ score: 6 })).statusCode).toBe(400);

    expect((await t.service.app.inject({ method: 'POST', url: `/v1/agent/conversations/${session.conversationId}/take-over`, headers: agent })).statusCode).toBe(200);
    expect((await t.service.app.inject({ method: 'POST', url: `/v1/agent/conversations/${session.conversationId}/close`, headers: agent, payload: { resolution: 'resolved' } })).statusCode).toBe(200);
    const first = await rate({ score: 2, comment: '  太慢了 ' });
    expect(first.json()).toMatchObject({ ok: true, edited: false });
    expect((await rate({ score: 4 })).json()).toMatchObject({ ok: true, edited: true });
    const stored = await ratings();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ score: 2, comment: '太慢了', assigneeId: t.a.userIds.agent });
    expect(stored[1]).toMatchObject({ score: 4, assigneeId: t.a.userIds.agent });

    // After the window the rating of this close is final.
    const conversation = (await t.service.context.store.getConversation(t.a.tenantId, session.conversationId))!;
    const late = new Date(Date.parse(first.json().editableUntil) + 1000);
    expect(Date.parse(first.json().editableUntil) - Date.now()).toBeLessThanOrEqual(RATING_EDIT_WINDOW_MS);
    await expect(rateConversation(t.service.context.store, conversation, { score: 1 }, late)).rejects.toMatchObject({ code: 'conflict' });

    // The customer writes again (reopens), an agent closes again: a new survey, a new rating.
    await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: widget, payload: { clientId: 'again-1', text: '还有一个问题' } });
    expect((await t.service.app.inject({ method: 'POST', url: `/v1/agent/conversations/${session.conversationId}/close`, headers: agent, payload: { resolution: 'resolved' } })).statusCode).toBe(200);
    await expect(rateConversation(t.service.context.store, (await t.service.context.store.getConversation(t.a.tenantId, session.conversationId))!, { score: 5 }, late)).resolves.toMatchObject({ edited: false });
  });
});
