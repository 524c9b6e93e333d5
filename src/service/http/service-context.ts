import type { Logger } from 'pino';
import type { TokenSigner } from '../auth/token-signer.ts';
import type { Bus } from '../bus/bus.ts';
import type { ServiceConfig } from '../config.ts';
import type { ConversationService } from '../conversation/conversation-service.ts';
import type { EngineRegistry } from '../engine/engine-registry.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ServiceMetrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import type { ProactiveCare } from '../proactive/proactive-care.ts';

/** Everything the HTTP and WebSocket layers need, assembled once in the composition root (create-service.ts). */
export interface ServiceContext {
  config: ServiceConfig;
  store: Store;
  bus: Bus;
  jobs: JobRunner;
  engines: EngineRegistry;
  conversations: ConversationService;
  metrics: ServiceMetrics;
  logger: Logger;
  signer: TokenSigner;
  customerLimiter: RateLimiter;
  /** False while shutting down: /readyz answers 503 and new sockets are refused. */
  accepting: { value: boolean };
  /** Open sockets, closed on shutdown. */
  sockets: Set<{ close(code?: number, reason?: string): void }>;
  /** Proactive care (issue 9): business events schedule rule messages. Absent when not wired. */
  proactive?: ProactiveCare;
}
