import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openShop, payloads, pwned, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/** Admin in a real browser: the greeting edited in settings reaches new widget conversations; articles render safely. */
let env: E2eEnvironment;
describeBrowser('admin (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => env?.close());

  it('saves a new greeting that the next customer sees in the widget', async () => {
    const admin = await signIn(env, await env.context('zh-CN'), 'admin', 'admin');
    const greeting = admin.locator('textarea[name=greeting]');
    await greeting.waitFor();
    await greeting.fill('欢迎光临灵犀小店！有什么可以帮您？🎁');
    await admin.locator('[data-action=save-settings]').click();
    await admin.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect((await env.t.service.context.store.getTenant(env.t.a.tenantId))?.settings.greeting).toBe('欢迎光临灵犀小店！有什么可以帮您？🎁');
    // The embed snippet carries the tenant's widget key.
    expect(await admin.locator('.snippet').innerText()).toContain(`data-tenant-key="${env.t.a.widgetKey}"`);
    const customer = await openShop(env, await env.context('zh-CN'));
    expect(await customer.locator('.lx-row.lx-bot .lx-bubble').first().innerText()).toBe('欢迎光临灵犀小店！有什么可以帮您？🎁');
  });

  it('switches packs by ticking installed packs described in the UI language, never by typing a name', async () => {
    const admin = await signIn(env, await env.context('zh-CN'), 'admin', 'admin');
    const logistics = admin.locator('[data-role=packs] input[value=logistics]');
    await logistics.waitFor();
    expect(await admin.locator('[data-role=packs] input[name=pack]').count()).toBe(6);
    expect(await admin.locator('[data-role=packs] label:has(input[value=logistics])').innerText()).toContain('快递物流');
    expect(await admin.locator('[data-role=packs] input[value=ecommerce]').isChecked()).toBe(true);
    await logistics.check();
    await admin.locator('[data-action=save-settings]').click();
    await admin.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect((await env.t.service.context.store.getTenant(env.t.a.tenantId))?.settings.packs).toEqual(['ecommerce', 'logistics']);
    const english = await signIn(env, await env.context('en-US'), 'admin', 'admin');
    const label = english.locator('[data-role=packs] label:has(input[value=logistics])');
    await label.waitFor();
    expect(await label.innerText()).toContain('Parcel carrier');
    expect(await english.locator('[data-role=packs] input[value=logistics]').isChecked()).toBe(true);
    await english.locator('[data-role=packs] input[value=logistics]').uncheck();
    await english.locator('[data-action=save-settings]').click();
    await english.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await env.t.service.context.store.getTenant(env.t.a.tenantId))?.settings.packs).toEqual(['ecommerce']);
  });

  it('creates, edits and deletes a knowledge article whose script payload shows as text', async () => {
    const before = (await env.t.service.context.store.listArticles(env.t.a.tenantId)).length;
    const admin = await signIn(env, await env.context('en-US'), 'admin', 'admin');
    await admin.locator('[data-tab=knowledge]').click();
    await admin.getByRole('button', { name: 'New article' }).click();
    await admin.locator('input[name=title]').fill(`Returns ${payloads.script}`);
    await admin.locator('textarea[name=body]').fill(`**30 days** to return.\n- keep the receipt\n- ${payloads.image}\n[policy](javascript:alert(1)) [site](https://example.com)`);
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.locator('[data-article-id]').first().waitFor();
    const preview = admin.locator('[data-testid=article-preview]');
    expect(await preview.locator('strong').innerText()).toBe('30 days');
    expect(await preview.getByText(payloads.image).count()).toBe(1);
    expect(await preview.locator('img, script').count()).toBe(0);
    expect(await preview.locator('a').evaluateAll((links) => links.map((link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href')))).toEqual(['https://example.com']);
    expect(await pwned(admin)).toBeNull();
    const article = (await env.t.service.context.store.listArticles(env.t.a.tenantId)).find((candidate) => candidate.title === `Returns ${payloads.script}`)!;
    expect(article.body).toContain(payloads.image);
    await admin.locator('input[name=title]').fill('Returns policy');
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await env.t.service.context.store.getArticle(env.t.a.tenantId, article.id))?.title).toBe('Returns policy');
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await env.t.service.context.store.listArticles(env.t.a.tenantId)).length).toBe(before);
  });
});
