import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createTokenSigner } from './auth/token-signer.ts';
import type { Bus } from './bus/bus.ts';
import { createInProcessBus } from './bus/in-process-bus.ts';
import { modelCacheDirectory, type ServiceConfig } from './config.ts';
import { createConversationService } from './conversation/conversation-service.ts';
import { seedDemo, type DemoSeed } from './demo-seed.ts';
import { createEngineRegistry, type EngineFactory } from './engine/engine-registry.ts';
import { buildApp } from './http/build-app.ts';
import type { ServiceContext } from './http/service-context.ts';
import { createInProcessJobRunner } from './jobs/in-process-job-runner.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import { createMemoryRateLimiter, type RateLimiter } from './limits/rate-limiter.ts';
import { createMemoryLoginLockout, type LoginLockout } from './security/login-lockout.ts';
import { acquireDataFolderLock } from './security/data-folder-lock.ts';
import { resolveServiceSecret } from './security/service-secret.ts';
import { assertPublicTarget } from './security/outbound-target.ts';
import { createErasureCompaction } from './privacy/erasure-compaction.ts';
import { createLogger } from './observability/logger.ts';
import { createServiceMetrics } from './observability/metrics.ts';
import { createSqlStore } from './storage/sql-store.ts';
import { createPgliteClient } from './storage/pglite-client.ts';
import { createPostgresClient } from './storage/postgres-client.ts';
import type { SqlClient } from './storage/sql-client.ts';
import { createAnalytics } from './analytics/analytics.ts';
import { createProactiveCare } from './proactive/proactive-care.ts';
import { conversationSender } from './proactive/conversation-sender.ts';
import type { Store } from './storage/store.ts';
import { guardStore } from './storage/store-guard.ts';
import { createWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';
import { warmUpEngine } from './engine/warm-up.ts';
import type { ConversationEngine } from '../engine/dialogue/types.ts';
import type { ChannelKind, ChannelSender } from './channels/channel.ts';
import { createChannelConfigStore } from './channels/channel-config-store.ts';
import { createChannelGateway } from './channels/channel-gateway.ts';
import { createChannelOutbox, type ChannelOutbox } from './channels/channel-outbox.ts';
import { createChannelInbox } from './channels/channel-inbox.ts';
import { createChannelAttachmentStore } from './channels/channel-attachments.ts';
import { createWecomSync } from './channels/wechat/wecom-sync.ts';
import { createWechatApi } from './channels/wechat/wechat-api.ts';
import { createSecretBox } from './security/secret-box.ts';
import { createLlmSettingsStore } from './llm/llm-settings-store.ts';
import { environmentLlm, tenantOrDefaultLlm } from './llm/environment-llm.ts';
import { CHANNELS } from './channels/channel-list.ts';
import { createPackBackendStore } from './backend/pack-backend-store.ts';
import { createStoreBackendState } from './backend/store-backend-state.ts';
import { createTicketService } from './tickets/ticket-service.ts';
import { createAgentPresence } from './tickets/agent-presence.ts';
import { createTurnTickets } from './tickets/turn-tickets.ts';
import { createQueueTimeout } from './tickets/queue-timeout.ts';
import { createContactStore } from './contacts/contact-store.ts';
import { createRoutingService } from './tickets/routing-service.ts';
import { createConnectorStore } from './connectors/connector-store.ts';
import { createConnectorRegistry } from './connectors/connector-registry.ts';
import { createConnectorRouter } from './connectors/connector-router.ts';
import { createOtpVerifier } from './identity/otp-verifier.ts';
import { createLogOtpSender, type OtpSender } from './identity/otp-sender.ts';

export interface ServiceOverrides {
  /** A ready store (tests pass an in-memory PGlite); default: PostgreSQL when databaseUrl is set, else PGlite under dataDir. */
  store?: Store;
  /** The SQL client under `store` (tests pass their PGlite client): enables the modules with their own tables (proactive care, channels). */
  sql?: SqlClient;
  /** Where the server-wide LLM default is read from (default: process.env). */
  environment?: Record<string, string | undefined>;
  engineFactory?: EngineFactory;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Delivers one-time codes of verified identity (default: the log sender). */
  otpSender?: OtpSender;
  /**
   * Build and warm every tenant's engine before returning, so the first customer does not wait for training (default
   * true); 'background' returns at once and warms while the server already answers (`lingxi serve`); false skips it.
   */
  warmEngines?: boolean | 'background';
}

export interface Service {
  app: FastifyInstance;
  context: ServiceContext;
  /** Set on the first start of an empty database. */
  demo: DemoSeed | null;
  /** Resolves when every tenant's engine is built and warmed (at once unless `warmEngines: 'background'`). */
  enginesWarm: Promise<void>;
  /** Stops accepting, closes sockets (1012 = restart, clients reconnect), drains requests and jobs, closes the database. */
  close(): Promise<void>;
}

/**
 * Composition root of the server (house style §2): storage, bus, jobs, engines, conversation service and HTTP app,
 * chosen from configuration. Migrates and seeds before returning; does not listen.
 */
export async function createService(config: ServiceConfig, overrides: ServiceOverrides = {}): Promise<Service> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Guarded: a database outage answers 503 + Retry-After instead of 500 (issue 12).
  // The SQL client is kept here too: proactive care has its own table (proactive_sends) beside the Store's.
  // One writer per PGlite folder (issue 23, D2): a second server on the same --data refuses to start, naming the holder.
  const folderLock = !overrides.sql && !overrides.store && !config.databaseUrl ? acquireDataFolderLock(config.dataDir) : null;
  const sql: SqlClient | null = overrides.sql ?? (overrides.store ? null : config.databaseUrl
    ? await createPostgresClient({ connectionString: config.databaseUrl, schema: config.databaseSchema, poolSize: config.databasePoolSize, waitMs: config.databaseWaitMs })
    : await createPgliteClient(join(config.dataDir, 'pglite')).catch((error) => {
      folderLock?.release();
      throw error;
    }));
  const store = guardStore(overrides.store ?? await createSqlStore(config.databaseUrl ? 'postgres' : 'pglite', sql!));
  const demo = config.seedDemo ? await seedDemo(store, { password: config.demoPassword }) : null;
  // Kept apart from the database it protects (issue 23, D6): LINGXI_SECRET, else a 0600 file in the data folder.
  const secret = await resolveServiceSecret({
    secret: config.secret, databaseUrl: config.databaseUrl, dataDir: folderLock ? config.dataDir : null,
    sql, store, warn: (message) => logger.warn(message),
  });
  const scaleOut = await createScaleOut(config, logger);
  const { bus, jobs } = scaleOut;
  // Loaded lazily: the engine (and its training) is only paid for when the first conversation needs it.
  // Trained models are cached on disk (cacheDir / LINGXI_CACHE_DIR, else <dataDir>/model-cache), so a restart loads instead of training.
  const modelCacheDir = modelCacheDirectory(config);
  // One key derivation for every sealed secret (channel credentials, LLM API keys).
  const secretBox = createSecretBox(secret);
  // LLM mode per tenant (issue 7): settings with the sealed API key; tenants with it on get an LLM engine over the offline one.
  const llmSettings = sql ? createLlmSettingsStore({ sql, secretBox }) : null;
  const defaultLlm = environmentLlm(overrides.environment ?? process.env);
  // The packs' demo backends per tenant in the database (issue 20): what the bot did survives restarts, nodes and pack switches.
  const backends = sql ? createStoreBackendState(createPackBackendStore(sql), {
    onDiscard: (tenantId, packs) => logger.warn({ tenantId, packs }, 'pack backend writes of a turn not stored; this node reloads those backends'),
  }) : undefined;
  // Connectors to the tenants' own systems (issue 20 item 2): a tool a tenant connected goes to its system, per turn.
  const connectorStore = sql ? createConnectorStore({ sql, secretBox }) : null;
  const connectorRegistry = connectorStore ? createConnectorRegistry({ store: connectorStore, fetch: overrides.fetch }) : null;
  const connectorRouter = connectorRegistry ? createConnectorRouter({ connectors: (tenantId) => connectorRegistry.forTenant(tenantId), logger }) : undefined;
  // Verified identity (issue 20 item 3): stateless one-time codes; the demo sender writes them to the log.
  const otpVerifier = createOtpVerifier({ secret });
  const otpSender = overrides.otpSender ?? createLogOtpSender(logger);
  const backend = backends ? { backend: connectorRouter ? { ...backends.state, route: connectorRouter.route } : backends.state } : {};
  const engines = createEngineRegistry(overrides.engineFactory ?? (async (options) => {
    const [{ createPackEngine }, { createFileModelCache }] = await Promise.all([import('../packs/create-pack-engine.ts'), import('../infra/file-model-cache.ts')]);
    if (options.llm) {
      const { createTenantLlmEngine } = await import('./llm/tenant-llm-engine.ts');
      return createTenantLlmEngine({ ...options, ...backend, identity: otpVerifier, llm: options.llm, modelCache: createFileModelCache(modelCacheDir) });
    }
    return createPackEngine({ ...options, ...backend, identity: otpVerifier, modelCache: createFileModelCache(modelCacheDir) });
  }), {
    // Tenant articles and phrases (issue 10): engines rebuild in the background when the tenant's content version moves on.
    loadContent: (tenantId) => store.tenantContent(tenantId),
    onRebuildError: (tenantId, error) => logger.error({ err: error, tenantId }, 'tenant engine rebuild failed; the previous engine keeps answering'),
    // LLM mode: a tenant's own settings, else the server-wide default from LINGXI_LLM_* / LLM_* (issue 7).
    ...(llmSettings || defaultLlm ? { loadLlm: tenantOrDefaultLlm(llmSettings, defaultLlm) } : {}),
  });
  const metrics = createServiceMetrics({ owners: () => store.countByOwner(), jobs: () => jobs.sizes() });
  const webhooks = createWebhookDispatcher({
    store, jobs, logger, fetch: overrides.fetch,
    checkTarget: (url) => assertPublicTarget(url, { allowPrivate: config.allowPrivateTargets, what: 'webhook url' }),
  });
  // Channels (issue 13): senders by kind (each channel module adds its own here), config with sealed secrets, outbox.
  const fetcher = overrides.fetch ?? fetch;
  const now = () => new Date();
  const channelSenders = new Map<ChannelKind, ChannelSender>();
  const channelConfigs = sql ? createChannelConfigStore({ sql, secretBox }) : null;
  const outbox: ChannelOutbox | undefined = sql && channelConfigs ? createChannelOutbox({ sql, store, jobs, configs: channelConfigs, senders: channelSenders, logger }) : undefined;
  // Tickets (issue 21): their own tables; bot turns open them (complaints, after-hours messages).
  const tickets = sql ? createTicketService({ sql, store, bus, webhooks, logger }) : undefined;
  const presence = sql ? createAgentPresence({ sql }) : undefined;
  const turnTickets = tickets ? createTurnTickets({ tickets, presence }) : undefined;
  // Routing needs the conversation service and the conversation service calls routing: a getter breaks the cycle.
  const routing = sql && presence ? createRoutingService({ sql, store, presence, logger, conversations: () => conversations }) : undefined;
  const conversations: ReturnType<typeof createConversationService> = createConversationService({
    store, bus, engines, metrics, webhooks, logger, outbox, backends, turnTickets, router: routing, connectors: connectorRouter, identity: { verifier: otpVerifier, sender: otpSender },
  });
  const context: ServiceContext = {
    config, store, bus, jobs, engines, conversations, webhooks, metrics, logger,
    signer: createTokenSigner(secret),
    customerLimiter: scaleOut.customerLimiter,
    widgetStartLimiter: scaleOut.widgetStartLimiter,
    ipMessageLimiter: scaleOut.ipMessageLimiter,
    loginLockout: scaleOut.loginLockout,
    limitRedis: scaleOut.limitRedis,
    accepting: { value: true },
    sockets: new Set(),
  };
  // Erased text must leave the files of an embedded database too, not only its tables (issue 23, D9).
  if (folderLock && sql) {
    const compaction = createErasureCompaction(sql, (error) => logger.error({ err: error }, 'compaction after erasure failed; erased rows may stay on disk until the next one'));
    context.compactAfterErasure = () => compaction.schedule();
  }
  if (llmSettings) context.llmSettings = llmSettings;
  if (defaultLlm) context.defaultLlm = { preset: defaultLlm.preset, baseUrl: defaultLlm.baseUrl, model: defaultLlm.model, privacyMode: defaultLlm.privacyMode };
  if (backends) context.backends = backends;
  if (tickets) context.tickets = tickets;
  if (presence) context.presence = presence;
  // Queued conversations whose customer left are closed and kept as tickets (settings.support.queueTimeoutMinutes).
  const queueTimeout = sql && tickets ? createQueueTimeout({ sql, store, tickets, conversations, logger }) : null;
  queueTimeout?.start();
  if (queueTimeout) context.queueTimeout = queueTimeout;
  if (sql) context.contacts = createContactStore(sql);
  if (routing) {
    context.routing = routing;
    routing.start();
  }
  if (connectorStore && connectorRegistry) context.connectors = { store: connectorStore, registry: connectorRegistry };
  if (sql && channelConfigs && outbox) {
    const wechatApi = createWechatApi({ fetch: fetcher, now });
    const gateway = createChannelGateway({ store, conversations, configs: channelConfigs, outbox, logger });
    const inbox = createChannelInbox({ sql, store, jobs, gateway, logger });
    const wecomSync = createWecomSync({ store, configs: channelConfigs, api: wechatApi, inbox, jobs, outbox, logger });
    const attachments = createChannelAttachmentStore({ sql });
    context.channels = { gateway, senders: channelSenders, configs: channelConfigs, outbox, inbox, attachments, wecomSync, wechatApi, fetch: fetcher, now };
    // Each channel's sender (channels/channel-list.ts).
    for (const channel of CHANNELS) if (channel.sender) channelSenders.set(channel.kind, channel.sender({ store, logger, channels: context.channels }));
    // Messages a restart left in the inbox (the in-process job runner forgets its queue) are queued again.
    void inbox.recover().catch((error: unknown) => logger.error({ err: error }, 'channel inbox recovery failed'));
  }
  if (sql) {
    context.proactive = createProactiveCare({ sql, store, jobs, logger, send: conversationSender(conversations) });
    context.proactive.start();
    // Analytics (issue 10): folds the event log into conversation_facts on a timer and before each dashboard read.
    context.analytics = createAnalytics({ assumeResolvedAfterHours: config.analyticsResolveAfterHours }, { sql, logger });
    context.analytics.aggregator.start();
  }
  // Build every tenant's engine, then run sample turns through each distinct offline engine (never an LLM one),
  // so that the first customers after a start do not pay for JIT compilation (src/service/engine/warm-up.ts).
  const warmUp = async () => {
    const warmed = new Set<ConversationEngine>();
    for (const tenant of await store.listTenants()) {
      await engines.forTenant(tenant);
      const offline = await engines.get(tenant.settings).catch(() => null);
      if (!offline || warmed.has(offline)) continue;
      warmed.add(offline);
      logger.debug({ tenantId: tenant.id, ms: Math.round(await warmUpEngine(offline)) }, 'engine warmed up');
    }
  };
  const warmMode = overrides.warmEngines ?? true;
  let enginesWarm: Promise<void> = Promise.resolve();
  if (warmMode === 'background') {
    // The server listens at once (start page, console, admin, logins); /readyz says 503 "warming up engines" until
    // done, and a customer who writes meanwhile waits on the same engine build (the registry shares the promise).
    context.warming = { value: true };
    enginesWarm = warmUp().catch((error) => {
      if (context.accepting.value) logger.error({ err: error }, 'engine warm-up failed; engines build on first use');
    })
      .finally(() => { context.warming!.value = false; });
  } else if (warmMode) {
    await warmUp();
  }
  // Channels with long-lived resources (the email SMTP listener when LINGXI_SMTP_PORT is set).
  const started = context.channels ? await Promise.all(CHANNELS.map((channel) => channel.start?.(context))) : [];
  const app = await buildApp(context);
  let closing: Promise<void> | null = null;
  return {
    app, context, demo, enginesWarm,
    close() {
      closing ??= (async () => {
        context.accepting.value = false;
        for (const socket of context.sockets) socket.close(1012, 'server restarting; reconnect with afterSeq');
        await app.close();
        for (const resource of started) await resource?.close();
        context.proactive?.stop();
        context.analytics?.aggregator.stop();
        queueTimeout?.stop();
        routing?.stop();
        await jobs.close(5000);
        await bus.close();
        await scaleOut.close();
        await store.close();
        folderLock?.release();
      })();
      return closing;
    },
  };
}

/**
 * Bus, job runner, customer rate limiter and login lockout: in-process by default; with `redisUrl` on Redis pub/sub,
 * BullMQ, a Redis token bucket and a Redis lockout (plus the client the per-IP limits count in), so that any number of
 * nodes behind a load balancer serve the same tenants and share their limits (issues 11, 12).
 */
async function createScaleOut(config: ServiceConfig, logger: Logger): Promise<{
  bus: Bus; jobs: JobRunner; customerLimiter: RateLimiter; widgetStartLimiter: RateLimiter; ipMessageLimiter: RateLimiter; loginLockout: LoginLockout; limitRedis?: ServiceContext['limitRedis']; close(): Promise<void>;
}> {
  const onListenerError = (error: unknown) => logger.error({ err: error }, 'bus listener failed');
  const onFailure = (name: string, error: unknown, attempt: number) => logger.warn({ err: error, job: name, attempt }, 'job failed');
  const limit = { limit: config.rateLimitPerCustomer, windowMs: 60_000 };
  const startLimit = { limit: config.rateLimitWidgetStarts, windowMs: 10 * 60_000 };
  const ipMessageLimit = { limit: config.rateLimitPerIp, windowMs: 60_000 };
  const lockout = { maxFailures: config.loginLockoutFailures, lockSeconds: config.loginLockoutSeconds };
  if (!config.redisUrl) {
    return { bus: createInProcessBus({ onListenerError }), jobs: createInProcessJobRunner({ onFailure }), customerLimiter: createMemoryRateLimiter(limit),
      widgetStartLimiter: createMemoryRateLimiter(startLimit), ipMessageLimiter: createMemoryRateLimiter(ipMessageLimit), loginLockout: createMemoryLoginLockout(lockout), close: async () => {} };
  }
  // Loaded only here: the embedded mode never pays for the Redis and BullMQ clients.
  const [{ Redis }, { createRedisBus }, { createBullmqJobRunner }, { createRedisRateLimiter }, { createRedisLoginLockout }] = await Promise.all([
    import('ioredis'), import('./bus/redis-bus.ts'), import('./jobs/bullmq-job-runner.ts'), import('./limits/redis-rate-limiter.ts'), import('./security/redis-login-lockout.ts'),
  ]);
  const onConnectionError = (error: unknown) => logger.warn({ err: error }, 'redis connection problem');
  const prefix = config.redisPrefix;
  // Fail fast while Redis is unreachable (issue 12): no offline queue and one retry, so a request answers 503 with
  // Retry-After instead of hanging; the client reconnects by itself and the next request succeeds.
  const redis = new Redis(config.redisUrl, { enableAutoPipelining: true, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', onConnectionError);
  await redis.connect();
  const bus = await createRedisBus({ url: config.redisUrl, prefix, onListenerError, onConnectionError });
  const jobs = await createBullmqJobRunner({ url: config.redisUrl, prefix, onFailure, onConnectionError });
  return {
    bus, jobs,
    customerLimiter: createRedisRateLimiter({ redis, prefix: `${prefix}limit:customer:`, ...limit }),
    widgetStartLimiter: createRedisRateLimiter({ redis, prefix: `${prefix}limit:widget-start:`, ...startLimit }),
    ipMessageLimiter: createRedisRateLimiter({ redis, prefix: `${prefix}limit:ip-message:`, ...ipMessageLimit }),
    // Shared by every node (issue 12): lockout per (account, address), and the per-IP / login limits of @fastify/rate-limit.
    loginLockout: createRedisLoginLockout({ redis, prefix: `${prefix}lockout:`, ...lockout }),
    limitRedis: { client: redis, prefix: `${prefix}limit:ip:` },
    close: async () => void (await redis.quit().catch(() => {})),
  };
}
