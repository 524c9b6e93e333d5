import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openShop, say, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/**
 * Journeys answered by the real engine (e-commerce pack on the Chinese demo store), not a script: an FAQ answer with
 * its source in Chinese; an English order-status question where the customer proves who they are (the demo shop page
 * has no signed-in user, so the bot verifies the e-mail on the account, as the store policy says) and gets the order
 * card; the agent then sees that customer's orders in the console's customer panel; the admin sees the question
 * under the tenant article it hit and opens the conversation from there.
 */
let env: E2eEnvironment;
describeBrowser('widget, console and admin on the real engine (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e({ engine: 'pack' });
  }, 120_000);
  afterAll(async () => env?.close());

  it('answers a Chinese FAQ question with the answer and its source', async () => {
    const page = await openShop(env, await env.context('zh-CN'));
    await say(page, '退货政策是什么？');
    // The pack FAQ or the demo tenant's own return-policy article: either way the 7-day rule, with where it came from.
    const answer = page.locator('.lx-row.lx-bot').filter({ hasText: '无理由退货' });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.locator('.lx-sources .lx-source').count()).toBeGreaterThanOrEqual(1);
    expect(await answer.locator('.lx-sources .lx-source').first().innerText()).toMatch(/退货/);
  });

  it('shows an English customer their order card, and the agent the same order in the customer panel', async () => {
    const customer = await openShop(env, await env.context('en-US'));
    await say(customer, 'where is my order?');
    await customer.getByText(/verify who you are/).waitFor({ timeout: 15_000 });
    await say(customer, 'ruoxi.yuan1848@example.com');
    await customer.getByText(/you're verified/).waitFor({ timeout: 15_000 });
    await say(customer, '#CN2610960698');
    const card = customer.locator('.lx-card').filter({ hasText: '#CN2610960698' }).first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('已签收');
    await customer.getByText(/is “delivered”/).first().waitFor();

    const conversation = (await env.t.service.context.store.listConversations(env.t.a.tenantId, {})).find((candidate) => candidate.engineState.customerId === 'yuan_ruoxi_1848')!;
    expect(conversation).toBeDefined();
    const agent = await signIn(env, await env.context('en-US', { width: 1400, height: 860 }), 'console', 'agent');
    await agent.goto(`${env.base}/console/?conversation=${conversation.id}`);
    const panel = agent.locator('aside.customer-panel');
    const order = panel.locator('[data-record-id="#CN2610960698"]');
    await order.waitFor({ timeout: 15_000 });
    expect(await order.getAttribute('data-kind')).toBe('order');
    const text = await order.innerText();
    expect(text).toContain('delivered');
    expect(text).toContain('JDV797251330777');
    expect(text).toContain('空调挂机');
    // The customer's other order is listed too; the match says how the customer was found.
    await panel.locator('[data-record-id="#CN2611486432"]').waitFor();
    expect(await panel.innerText()).toContain('yuan_ruoxi_1848');
    if (process.env.LINGXI_SCREENSHOTS === '1') await agent.screenshot({ path: new URL('../../docs/screenshots/console-customer-records.png', import.meta.url).pathname });
  });

  it('shows the admin which customer questions hit an article, linking to the conversation in the console', async () => {
    const store = env.t.service.context.store;
    const created = await env.t.service.app.inject({
      method: 'POST', url: '/v1/knowledge', headers: { authorization: `Bearer ${env.t.a.apiKey}` },
      payload: { title: '灵犀会员日是哪天？', body: '每月 **18 日**是灵犀会员日，会员全场 9 折。', locale: 'zh', questions: ['会员日是什么时候'] },
    });
    expect(created.statusCode).toBe(200);
    const article = created.json();
    await env.t.service.context.engines.settled(env.t.a.tenantId);
    const customer = await openShop(env, await env.context('zh-CN'));
    await say(customer, '灵犀会员日是哪天？');
    await customer.locator('.lx-row.lx-bot').filter({ hasText: '会员日' }).filter({ hasText: '9 折' }).waitFor({ timeout: 30_000 }); // the tenant's engine is rebuilt with the article: slow on a loaded CI machine
    const conversation = (await store.listConversations(env.t.a.tenantId, {}))[0];

    const admin = await signIn(env, await env.context('zh-CN'), 'admin', 'admin');
    await admin.locator('[data-tab=knowledge]').click();
    await admin.locator(`[data-article-id="${article.id}"]`).click();
    const hits = admin.locator('[data-testid=article-hits]');
    await hits.locator('[data-testid=hit-count]').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    expect(await hits.locator('q').allInnerTexts()).toEqual(['灵犀会员日是哪天？']);
    const link = hits.getByRole('link', { name: '在工作台打开' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/console/?conversation=${encodeURIComponent(conversation.id)}`);
    // The link opens that conversation in the console (the agent is signed in in this browser profile).
    const agent = await signIn(env, admin.context(), 'console', 'agent');
    await agent.goto(`${env.base}${href}`);
    await agent.locator('.messages').getByText('灵犀会员日是哪天？', { exact: true }).waitFor({ timeout: 10_000 });
  });
});
