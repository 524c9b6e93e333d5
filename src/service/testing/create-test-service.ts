import { Writable } from 'node:stream';
import { loadServiceConfig, type ServiceConfigInput } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { defaultTenantSettings, seedDemo, type DemoSeed } from '../demo-seed.ts';
import { generateApiKey } from '../auth/api-keys.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newId } from '../ids.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteStore, createSqlStore } from '../storage/sql-store.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import type { Role } from '../storage/store.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import type { EngineFactory } from '../engine/engine-registry.ts';

export const TEST_PASSWORD = 'test-password-123';

export interface TestTenant {
  tenantId: string;
  widgetKey: string;
  apiKey: string;
  /** Agent bearer tokens by role. */
  tokens: Record<Role, string>;
  userIds: Record<Role, string>;
}

export interface TestService {
  service: Service;
  a: TestTenant;
  b: TestTenant;
  /** The SQL client under the store, with `withSql` (tests of modules with their own tables). */
  sql?: SqlClient;
  /** Log lines written so far (for PII checks). */
  logs: string[];
  close(): Promise<void>;
}

async function tokensFor(service: Service, tenantId: string): Promise<Pick<TestTenant, 'tokens' | 'userIds'>> {
  const users = await service.context.store.listUsers(tenantId);
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  for (const user of users) {
    tokens[user.role] = service.context.signer.sign({ kind: 'agent', tenantId, userId: user.id, role: user.role }, 3600);
    userIds[user.role] = user.id;
  }
  return { tokens, userIds };
}

/**
 * A full service on in-memory PGlite with the scripted engine and two tenants (outbound calls to 127.0.0.1 allowed, as
 * tests run their fake LLMs and webhook receivers there; pass allowPrivateTargets: false to test the SSRF guard) (a = the demo seed, b = a second shop),
 * each with admin/supervisor/agent accounts and an API key. `engineFactory` swaps in another engine (e.g. the real packs).
 */
export async function createTestService(config: ServiceConfigInput = {}, options: { engineFactory?: EngineFactory; withSql?: boolean } = {}): Promise<TestService> {
  const logs: string[] = [];
  const logger = createLogger('info', new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } }));
  // withSql: the service also gets the SQL client, which wires the modules that own tables beside the Store (proactive
  // care, channels, analytics, LLM settings) and registers their routes.
  const sql = options.withSql ? await createPgliteClient() : undefined;
  const store = sql ? await createSqlStore('pglite', sql) : await createPgliteStore();
  const demo = (await seedDemo(store, { password: TEST_PASSWORD })) as DemoSeed;
  const second = await store.createTenant({ id: newId('ten'), name: 'Other shop', widgetKey: newId('wk'), settings: defaultTenantSettings() });
  for (const role of ['admin', 'supervisor', 'agent'] as const) {
    await store.createUser({ id: newId('usr'), tenantId: second.id, email: `${role}@other.test`, name: `Other ${role}`, role, passwordHash: await hashPassword(TEST_PASSWORD) });
  }
  const key = generateApiKey();
  await store.createApiKey({ id: newId('key'), tenantId: second.id, name: 'b', prefix: key.prefix, keyHash: key.hash });
  const service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false, allowPrivateTargets: true, ...config } as never, {}), {
    store, logger, engineFactory: options.engineFactory ?? (async () => createScriptedEngine()), ...(sql ? { sql } : {}),
  });
  return {
    service, logs, ...(sql ? { sql } : {}),
    a: { tenantId: demo.tenantId, widgetKey: demo.widgetKey, apiKey: demo.apiKey, ...(await tokensFor(service, demo.tenantId)) },
    b: { tenantId: second.id, widgetKey: second.widgetKey, apiKey: key.key, ...(await tokensFor(service, second.id)) },
    close: () => service.close(),
  };
}
