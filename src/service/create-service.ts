import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createTokenSigner } from './auth/token-signer.ts';
import { createInProcessBus } from './bus/in-process-bus.ts';
import type { ServiceConfig } from './config.ts';
import { createConversationService } from './conversation/conversation-service.ts';
import { seedDemo, type DemoSeed } from './demo-seed.ts';
import { createEngineRegistry, type EngineFactory } from './engine/engine-registry.ts';
import { buildApp } from './http/build-app.ts';
import type { ServiceContext } from './http/service-context.ts';
import { createInProcessJobRunner } from './jobs/in-process-job-runner.ts';
import { createMemoryRateLimiter } from './limits/rate-limiter.ts';
import { createLogger } from './observability/logger.ts';
import { createServiceMetrics } from './observability/metrics.ts';
import { createPgliteStore, createPostgresStore } from './storage/sql-store.ts';
import type { Store } from './storage/store.ts';
import { createWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

export interface ServiceOverrides {
  /** A ready store (tests pass an in-memory PGlite); default: PostgreSQL when databaseUrl is set, else PGlite under dataDir. */
  store?: Store;
  engineFactory?: EngineFactory;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Build every tenant's engine before returning, so the first customer does not wait for training (default true). */
  warmEngines?: boolean;
}

export interface Service {
  app: FastifyInstance;
  context: ServiceContext;
  /** Set on the first start of an empty database. */
  demo: DemoSeed | null;
  /** Stops accepting, closes sockets (1012 = restart, clients reconnect), drains requests and jobs, closes the database. */
  close(): Promise<void>;
}

/**
 * Composition root of the server (house style §2): storage, bus, jobs, engines, conversation service and HTTP app,
 * chosen from configuration. Migrates and seeds before returning; does not listen.
 */
export async function createService(config: ServiceConfig, overrides: ServiceOverrides = {}): Promise<Service> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = overrides.store
    ?? (config.databaseUrl ? await createPostgresStore({ connectionString: config.databaseUrl }) : await createPgliteStore({ dataDir: join(config.dataDir, 'pglite') }));
  const demo = config.seedDemo ? await seedDemo(store, { password: config.demoPassword }) : null;
  const secret = config.secret ?? (await store.ensureSystemValue('token.secret', randomBytes(32).toString('base64url')));
  const bus = createInProcessBus({ onListenerError: (error) => logger.error({ err: error }, 'bus listener failed') });
  const jobs = createInProcessJobRunner({ onFailure: (name, error, attempt) => logger.warn({ err: error, job: name, attempt }, 'job failed') });
  // Loaded lazily: the engine (and its training) is only paid for when the first conversation needs it.
  const engines = createEngineRegistry(overrides.engineFactory ?? (async (options) => (await import('../packs/create-pack-engine.ts')).createPackEngine(options)));
  const metrics = createServiceMetrics({ owners: () => store.countByOwner(), jobs: () => jobs.sizes() });
  const webhooks = createWebhookDispatcher({ store, jobs, logger, fetch: overrides.fetch });
  const conversations = createConversationService({ store, bus, engines, metrics, webhooks, logger });
  const context: ServiceContext = {
    config, store, bus, jobs, engines, conversations, metrics, logger,
    signer: createTokenSigner(secret),
    customerLimiter: createMemoryRateLimiter({ limit: config.rateLimitPerCustomer, windowMs: 60_000 }),
    accepting: { value: true },
    sockets: new Set(),
  };
  if (overrides.warmEngines ?? true) {
    for (const tenant of await store.listTenants()) await engines.get(tenant.settings);
  }
  const app = await buildApp(context);
  let closing: Promise<void> | null = null;
  return {
    app, context, demo,
    close() {
      closing ??= (async () => {
        context.accepting.value = false;
        for (const socket of context.sockets) socket.close(1012, 'server restarting; reconnect with afterSeq');
        await app.close();
        await jobs.close(5000);
        await bus.close();
        await store.close();
      })();
      return closing;
    },
  };
}
