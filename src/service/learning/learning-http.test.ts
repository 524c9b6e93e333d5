import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMemoryCache } from '../../engine/ports.ts';
import { tenantSuiteSchema, runConversationTest } from '../../evaluation/conversation-test.ts';
import { createPackEngine } from '../../packs/create-pack-engine.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';

// The learning loop end to end on the real e-commerce engine: questions the bot cannot answer become a gap topic, the
// admin closes it, the engine rebuilds in the background, and the same questions are answered — without a restart.
let t: TestService;
const cache = createMemoryCache();
beforeAll(async () => {
  t = await createTestService({}, { engineFactory: (options) => createPackEngine({ ...options, modelCache: cache }), withSql: true });
}, 120_000);
afterAll(async () => t?.close());

const admin = () => ({ authorization: `Bearer ${t.a.tokens.admin}` });
const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers = admin()) =>
  t.service.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }) });

async function ask(text: string, customerId: string) {
  const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId } })).json();
  const sent = await t.service.app.inject({
    method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` },
    payload: { clientId: `c-${customerId}`, text },
  });
  expect(sent.statusCode).toBe(200);
  return sent.json() as { messages: Array<{ author: string; text: string; payload: Record<string, unknown> }> };
}

async function applied() {
  for (let attempt = 0; attempt < 600; attempt++) {
    const status = (await api('GET', '/v1/admin/learning/status')).json();
    if (status.applied) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the tenant engine was not rebuilt in time');
}

describe('learning loop', () => {
  const petQuestions = ['宠物能用吗', '宠物可以吃吗', '给宠物吃可以吗'];

  it('clusters unanswered questions into topics, Chinese and English apart, with their outcomes', async () => {
    for (const [index, question] of petQuestions.entries()) {
      const reply = await ask(question, `pet-zh-${index}`);
      expect(reply.messages[0].payload.outcome).toBe('fallback');
    }
    for (const [index, question] of ['can pets use it', 'is it safe for pets'].entries()) await ask(question, `pet-en-${index}`);
    const answered = await ask('运费怎么算', 'answered-1');
    expect(answered.messages[0].payload).toMatchObject({ outcome: 'answered', knowledge: 'ecommerce/zh/shipping-fee' });

    const gaps = (await api('GET', '/v1/admin/learning/gaps')).json();
    const zh = gaps.topics.find((topic: { locale: string; count: number }) => topic.locale === 'zh' && topic.count === 3);
    expect(zh.examples.map((example: { text: string }) => example.text).sort()).toEqual([...petQuestions].sort());
    expect(zh.outcomes).toEqual({ fallback: 3 });
    expect(gaps.topics.some((topic: { question: string }) => topic.question === '运费怎么算')).toBe(false);
    expect(gaps.topics.filter((topic: { locale: string }) => topic.locale === 'en').flatMap((topic: { examples: Array<{ text: string }> }) => topic.examples.map((e) => e.text)).sort())
      .toEqual(['can pets use it', 'is it safe for pets']);
    // Agents cannot see or change the learning loop; another tenant sees none of it.
    expect((await api('GET', '/v1/admin/learning/gaps', undefined, { authorization: `Bearer ${t.a.tokens.agent}` })).statusCode).toBe(403);
    expect((await api('GET', '/v1/admin/learning/gaps', undefined, { authorization: `Bearer ${t.b.tokens.admin}` })).json().topics).toEqual([]);
  });

  it('closes a gap with an FAQ answer: the bot answers the same questions after a background rebuild, and a regression test is stored', async () => {
    const zh = (await api('GET', '/v1/admin/learning/gaps')).json().topics.find((topic: { locale: string; count: number }) => topic.locale === 'zh' && topic.count === 3);
    const closed = await api('POST', '/v1/admin/learning/gaps/answer', {
      messageIds: zh.messageIds, title: '商品可以给宠物用吗？', body: '我们的商品都是为人设计的，不建议给宠物食用或使用；宠物用品请咨询专业宠物店。',
    });
    expect(closed.statusCode).toBe(200);
    const { article, resolution } = closed.json();
    expect(article).toMatchObject({ status: 'published', locale: 'zh' });
    expect(article.questions).toEqual(expect.arrayContaining(petQuestions));
    expect(resolution).toMatchObject({ action: 'answer', status: 'approved', target: article.id });
    // Closing the same questions again is refused: they are no longer open gaps.
    expect((await api('POST', '/v1/admin/learning/gaps/answer', { messageIds: zh.messageIds, title: 'x', body: 'y' })).statusCode).toBe(404);
    await applied();
    const reply = await ask('宠物能用吗', 'pet-zh-after');
    expect(reply.messages[0].payload).toMatchObject({ outcome: 'answered', knowledge: article.id });
    expect(reply.messages[1].text).toContain('不建议给宠物');
    expect(reply.messages[1].payload.sources).toEqual([expect.objectContaining({ id: article.id })]);
    const remaining = (await api('GET', '/v1/admin/learning/gaps')).json().topics;
    expect(remaining.some((topic: { messageIds: string[] }) => topic.messageIds.some((id) => zh.messageIds.includes(id)))).toBe(false);
  }, 120_000);

  it('closes a gap with training phrases of an intent; unknown intents are refused', async () => {
    const en = (await api('GET', '/v1/admin/learning/gaps')).json().topics.filter((topic: { locale: string }) => topic.locale === 'en');
    const messageIds = en.flatMap((topic: { messageIds: string[] }) => topic.messageIds);
    expect((await api('POST', '/v1/admin/learning/gaps/phrases', { messageIds, intent: 'no_such_intent' })).statusCode).toBe(400);
    const added = await api('POST', '/v1/admin/learning/gaps/phrases', { messageIds, intent: 'list_products' });
    expect(added.statusCode).toBe(200);
    expect(added.json().phrases.map((phrase: { text: string }) => phrase.text).sort()).toEqual(['can pets use it', 'is it safe for pets']);
    await applied();
    const intents = (await api('GET', '/v1/admin/intents')).json().intents;
    expect(intents.find((entry: { intent: string }) => entry.intent === 'list_products').custom).toHaveLength(2);
    const reply = await ask('is it safe for pets', 'pet-en-after');
    expect((reply.messages[0].payload.understanding as { intent: string }).intent).toBe('list_products');
  }, 120_000);

  it('promotes an agent reply to a draft that answers nobody until approved', async () => {
    const question = '包装里能放贺卡吗';
    expect((await ask(question, 'card-1')).messages[0].payload.outcome).toBe('fallback');
    const gaps = (await api('GET', '/v1/admin/learning/gaps')).json().topics;
    const curtain = gaps.find((topic: { question: string }) => topic.question === question);
    expect(curtain).toBeTruthy();
    // No agent has answered yet: nothing to promote.
    expect((await api('POST', '/v1/admin/learning/gaps/promote', { messageIds: curtain.messageIds })).statusCode).toBe(409);
    const agentReply = '可以的，下单时在备注里写上贺卡内容，我们会手写贺卡放进包裹，不另收费。';
    const answered = await t.service.app.inject({
      method: 'POST', url: `/v1/agent/conversations/${curtain.examples[0].conversationId}/messages`, headers: admin(), payload: { text: agentReply },
    });
    expect(answered.statusCode).toBe(200);
    const promoted = (await api('POST', '/v1/admin/learning/gaps/promote', { messageIds: curtain.messageIds })).json();
    expect(promoted.article).toMatchObject({ status: 'draft', body: agentReply, title: question });
    // A draft answers nobody.
    expect((await ask(question, 'card-2')).messages[0].payload.outcome).toBe('fallback');
    expect(promoted.resolution.status).toBe('pending');
    const approved = await api('POST', `/v1/admin/learning/drafts/${promoted.article.id}/approve`, { body: `${agentReply}（以店铺公告为准）` });
    expect(approved.json().article).toMatchObject({ status: 'published' });
    expect((await api('POST', `/v1/admin/learning/drafts/${promoted.article.id}/approve`, {})).statusCode).toBe(409);
    await applied();
    const after = await ask(question, 'card-3');
    expect(after.messages[1].text).toContain('以店铺公告为准');
  }, 120_000);

  it('exports the regression suite that `lingxi test` runs, and it passes; the digest counts the fixes', async () => {
    const exported = await api('GET', '/v1/admin/learning/suite');
    expect(exported.headers['content-type']).toContain('yaml');
    const suite = tenantSuiteSchema.parse(parse(exported.body));
    expect(suite.tests.length).toBeGreaterThanOrEqual(3);
    expect(suite.content.articles.length).toBeGreaterThanOrEqual(2);
    for (const [index, test] of suite.tests.entries()) {
      const result = await runConversationTest({ ...test, packs: test.packs ?? suite.packs }, `suite#${index + 1}`, { modelCache: cache, content: suite.content });
      expect(result.failures, test.name).toEqual([]);
    }
    // Without the tenant's content the same tests fail: they test the fixes, not the packs.
    const bare = await runConversationTest({ ...suite.tests[0], packs: suite.packs }, 'bare', { modelCache: cache });
    expect(bare.passed).toBe(false);
    const digest = (await api('GET', '/v1/admin/learning/digest')).json();
    expect(digest.fixed.length).toBeGreaterThanOrEqual(3);
    expect(digest.thisWeek.conversations).toBeGreaterThan(5);
    expect(digest.thisWeek.gapQuestions).toBeGreaterThanOrEqual(7);
  }, 120_000);
});
