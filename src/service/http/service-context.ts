import type { ConnectorStore } from '../connectors/connector-store.ts';
import type { ConnectorRegistry } from '../connectors/connector-registry.ts';
import type { Logger } from 'pino';
import type { TokenSigner } from '../auth/token-signer.ts';
import type { Bus } from '../bus/bus.ts';
import type { ServiceConfig } from '../config.ts';
import type { ConversationService } from '../conversation/conversation-service.ts';
import type { EngineRegistry } from '../engine/engine-registry.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Redis } from 'ioredis';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { LoginLockout } from '../security/login-lockout.ts';
import type { ServiceMetrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import type { ProactiveCare } from '../proactive/proactive-care.ts';
import type { ChannelKind, ChannelSender } from '../channels/channel.ts';
import type { ChannelConfigStore } from '../channels/channel-config-store.ts';
import type { ChannelGatewayService } from '../channels/channel-gateway.ts';
import type { ChannelOutbox } from '../channels/channel-outbox.ts';
import type { ChannelInbox } from '../channels/channel-inbox.ts';
import type { ChannelAttachmentStore } from '../channels/channel-attachments.ts';
import type { WecomSync } from '../channels/wechat/wecom-sync.ts';
import type { WechatApi } from '../channels/wechat/wechat-api.ts';
import type { LlmSettingsStore } from '../llm/llm-settings-store.ts';
import type { StoreBackendState } from '../backend/store-backend-state.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import type { AgentPresence } from '../tickets/agent-presence.ts';
import type { QueueTimeout } from '../tickets/queue-timeout.ts';
import type { ContactStore } from '../contacts/contact-store.ts';
import type { RoutingService } from '../tickets/routing-service.ts';

/** External channels (issue 13): inbound gateway, outbound senders by kind, per-tenant configuration, delivery outbox. */
export interface ChannelServices {
  gateway: ChannelGatewayService;
  /** Senders by channel kind; a channel module adds its own in create-service.ts. */
  senders: Map<ChannelKind, ChannelSender>;
  configs: ChannelConfigStore;
  outbox: ChannelOutbox;
  /** Inbound messages stored before a callback is acknowledged; the bot's turn runs from a job (issue 27). */
  inbox: ChannelInbox;
  /** Files that came with channel messages (email attachments), downloaded by agents. */
  attachments: ChannelAttachmentStore;
  /** WeCom sync_msg pulls, queued by the callback. */
  wecomSync: WecomSync;
  /** WeChat / WeCom API client with the access-token cache shared by the sender and the WeCom sync. */
  wechatApi: WechatApi;
  /** The fetch used for outbound HTTP (tests pass one that reaches a fake server on 127.0.0.1). */
  fetch: typeof fetch;
  now: () => Date;
}

/** Everything the HTTP and WebSocket layers need, assembled once in the composition root (create-service.ts). */
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';

export interface ServiceContext {
  /**
   * Tenants re-read by open widget sockets at most every few seconds (widget-ws.ts). A settings change on this node
   * forgets its entry at once; other nodes see it within the time to live.
   */
  socketTenants?: { forget(tenantId: string): void };
  config: ServiceConfig;
  store: Store;
  bus: Bus;
  jobs: JobRunner;
  engines: EngineRegistry;
  conversations: ConversationService;
  /** Outgoing webhooks; routes that change a tenant's webhooks call `forget` so this node sees the change at once. */
  webhooks: WebhookDispatcher;
  metrics: ServiceMetrics;
  logger: Logger;
  signer: TokenSigner;
  customerLimiter: RateLimiter;
  /**
   * Widget conversation starts per client address, shared by `POST /v1/widget/conversations` and the WebSocket `hello`
   * (issue 23, D4: sockets bypassed the HTTP limit). Absent in contexts built by hand: no limit.
   */
  widgetStartLimiter?: RateLimiter;
  /** Customer messages per client address over the WebSocket (every new anonymous customer had a fresh bucket). */
  ipMessageLimiter?: RateLimiter;
  /** Wrong-password lockout per (account, address): in memory, or in Redis shared by every node (issue 12). */
  loginLockout: LoginLockout;
  /** With REDIS_URL: the client (and key prefix) the per-IP and login limits of `@fastify/rate-limit` count in, so every node shares them. */
  limitRedis?: { client: Redis; prefix: string };
  /** False while shutting down: /readyz answers 503 and new sockets are refused. */
  accepting: { value: boolean };
  /** True while engines are built and warmed in the background after a start: /readyz answers 503 meanwhile. */
  warming?: { value: boolean };
  /** Embedded (PGlite) data folder only: rewrites the tables and retires the WAL after an erasure or purge (issue 23, D9). */
  compactAfterErasure?: () => Promise<void>;
  /** Open sockets, closed on shutdown. */
  sockets: Set<{ close(code?: number, reason?: string): void }>;
  /** Proactive care (issue 9): business events schedule rule messages. Absent when not wired. */
  proactive?: ProactiveCare;
  /** The packs' demo backends per tenant in the database (issue 20); absent without a SQL client (in-memory backends). */
  backends?: StoreBackendState;
  /** Tenants' connectors to their own systems (issue 20 item 2); absent without a SQL client. */
  connectors?: { store: ConnectorStore; registry: ConnectorRegistry };
  /** Channels (issue 13). Absent when the service runs without its SQL client (a bare Store override). */
  channels?: ChannelServices;
  /** Per-tenant LLM settings (issue 7), key sealed. Absent without the SQL client. */
  llmSettings?: LlmSettingsStore;
  /** The server-wide LLM default from LINGXI_LLM_* (answers tenants that never saved settings); null when none. */
  /** Tickets (issue 21). Absent without the SQL client (the Store's first ticket routes answer then). */
  tickets?: TicketService;
  /** Which agents have a console open (issue 21). Absent without the SQL client. */
  presence?: AgentPresence;
  /** Closes queued conversations whose customer left, keeping a ticket (issue 21). Absent without the SQL client. */
  queueTimeout?: QueueTimeout;
  /** Contacts: search, record, merge (issue 21). Absent without the SQL client. */
  contacts?: ContactStore;
  /** Agent profiles, least-busy assignment, re-queue when an agent goes offline (issue 21). Absent without the SQL client. */
  routing?: RoutingService;
  defaultLlm?: { preset: string; baseUrl: string; model: string; privacyMode: 'standard' | 'strict' } | null;
}
