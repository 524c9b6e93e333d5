import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Writable } from 'node:stream';
import { createTestService, TEST_PASSWORD, type TestService } from '../../src/service/testing/create-test-service.ts';
import { loadServiceConfig } from '../../src/service/config.ts';
import { createService } from '../../src/service/create-service.ts';
import { seedDemo, type DemoSeed } from '../../src/service/demo-seed.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';
import { createPgliteClient } from '../../src/service/storage/pglite-client.ts';
import type { Role } from '../../src/service/storage/store.ts';

export const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Browser tests run when Debian's Chromium is installed, and must run when LINGXI_E2E=1 (CI sets it and installs
 * Chromium); otherwise they are skipped, so a laptop without Chromium still passes `npm test`.
 */
export const describeBrowser = existsSync(CHROMIUM) || process.env.LINGXI_E2E === '1' ? describe : describe.skip;

export interface E2eEnvironment {
  t: TestService;
  base: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) in the given UI language. */
  context(locale: 'zh-CN' | 'en-US', viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The demo tenant on in-memory PGlite with the real pack engine (the service's default engine factory: e-commerce
 * pack, demo store, trained or cached intent model), for journeys whose answers come from the engine itself.
 * Only tenant a exists; `b` repeats it so that the TestService shape holds.
 */
async function createPackEngineService(): Promise<TestService> {
  const logs: string[] = [];
  // With its SQL client, as `lingxi serve` runs: analytics, channels and the other modules with their own tables are on.
  const sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  const demo = (await seedDemo(store, { password: TEST_PASSWORD })) as DemoSeed;
  const logger = createLogger('info', new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } }));
  const service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), { store, sql, logger });
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  for (const user of await store.listUsers(demo.tenantId)) {
    tokens[user.role] = service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: user.id, role: user.role }, 3600);
    userIds[user.role] = user.id;
  }
  const a = { tenantId: demo.tenantId, widgetKey: demo.widgetKey, apiKey: demo.apiKey, tokens, userIds };
  return { service, logs, a, b: a, close: () => service.close() };
}

/**
 * Builds web/dist if missing, starts a service on port 0 (in-memory PGlite; the scripted engine, or the real pack
 * engine with `{ engine: 'pack' }`) and Chromium.
 */
export async function startE2e(options: { engine?: 'scripted' | 'pack' } = {}): Promise<E2eEnvironment> {
  if (!existsSync(`${root}web/dist/widget.js`) || !existsSync(`${root}web/dist/console/index.html`)) execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
  const t = options.engine === 'pack' ? await createPackEngineService() : await createTestService();
  await t.service.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.service.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const contexts: BrowserContext[] = [];
  return {
    t, base, browser,
    async context(locale, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ locale, viewport });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await t.close();
    },
  };
}

/** Opens the demo shop with tenant A's widget and opens the chat panel. */
export async function openShop(env: E2eEnvironment, context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${env.base}/demo-shop/?key=${env.t.a.widgetKey}`);
  await page.locator('.lx-launcher').click();
  await page.locator('.lx-row.lx-bot').first().waitFor();
  return page;
}

/** Types into the widget and sends with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await page.locator('.lx-input').fill(text);
  await page.locator('.lx-input').press('Enter');
}

/** Signs into the console or admin as a demo account of tenant A. */
export async function signIn(env: E2eEnvironment, context: BrowserContext, app: 'console' | 'admin', role: 'agent' | 'admin'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${env.base}/${app}/`);
  await page.fill('input[name=email]', `${role}@demo.lingxi.local`);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.locator('.topbar').waitFor();
  return page;
}

/** Script payloads that must show as text and never run. */
export const payloads = {
  image: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
};
export const pwned = (page: Page) => page.evaluate('window.__pwned === undefined ? null : window.__pwned');
