import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, StoredEvent } from '../../storage/store.ts';
import { createTestService, type TestService } from '../../testing/create-test-service.ts';
import { eventUsesDoc, hitsInConversation } from './knowledge-hits-http.ts';

let t: TestService;
beforeAll(async () => {
  t = await createTestService();
});
afterAll(async () => t?.close());

const hits = (id: string, token = t.a.tokens.admin) => t.service.app.inject({ url: `/v1/admin/knowledge/${encodeURIComponent(id)}/hits`, headers: { authorization: `Bearer ${token}` } });

/** A customer turn committed the way the conversation service does it: engine events first, then message.created. */
async function turn(conversationId: string, text: string, knowledge: Record<string, unknown> | null) {
  const conversation = (await t.service.context.store.getConversation(t.a.tenantId, conversationId))!;
  const messageId = `msg_${Math.random().toString(36).slice(2)}`;
  await t.service.context.store.commit({
    tenantId: t.a.tenantId, conversationId, expectedLastSeq: conversation.lastSeq,
    messages: [{ id: messageId, author: 'customer', authorId: conversation.customerId, text, payload: {} }, { id: `${messageId}b`, author: 'bot', authorId: null, text: 'answer', payload: {} }],
    events: [
      ...(knowledge ? [{ type: 'knowledge.used', data: knowledge }] : []),
      { type: 'message.created', data: { messageId, author: 'customer', clientId: null } },
      { type: 'message.created', data: { messageId: `${messageId}b`, author: 'bot', clientId: null } },
    ],
  });
}

describe('GET /v1/admin/knowledge/:id/hits', () => {
  it('lists the customer questions whose turn used the article (rule and LLM events), newest first', async () => {
    const article = (await t.service.app.inject({ method: 'POST', url: '/v1/knowledge', headers: { authorization: `Bearer ${t.a.apiKey}` }, payload: { title: '退货政策', body: '7 天无理由退货', locale: 'zh' } })).json();
    const other = (await t.service.app.inject({ method: 'POST', url: '/v1/knowledge', headers: { authorization: `Bearer ${t.a.apiKey}` }, payload: { title: 'Shipping', body: '3 days', locale: 'en' } })).json();
    const first = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'kb-1' } })).json();
    const second = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'kb-2' } })).json();
    await turn(first.conversationId, '可以退货吗？', { docId: article.id, confidence: 0.8 });
    await turn(first.conversationId, '运费多少', { docId: other.id, confidence: 0.7 });
    await turn(first.conversationId, '谢谢', null);
    await turn(second.conversationId, 'How do I return an item?', { ids: [other.id, article.id], confidence: 0.6 });

    const response = await hits(article.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ articleId: article.id, count: 2 });
    expect(body.hits.map((hit: { question: string }) => hit.question)).toEqual(['How do I return an item?', '可以退货吗？']);
    expect(body.hits[1]).toMatchObject({ conversationId: first.conversationId, confidence: 0.8 });
    expect((await hits(other.id)).json().hits.map((hit: { question: string }) => hit.question).sort()).toEqual(['How do I return an item?', '运费多少']);
  });

  it('is for admins and supervisors of the tenant; an unknown article is 404', async () => {
    const article = (await t.service.app.inject({ method: 'POST', url: '/v1/knowledge', headers: { authorization: `Bearer ${t.a.apiKey}` }, payload: { title: 'x', body: 'y', locale: 'en' } })).json();
    expect((await hits(article.id, t.a.tokens.supervisor)).statusCode).toBe(200);
    expect((await hits(article.id, t.a.tokens.agent)).statusCode).toBe(403);
    expect((await hits(article.id, t.b.tokens.admin)).statusCode).toBe(404);
    expect((await hits('kb_missing')).statusCode).toBe(404);
    expect((await t.service.app.inject({ url: `/v1/admin/knowledge/${article.id}/hits` })).statusCode).toBe(401);
  });
});

describe('hitsInConversation', () => {
  const event = (id: number, type: string, data: Record<string, unknown>, createdAt: string): StoredEvent => ({ id: String(id), tenantId: 't', conversationId: 'c', customerId: null, type, data, createdAt });
  const message = (id: string, text: string): Message => ({ id, tenantId: 't', conversationId: 'c', seq: 1, clientId: null, author: 'customer', authorId: null, text, payload: {}, createdAt: '' });
  it('takes the customer message of the same commit, else the last one before the event', () => {
    const events = [
      event(1, 'message.created', { messageId: 'm1', author: 'customer' }, 't1'),
      event(2, 'knowledge.used', { docId: 'd' }, 't2'),
      event(3, 'message.created', { messageId: 'm2', author: 'customer' }, 't2'),
      event(4, 'knowledge.used', { docId: 'd' }, 't3'),
    ];
    const found = hitsInConversation(events, [message('m1', 'first'), message('m2', 'second')], 'd');
    expect(found.map((hit) => hit.question)).toEqual(['second', 'second']);
    expect(hitsInConversation([event(2, 'knowledge.used', { docId: 'd' }, 't2')], [], 'd')[0]).toMatchObject({ question: null, messageId: null });
  });
  it('matches docId and LLM ids only on knowledge.used events', () => {
    expect(eventUsesDoc({ type: 'knowledge.used', data: { ids: ['a', 'd'] } }, 'd')).toBe(true);
    expect(eventUsesDoc({ type: 'knowledge.used', data: { docId: 'dd' } }, 'd')).toBe(false);
    expect(eventUsesDoc({ type: 'tool.called', data: { docId: 'd' } }, 'd')).toBe(false);
  });
});
