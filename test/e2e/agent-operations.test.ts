import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openShop, say, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/**
 * Agent operations (issue 21) on the real engine: an angry complaint in the widget becomes a ticket whose SLA the bot
 * quotes, and the agent finds it in the console's ticket view; out of hours the widget offers to leave a message
 * instead of promising a transfer, and a ticket appears.
 */
let env: E2eEnvironment;
describeBrowser('tickets, SLA and out-of-hours messages (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e({ engine: 'pack' });
  }, 120_000);
  afterAll(async () => env?.close());

  it('turns a complaint into a ticket with an SLA the customer is told, visible in the console', async () => {
    const customer = await openShop(env, await env.context('zh-CN'));
    await say(customer, '我要投诉，快递员态度非常差还把箱子扔在地上');
    await customer.getByText(/确认提交吗/).waitFor({ timeout: 15_000 });
    await say(customer, '是的，提交');
    const promise = customer.locator('.lx-row.lx-bot').filter({ hasText: '客服专员将在' });
    await promise.waitFor({ timeout: 15_000 });
    const { tickets } = await env.t.service.context.tickets!.list(env.t.a.tenantId, { type: 'complaint' });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ priority: 'high', source: 'bot', status: 'open' });
    expect(tickets[0].firstResponseDueAt).not.toBeNull();

    const agent = await signIn(env, await env.context('zh-CN', { width: 1400, height: 860 }), 'console', 'agent');
    await agent.locator('[data-view=tickets]').click();
    await agent.locator('[data-ticket-tab=unassigned]').click();
    await agent.locator(`[data-ticket-id="${tickets[0].id}"]`).click();
    const detail = agent.locator(`[data-ticket="${tickets[0].id}"]`);
    await detail.waitFor();
    expect(await detail.innerText()).toContain('首次响应截止');
    expect(await detail.innerText()).toContain('投诉');
    await agent.locator('[data-ticket-tab=unassigned]').click();
    if (process.env.LINGXI_SCREENSHOTS === '1') await agent.screenshot({ path: new URL('../../docs/screenshots/console-tickets.png', import.meta.url).pathname });
  });

  it('out of hours, offers to leave a message with the reply time and opens a ticket', async () => {
    const admin = { authorization: `Bearer ${env.t.a.tokens.admin}` };
    const { widgetKey: _key, widgetSecret: _secret, ...current } = (await env.t.service.app.inject({ url: '/v1/agent/settings', headers: admin })).json();
    const saved = await env.t.service.app.inject({
      method: 'PUT', url: '/v1/agent/settings', headers: admin,
      payload: { ...current, businessHours: { timeZone: 'Asia/Shanghai', days: [null, null, null, null, null, null, null] }, support: { whenClosed: 'leave_message' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const customer = await openShop(env, await env.context('zh-CN'));
    await say(customer, '转人工');
    await customer.locator('.lx-row.lx-bot').filter({ hasText: '现在是非工作时间' }).waitFor({ timeout: 15_000 });
    expect(await customer.locator('.lx-row.lx-bot').filter({ hasText: '正在为您转接' }).count()).toBe(0);
    const { tickets } = await env.t.service.context.tickets!.list(env.t.a.tenantId, { type: 'message' });
    expect(tickets).toHaveLength(1);
    expect(tickets[0].details).toMatchObject({ offline: 'closed' });
  });
});
