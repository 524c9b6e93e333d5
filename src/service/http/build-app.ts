import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { LingxiError } from '../../engine/errors.ts';
import { installErrorHandler } from './error-mapping.ts';
import { installZod, zodSwaggerTransform } from './zod-type-provider.ts';
import { installInputGuard } from './input-guard.ts';
import { installSecurityHeaders } from './security-headers.ts';
import type { ServiceContext } from './service-context.ts';
import { registerWidgetHttp } from './routes/widget-http.ts';
import { registerWidgetSocket } from './routes/widget-ws.ts';
import { registerAgentHttp } from './routes/agent-http.ts';
import { registerAgentSocket } from './routes/agent-ws.ts';
import { registerAdminHttp } from './routes/admin-http.ts';
import { registerIntegrationHttp } from './routes/integration-http.ts';
import { registerOps } from './routes/ops.ts';
import { registerPrivacyHttp } from '../privacy/privacy-http.ts';
import { registerAnalyticsHttp } from '../analytics/analytics-http.ts';
import { registerWebAssets } from './routes/web-assets.ts';
import { registerLearningHttp } from '../learning/learning-http.ts';
import { registerCustomerRecordsHttp } from './routes/customer-records-http.ts';
import { registerKnowledgeHitsHttp } from './routes/knowledge-hits-http.ts';
import { registerChannelAdminHttp } from '../channels/channel-admin-http.ts';
import { CHANNELS } from '../channels/channel-list.ts';
import { registerLlmSettingsHttp } from '../llm/llm-settings-http.ts';
import { registerConnectorsHttp } from '../connectors/connectors-http.ts';
import { registerProactiveAdminHttp } from '../proactive/proactive-admin-http.ts';
import { registerTicketsHttp } from '../tickets/tickets-http.ts';
import { registerContactsHttp } from '../contacts/contacts-http.ts';
import { registerRoutingHttp } from '../tickets/routing-http.ts';

/** Method and URL of every route of an app built here (used by the tenant-isolation coverage test and docs). */
export const routeTable = new WeakMap<FastifyInstance, Array<{ method: string; url: string }>>();

/** proxy-addr trust function for "the nearest `hops` proxies": address 0 is the socket peer, 1 the last X-Forwarded-For entry… */
const trustHops = (hops: number) => (_address: string, index: number) => index < hops;

/** The Fastify application over a ServiceContext: plugins, error mapping, OpenAPI, and every route. Not listening yet. */
export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const { config } = context;
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    // Per-request lines would dominate the log at chat volumes; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // Behind nginx / a load balancer, request.ip (rate limits, lockout) is the client only when the proxy is trusted.
    // Fastify 5 treats a bare hop count as "trust nothing" (it cannot check the peer), so a count becomes a function.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    forceCloseConnections: 'idle',
  });
  const routes: Array<{ method: string; url: string }> = [];
  routeTable.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  installZod(app);
  installErrorHandler(app);
  installInputGuard(app);
  installSecurityHeaders(app);
  await app.register(rateLimit, {
    max: config.rateLimitPerIp,
    timeWindow: '1 minute',
    // With Redis the counts are shared by every node, so N nodes do not multiply the limits (issue 12).
    ...(context.limitRedis ? { redis: context.limitRedis.client, nameSpace: context.limitRedis.prefix } : {}),
    errorResponseBuilder: (_request, limit) => new LingxiError('rate_limited', `Too many requests from this address (limit ${limit.max} per ${limit.after === undefined ? 'window' : 'minute'}); retry in ${Math.ceil(limit.ttl / 1000)} s.`),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lingxi (灵犀) API', version: '0.1.0', description: 'Widget, agent, admin and integration APIs of the Lingxi customer-service server. WebSocket protocols: see docs/service.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Agent token from POST /v1/agent/login' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Integration API key lx_… (POST /v1/agent/api-keys)' },
        },
      },
    },
    transform: zodSwaggerTransform as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(websocket, { options: { maxPayload: config.bodyLimitBytes } });
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger());
  registerOps(app, context);
  registerWidgetHttp(app, context);
  registerWidgetSocket(app, context);
  registerAgentHttp(app, context);
  registerAgentSocket(app, context);
  registerAdminHttp(app, context);
  registerIntegrationHttp(app, context);
  registerPrivacyHttp(app, context);
  registerAnalyticsHttp(app, context);
  registerCustomerRecordsHttp(app, context);
  registerKnowledgeHitsHttp(app, context);
  registerLearningHttp(app, context);
  registerChannelAdminHttp(app, context);
  for (const channel of CHANNELS) channel.routes?.(app, context);
  registerLlmSettingsHttp(app, context);
  registerConnectorsHttp(app, context);
  registerProactiveAdminHttp(app, context);
  registerTicketsHttp(app, context);
  registerContactsHttp(app, context);
  registerRoutingHttp(app, context);
  registerWebAssets(app, context);
  return app;
}
