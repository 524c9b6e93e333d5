import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openShop, say, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/**
 * The learning loop in the browser, on the real e-commerce engine (issue 10): a customer asks something the bot cannot
 * answer, the admin sees it counted on the analytics dashboard and opens the conversations behind the number, finds it under Knowledge gaps, writes the answer, waits for "Live", and the next customer asking
 * the same question gets the admin's answer — no restart. Also: the friendly message when no agent has replied yet,
 * and an intent's own phrases added and removed on the Intents page.
 */
const QUESTION = '宠物可以吃吗';
const ANSWER = '本店零食都是给人吃的，请勿给宠物食用；宠物零食请咨询专业宠物店。';

let env: E2eEnvironment;
describeBrowser('learning loop: knowledge gaps and intents in the admin (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e({ engine: 'pack' });
  }, 120_000);
  afterAll(async () => env?.close());

  /** Sends a question in a new widget conversation; returns the page and the bot's first reply. */
  async function ask(question: string) {
    const customer = await openShop(env, await env.context('zh-CN'));
    const before = await customer.locator('.lx-row.lx-bot').count();
    await say(customer, question);
    const reply = customer.locator('.lx-row.lx-bot').nth(before);
    await reply.waitFor({ timeout: 15_000 });
    return { customer, reply: await reply.innerText() };
  }

  it('a question the bot could not answer becomes a gap; the admin answers it and the bot then answers it', async () => {
    const { reply: first } = await ask(QUESTION);
    expect(first).not.toContain('请勿给宠物食用');
    const store = env.t.service.context.store;
    const conversation = (await store.listConversations(env.t.a.tenantId, {}))[0];

    const admin = await signIn(env, await env.context('zh-CN', { width: 1280, height: 900 }), 'admin', 'admin');
    // The numbers first: the analytics tile counts the conversation and opens the conversations behind it.
    await admin.locator('[data-tab=analytics]').click();
    const tile = admin.locator('.analytics-tile[data-metric=conversations] strong');
    await tile.filter({ hasText: /^[1-9]/ }).waitFor({ timeout: 15_000 });
    await admin.locator('.analytics-tile[data-metric=conversations]').click();
    const row = admin.locator(`tr[data-conversation-id="${conversation.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('a').first().getAttribute('href')).toBe(`/console/?conversation=${encodeURIComponent(conversation.id)}`);

    await admin.locator('[data-tab=learning]').click();
    // The weekly digest counts the unanswered question.
    await admin.locator('[data-testid=digest-gaps] strong').filter({ hasText: /^[1-9]/ }).waitFor({ timeout: 10_000 });
    const topic = admin.locator('[data-testid=gap-topic]').filter({ hasText: QUESTION });
    await topic.waitFor({ timeout: 10_000 });
    expect(await topic.locator('.gap-question').innerText()).toBe(QUESTION);
    expect(await topic.locator('.gap-examples a').first().getAttribute('href')).toBe(`/console/?conversation=${encodeURIComponent(conversation.id)}`);

    await topic.locator('[data-action=answer]').click();
    expect(await topic.locator('input[name=title]').inputValue()).toBe(QUESTION);
    await topic.locator('textarea[name=body]').fill(ANSWER);
    await topic.getByRole('button', { name: '保存并上线' }).click();
    await topic.waitFor({ state: 'detached', timeout: 10_000 });
    await admin.locator('[data-testid=toast]').filter({ hasText: '已保存' }).waitFor();
    await admin.locator('[data-testid=apply-status][data-applied=true]').filter({ hasText: '已生效' }).waitFor({ timeout: 60_000 });
    // The closed topic stays closed after a reload of the page.
    await admin.reload();
    await admin.locator('[data-tab=learning]').click();
    await admin.locator('[data-testid=digest-fixes] strong').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    expect(await admin.locator('[data-testid=gap-topic]').filter({ hasText: QUESTION }).count()).toBe(0);

    const { customer } = await ask(QUESTION);
    await customer.locator('.lx-row.lx-bot').filter({ hasText: '请勿给宠物食用' }).waitFor({ timeout: 15_000 });
  }, 120_000);

  it('says kindly that no agent replied yet, and adds and removes an intent phrase', async () => {
    await ask('包装里能放贺卡吗');
    const admin = await signIn(env, await env.context('en-US'), 'admin', 'admin');
    await admin.locator('[data-tab=learning]').click();
    const topic = admin.locator('[data-testid=gap-topic]').filter({ hasText: '包装里能放贺卡吗' });
    await topic.locator('[data-action=promote]').click();
    await topic.getByRole('alert').filter({ hasText: 'No agent has replied' }).waitFor({ timeout: 10_000 });

    await admin.locator('[data-tab=intents]').click();
    await admin.getByRole('searchbox').fill('list_products');
    const intent = admin.locator('[data-intent=list_products]');
    await intent.locator('button[aria-expanded]').click();
    await intent.locator('textarea[name=phrases]').fill('有没有猫粮\n有没有狗粮');
    await intent.getByRole('button', { name: 'Add phrases' }).click();
    const custom = intent.locator('[data-testid=custom-phrases] li');
    await custom.nth(1).waitFor({ timeout: 10_000 });
    expect((await custom.locator('span[dir=auto]').allInnerTexts()).sort()).toEqual(['有没有猫粮', '有没有狗粮'].sort());
    await admin.locator('[data-testid=apply-status][data-applied=true]').waitFor({ timeout: 60_000 });
    await intent.getByRole('button', { name: 'Delete 有没有猫粮' }).click();
    await custom.filter({ hasText: '有没有猫粮' }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await custom.count()).toBe(1);
    const phrases = (await env.t.service.context.store.listIntentPhrases(env.t.a.tenantId)).map((phrase) => phrase.text);
    expect(phrases).toEqual(['有没有狗粮']);
  }, 120_000);
});
