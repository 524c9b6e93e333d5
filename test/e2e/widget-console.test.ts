import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openShop, payloads, pwned, say, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/**
 * The customer ⇄ agent journey in a real browser: widget in Chinese and English, handoff to the console live,
 * the agent's reply reaching the customer, a dropped socket resumed without loss or duplicates, close and rating,
 * script payloads shown as text, and no style leaks between the shop page and the widget.
 */
let env: E2eEnvironment;
describeBrowser('widget and agent console (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => env?.close());

  it('answers in English with quick replies and English UI strings', async () => {
    const page = await openShop(env, await env.context('en-US'));
    await expect.poll(() => page.locator('.lx-human-button').innerText()).toBe('Talk to a person');
    await say(page, 'where is my order?');
    await page.getByText('What is your order number?').waitFor();
    expect(await page.locator('.lx-quick .lx-chip').allInnerTexts()).toEqual(['Talk to a human']);
    // Switchable: the header button flips the UI to Chinese.
    await page.getByRole('button', { name: '切换到中文' }).click();
    expect(await page.locator('.lx-human-button').innerText()).toBe('转人工客服');
  });

  it('hands a Chinese customer to an agent live, shows the human, resumes after a dropped socket, then rates', async () => {
    const agentContext = await env.context('zh-CN');
    const agent = await signIn(env, agentContext, 'console', 'agent');
    await agent.locator('.live-dot.on').waitFor();
    const customer = await openShop(env, await env.context('zh-CN'));
    expect(await customer.locator('.lx-bubble').first().innerText()).toContain('您好');
    await say(customer, '我的订单到哪了');
    await customer.getByText('请提供您的订单号。').waitFor();
    expect(await customer.locator('.lx-quick .lx-chip').allInnerTexts()).toEqual(['转人工']);
    await say(customer, payloads.image);
    await say(customer, payloads.script);
    await customer.locator('.lx-quick .lx-chip', { hasText: '转人工' }).or(customer.locator('.lx-human-button')).first().click();
    await customer.locator('.lx-banner[data-owner=queued]').waitFor();

    // The unassigned queue updates over the agent WebSocket, without a reload.
    const item = agent.locator('.conversation-item').first();
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent.getByText(payloads.image).waitFor();
    await agent.getByText(payloads.script).waitFor();
    await agent.getByRole('button', { name: '接管' }).click();
    await customer.locator('.lx-banner[data-owner=human]').waitFor();
    await agent.locator('.reply-row textarea').fill(`您好，我是客服小王 ${payloads.image}`);
    await agent.locator('.reply-row textarea').press('Enter');
    await customer.getByText(`您好，我是客服小王 ${payloads.image}`).waitFor();
    expect(await customer.locator('.lx-row.lx-agent').count()).toBe(1);

    // Drop every socket; while the widget is offline the agent writes; after the resume it shows exactly once.
    for (const socket of env.t.service.context.sockets) (socket as unknown as { terminate(): void }).terminate();
    await customer.locator('.lx-status[data-state=offline]').waitFor();
    const conversationId = (await env.t.service.context.store.listConversations(env.t.a.tenantId, { owner: 'human' }))[0].id;
    await env.t.service.context.conversations.reply((await env.t.service.context.store.getTenant(env.t.a.tenantId))!,
      (await env.t.service.context.store.getUser(env.t.a.tenantId, env.t.a.userIds.agent))!, conversationId, { text: '断线期间的消息 missed-while-offline' });
    await customer.getByText('断线期间的消息 missed-while-offline').waitFor({ timeout: 15_000 });
    await customer.locator('.lx-status[data-state=human]').waitFor();
    await customer.waitForTimeout(300);
    expect(await customer.getByText('断线期间的消息 missed-while-offline').count()).toBe(1);
    const seqs = await customer.locator('.lx-log [data-seq]').evaluateAll((rows) => rows.map((row) => Number((row as unknown as { dataset: { seq: string } }).dataset.seq)));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // Nothing ran, and no <img> was created from the payloads, in either app.
    expect(await pwned(customer)).toBeNull();
    expect(await pwned(agent)).toBeNull();
    expect(await customer.locator('.lx-log img').count()).toBe(0);
    expect(await agent.locator('.messages img, .messages script').count()).toBe(0);

    // The agent closes with a reason; the customer gets the survey and rates.
    await agent.locator('select[aria-label=结束原因]').selectOption('resolved');
    await agent.getByRole('button', { name: '结束会话' }).click();
    await customer.locator('.lx-survey').waitFor();
    await customer.getByRole('button', { name: '4 分' }).click();
    await customer.locator('.lx-survey textarea').fill('回复很快 👍');
    await customer.getByRole('button', { name: '提交评价' }).click();
    await customer.getByText('感谢您的评价！').waitFor();
    const rated = (await env.t.service.context.store.listEvents(env.t.a.tenantId, conversationId)).filter((event) => event.type === 'conversation.rated');
    expect(rated.map((event) => event.data)).toMatchObject([{ score: 4, comment: '回复很快 👍' }]);
  });

  it('keeps page and widget styles apart, and survives long text, emoji and RTL on a phone', async () => {
    const page = await openShop(env, await env.context('en-US', { width: 390, height: 760 }));
    // The shop styles every <button> red and uppercase and uses a serif font; none of it reaches the widget.
    const launcher = await page.locator('.lx-launcher').evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle(element: unknown): Record<string, string> }).getComputedStyle(element);
      return { transform: style.textTransform, background: style.backgroundImage };
    });
    const human = await page.locator('.lx-human-button').evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle(element: unknown): Record<string, string> }).getComputedStyle(element);
      return { transform: style.textTransform, font: style.fontFamily, color: style.color };
    });
    expect(human.transform).toBe('none');
    expect(human.font).not.toContain('Georgia');
    expect(human.color).toBe('rgb(79, 70, 229)');
    expect(launcher.background).toContain('linear-gradient');
    expect(launcher.transform).toBe('none');
    // …and the widget's class names do not style the host page.
    await page.evaluate(`(() => { const probe = document.createElement('div'); probe.className = 'lx-bubble lx-panel'; probe.id = 'probe'; probe.textContent = 'host'; document.body.append(probe); })()`);
    expect(await page.evaluate(`getComputedStyle(document.getElementById('probe')).borderRadius`)).toBe('0px');
    expect(await page.evaluate(`getComputedStyle(document.getElementById('probe')).position`)).toBe('static');

    // Phone: the panel fills the screen; long words, emoji and Arabic stay inside it.
    const box = await page.locator('section.lx-panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390 });
    await say(page, `where is my order 😀🎉 مرحبا بكم في متجرنا ${'x'.repeat(300)}`);
    const bubble = page.locator('.lx-row.lx-customer .lx-bubble').last();
    await bubble.waitFor();
    // The optimistic bubble is replaced by the stored one when the server acknowledges it: measure the one on screen.
    let bubbleBox = await bubble.boundingBox();
    for (let tries = 0; !bubbleBox && tries < 20; tries++) {
      await page.waitForTimeout(100);
      bubbleBox = await bubble.boundingBox();
    }
    expect(bubbleBox!.x).toBeGreaterThanOrEqual(0);
    expect(bubbleBox!.x + bubbleBox!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});
