import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, say, signIn, startE2e, type E2eEnvironment } from './e2e-harness.ts';

/**
 * The widget embedded on another site (another origin) talking HTTP to the Lingxi server: blocked by the browser
 * until the tenant lists the site in `allowedOrigins`, then working.
 */
let env: E2eEnvironment;
let host: Server;
let hostOrigin = '';
describeBrowser('widget embedded on another origin (Chromium)', () => {
  beforeAll(async () => {
    env = await startE2e();
    // A shop on its own port: a different origin from the Lingxi server.
    host = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><meta charset="utf-8"><title>Other shop</title></head><body><h1>Other shop</h1>
        <script src="${env.base}/widget.js" data-tenant-key="${env.t.a.widgetKey}" data-transport="http" data-locale="en" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const address = host.address();
    hostOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    host?.close();
    await env?.close();
  });

  it('is blocked on a site the tenant did not allow, and works once the admin allows it', async () => {
    const store = env.t.service.context.store;
    const context = await env.context('en-US');
    const blocked = await context.newPage();
    const corsErrors: string[] = [];
    blocked.on('console', (message) => { if (/CORS|Access-Control/i.test(message.text())) corsErrors.push(message.text()); });
    await blocked.goto(hostOrigin);
    await blocked.locator('.lx-launcher').click();
    await expect.poll(() => corsErrors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await blocked.locator('.lx-row.lx-bot').count()).toBe(0);

    // The admin adds the site on the settings page.
    const admin = await signIn(env, await env.context('en-US'), 'admin', 'admin');
    const origins = admin.locator('textarea[name=allowedOrigins]');
    await origins.waitFor();
    await origins.fill(`${hostOrigin}\nhttps://shop.example.com`);
    await admin.locator('[data-action=save-settings]').click();
    await admin.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await store.getTenant(env.t.a.tenantId))?.settings.allowedOrigins).toEqual([hostOrigin, 'https://shop.example.com']);

    const page = await (await env.context('en-US')).newPage();
    await page.goto(hostOrigin);
    await page.locator('.lx-launcher').click();
    await page.locator('.lx-row.lx-bot').first().waitFor({ timeout: 10_000 });
    await say(page, 'where is my order?');
    await page.getByText('What is your order number?').waitFor({ timeout: 10_000 });
  });
});
