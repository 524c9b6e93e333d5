import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { conversationSender } from '../../src/service/proactive/conversation-sender.ts';
import { createProactiveCare } from '../../src/service/proactive/proactive-care.ts';
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../../src/service/config.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { seedDemo, type DemoSeed } from '../../src/service/demo-seed.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createPgliteClient } from '../../src/service/storage/pglite-client.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';
import { createScriptedEngine } from '../../src/service/testing/scripted-engine.ts';
import { CHROMIUM, describeBrowser } from './e2e-harness.ts';

/**
 * Read receipts from the real widget bundle: a proactive message counts as `read` in the admin log only once the
 * customer can see it — the panel open and the page visible — over the WebSocket and over the HTTP fallback.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
// 10:00 in Shanghai: outside the default quiet hours, whatever the real clock says.
const DAYTIME = new Date('2026-11-20T02:00:00Z');

let service: Service;
let demo: DemoSeed;
let adminToken = '';
let base = '';
let browser: Browser;
let eventNumber = 0;

describeBrowser('widget read receipts → proactive log (Chromium)', () => {
  beforeAll(async () => {
    if (!existsSync(`${root}web/dist/widget.js`)) execSync('npx vite build -c web/vite.widget.config.ts', { cwd: root, stdio: 'inherit' });
    const sql = await createPgliteClient();
    const store = await createSqlStore('pglite', sql);
    demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
    const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
    service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), { store, sql, logger, engineFactory: async () => createScriptedEngine() });
    // The composition root's proactive care, on a daytime clock so that quiet hours never defer the message.
    service.context.proactive?.stop();
    service.context.proactive = createProactiveCare({ sql, store, jobs: service.context.jobs, send: conversationSender(service.context.conversations), now: () => DAYTIME });
    const admin = (await store.listUsers(demo.tenantId)).find((user) => user.role === 'admin')!;
    adminToken = service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: admin.id, role: 'admin' }, 3600);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    const address = service.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  /** A page on the server's own origin embedding widget.js with the given transport. */
  async function openWidget(transport: 'websocket' | 'http'): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const url = `${base}/read-receipt-${transport}.html`;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><head><meta charset="utf-8"></head><body>
      <script src="${base}/widget.js" data-tenant-key="${demo.widgetKey}" data-locale="zh" ${transport === 'http' ? 'data-transport="http"' : ''} async></script></body></html>` }));
    await page.goto(url);
    await page.locator('.lx-launcher').click();
    await page.locator('.lx-row.lx-bot').first().waitFor();
    return page;
  }

  /** An order.delayed event for the page's customer: the rule sends an apology into their open conversation. */
  async function apologise(page: Page): Promise<string> {
    const store = service.context.store;
    // The widget keeps the customer (external) id the service gave it (welcome) in localStorage.
    const customerId = String(await page.evaluate(`localStorage.getItem('lingxi:${demo.widgetKey}:customer')`));
    const customer = (await store.getCustomerByExternalId(demo.tenantId, customerId))!;
    const orderId = `#CN26110000${++eventNumber}`;
    const [send] = await service.context.proactive!.handleEvent((await store.getTenant(demo.tenantId))!, customer, { type: 'order.delayed', data: { orderId, newDate: '11月25日' } });
    await page.getByText(orderId).waitFor({ state: 'attached', timeout: 10_000 });
    return send.id;
  }

  const readIds = async () => {
    const response = await service.app.inject({ method: 'GET', url: '/v1/admin/proactive/log?status=read', headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<{ id: string; readAt: string | null }>).map((item) => item.id);
  };
  // Headless Chromium is always visible: the test overrides visibilityState the way a background tab reports it.
  const setVisibility = (page: Page, state: 'visible' | 'hidden') => page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
    document.dispatchEvent(new Event('visibilitychange'));`);

  it('WebSocket: not read while the panel is closed or the tab hidden; read once the customer can see it', async () => {
    const page = await openWidget('websocket');
    await page.locator('.lx-head-button').last().click();
    const closedPanel = await apologise(page);
    await page.locator('.lx-badge:not([hidden])').waitFor();
    await page.waitForTimeout(800);
    expect(await readIds()).not.toContain(closedPanel);

    await page.locator('.lx-launcher').click();
    await expect.poll(readIds, { timeout: 5000 }).toContain(closedPanel);

    await setVisibility(page, 'hidden');
    const hiddenTab = await apologise(page);
    await page.waitForTimeout(800);
    expect(await readIds()).not.toContain(hiddenTab);
    await setVisibility(page, 'visible');
    await expect.poll(readIds, { timeout: 5000 }).toContain(hiddenTab);
  });

  it('HTTP fallback: the receipt goes through POST /v1/widget/conversations/:id/read and stores message.read', async () => {
    const page = await openWidget('http');
    const sendId = await apologise(page);
    await expect.poll(readIds, { timeout: 5000 }).toContain(sendId);
    const send = (await service.context.proactive!.list(demo.tenantId)).find((item) => item.id === sendId)!;
    const events = await service.context.store.listEvents(demo.tenantId, send.conversationId);
    expect(events.some((event) => event.type === 'message.read' && event.data.by === 'customer')).toBe(true);
  });
});
