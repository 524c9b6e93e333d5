import { Writable } from 'node:stream';
import { createLlmAgent } from '../../engine/llm/create-llm-agent.ts';
import { createTinyStore, tinyPack, tinyRetriever } from '../../engine/llm/__fixtures__/tiny-store.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { defaultTenantSettings, seedDemo, type DemoSeed } from '../demo-seed.ts';
import type { EngineFactory } from '../engine/engine-registry.ts';
import { newId } from '../ids.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Role } from '../storage/store.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { createTenantProvider } from './tenant-llm-engine.ts';

/**
 * Engines for LLM service tests: the scripted engine offline, and for tenants in LLM mode the real LLM agent over the
 * tiny two-customer store, talking through the tenant's real provider (OpenAI SDK → a fake server on 127.0.0.1).
 */
export const llmTestEngineFactory: EngineFactory = async (options) => {
  if (!options.llm) return createScriptedEngine();
  return createLlmAgent({
    packs: [{ pack: tinyPack, data: createTinyStore() }], provider: createTenantProvider(options.llm), offline: createScriptedEngine(),
    retriever: tinyRetriever, policy: 'Help customers with their orders.',
    config: { timeoutMs: options.llm.timeoutMs, maxTokensPerConversation: options.llm.maxTokensPerConversation, authenticationTools: ['find_user_id_by_email'], handoffTool: 'transfer_to_human_agents' },
  });
};

export interface LlmTestService {
  service: Service;
  sql: SqlClient;
  demo: DemoSeed;
  tenantB: { id: string; widgetKey: string; adminToken: string };
  /** Tenant A (the demo) tokens by role. */
  tokens: Record<Role, string>;
  logs: string[];
  close(): Promise<void>;
}

/** A service with its SQL client (so LLM settings are wired), the demo tenant A and a second tenant B (tests only). */
export async function createLlmTestService(engineFactory: EngineFactory = llmTestEngineFactory, environment?: Record<string, string | undefined>): Promise<LlmTestService> {
  const logs: string[] = [];
  const logger = createLogger('info', new Writable({ write(line, _encoding, done) { logs.push(String(line)); done(); } }));
  const sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  const demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
  const second = await store.createTenant({ id: newId('ten'), name: 'Other shop', widgetKey: newId('wk'), settings: defaultTenantSettings() });
  const adminB = await store.createUser({ id: newId('usr'), tenantId: second.id, email: 'admin@other.test', name: 'Other admin', role: 'admin', passwordHash: await hashPassword('test-password-123') });
  const service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false, allowPrivateTargets: true } as never, {}), { store, sql, logger, engineFactory, ...(environment ? { environment } : {}) });
  const sign = (tenantId: string, userId: string, role: Role) => service.context.signer.sign({ kind: 'agent', tenantId, userId, role }, 3600);
  const tokens = {} as Record<Role, string>;
  for (const user of await store.listUsers(demo.tenantId)) tokens[user.role] = sign(demo.tenantId, user.id, user.role);
  return {
    service, sql, demo, logs, tokens,
    tenantB: { id: second.id, widgetKey: second.widgetKey, adminToken: sign(second.id, adminB.id, 'admin') },
    close: () => service.close(),
  };
}
