import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import { conversationTopic } from '../../bus/bus.ts';
import { rateConversation } from '../../conversation/conversation-rating.ts';
import { openWidgetSession } from '../../conversation/widget-session.ts';
import { requireWidget } from '../request-auth.ts';
import { clientIdSchema, conversationParams, errorResponses, localeSchema, messageSchema, messageTextSchema, ownerSchema } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';
import type { Tenant } from '../../storage/store.ts';
import { recordReadReceipt } from '../../proactive/read-receipt.ts';
import { createWidgetResume } from '../../security/widget-resume.ts';

const WIDGET_TOKEN_TTL = 24 * 3600;
const WIDGET_PREFIX = '/v1/widget/';

/**
 * CORS for the widget HTTP API only (a small hook rather than @fastify/cors, which is not installed and would apply
 * one policy to every route): a page on an origin listed in the tenant's `allowedOrigins` may call it; no
 * credentials (the widget token travels in Authorization). Preflights carry neither tenant key nor token, so they
 * are answered for an origin that any tenant allows; the real response then names the origin only when the
 * request's own tenant (from its widget token or `tenantKey`) allows it. Other routes get no CORS headers.
 */
function installWidgetCors(app: FastifyInstance, context: ServiceContext): void {
  const isWidget = (request: FastifyRequest) => request.url.startsWith(WIDGET_PREFIX) && typeof request.headers.origin === 'string';
  const tenantOf = async (request: FastifyRequest): Promise<Tenant | null> => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const claims = token ? context.signer.verify(token) : null;
    if (claims?.kind === 'widget') return context.store.getTenant(claims.tenantId);
    const key = (request.body as { tenantKey?: unknown } | undefined)?.tenantKey;
    return typeof key === 'string' ? context.store.getTenantByWidgetKey(key) : null;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS' || !isWidget(request)) return;
    const origin = String(request.headers.origin).toLowerCase();
    const allowed = (await context.store.listTenants()).some((tenant) => tenant.settings.allowedOrigins?.includes(origin));
    reply.header('vary', 'origin');
    if (allowed) {
      reply.header('access-control-allow-origin', request.headers.origin).header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type, authorization').header('access-control-max-age', '600');
    }
    return reply.status(204).send();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'OPTIONS' || !isWidget(request)) return payload;
    reply.header('vary', 'origin');
    const tenant = await tenantOf(request).catch(() => null);
    if (tenant?.settings.allowedOrigins?.includes(String(request.headers.origin).toLowerCase())) reply.header('access-control-allow-origin', request.headers.origin);
    return payload;
  });
}

/** The answer when an address started too many widget conversations (HTTP and WebSocket share the count). */
export const widgetStartsExceeded = (limit: number) =>
  new LingxiError('rate_limited', `Too many chat starts from this address: at most ${limit} per 10 minutes (LINGXI_RATE_LIMIT_WIDGET_STARTS); wait and retry.`);

/** The widget API over plain HTTP: the fallback when WebSockets are blocked (start, send, long-poll). */
export function registerWidgetHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['widget'];
  const resume = createWidgetResume(context.signer);
  installWidgetCors(root, context);

  app.post('/v1/widget/conversations', {

    schema: {
      tags, summary: 'Start or resume a conversation (returns a widget token for the other widget routes)',
      body: z.object({
        tenantKey: z.string().min(1).max(200), customerId: z.string().min(1).max(200).optional(), hmac: z.string().max(200).optional(),
        conversationId: z.string().min(1).max(100).optional(), locale: localeSchema.optional(),
        resumeToken: z.string().max(1000).optional().describe('The resumeToken returned with this customerId before: without it (or hmac) an existing customerId starts as a new anonymous customer'),
      }),
      response: {
        200: z.object({ token: z.string(), resumeToken: z.string(), conversationId: z.string(), customerId: z.string(), owner: ownerSchema, lastSeq: z.number().int(), created: z.boolean(), messages: z.array(messageSchema) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    // One bucket per address for HTTP starts and WebSocket hellos (issue 23, D4).
    if (context.widgetStartLimiter && !(await context.widgetStartLimiter.consume(request.ip))) throw widgetStartsExceeded(context.config.rateLimitWidgetStarts);
    const session = await openWidgetSession(context.store, context.conversations, request.body, resume.read);
    const token = context.signer.sign({ kind: 'widget', tenantId: session.tenant.id, customerId: session.customer.id, conversationId: session.conversation.id, verified: session.verified }, WIDGET_TOKEN_TTL);
    const messages = await context.store.listMessages(session.tenant.id, session.conversation.id);
    const conversation = (await context.store.getConversation(session.tenant.id, session.conversation.id)) ?? session.conversation;
    return { token, resumeToken: resume.issue(session.tenant.id, session.customer.id), conversationId: conversation.id, customerId: session.customer.externalId, owner: conversation.owner, lastSeq: conversation.lastSeq, created: session.created, messages };
  });

  app.post('/v1/widget/conversations/:id/messages', {
    schema: {
      tags, summary: 'Send a customer message; answers after it is stored, with the bot replies',
      params: conversationParams,
      body: z.object({ clientId: clientIdSchema, text: messageTextSchema(context.config.messageMaxChars) }),
      response: { 200: z.object({ ack: z.object({ clientId: z.string(), seq: z.number().int(), duplicate: z.boolean() }), messages: z.array(messageSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, customerId } = await requireWidget(context, request, request.params.id);
    if (!(await context.customerLimiter.consume(`${tenant.id}:${customerId}`))) {
      throw new LingxiError('rate_limited', `Too many messages: at most ${context.config.rateLimitPerCustomer} per minute; retry later with the same clientId.`);
    }
    const result = await context.conversations.postCustomerMessage(tenant, request.params.id, { ...request.body, channel: 'widget-http' });
    return { ack: result.ack, messages: result.messages };
  });

  app.get('/v1/widget/conversations/:id/messages', {
    schema: {
      tags, summary: 'Messages after seq N; with waitMs the request waits (long-poll) until one arrives',
      params: conversationParams,
      querystring: z.object({ after: z.coerce.number().int().min(0).default(0), waitMs: z.coerce.number().int().min(0).max(30_000).default(0) }),
      response: { 200: z.object({ messages: z.array(messageSchema), owner: ownerSchema, lastSeq: z.number().int() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireWidget(context, request, request.params.id);
    const read = async () => {
      const conversation = await context.store.getConversation(tenant.id, request.params.id);
      if (!conversation) throw new LingxiError('not_found', `Conversation ${request.params.id} was not found.`);
      const messages = conversation.lastSeq > request.query.after ? await context.store.listMessages(tenant.id, conversation.id, { afterSeq: request.query.after }) : [];
      return { messages, owner: conversation.owner, lastSeq: conversation.lastSeq };
    };
    // Subscribe before the first read so that a message committed in between still wakes the poll.
    let wake = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const unsubscribe = context.bus.subscribe(conversationTopic(request.params.id), (event) => event.kind === 'message' && wake());
    try {
      const first = await read();
      if (first.messages.length > 0 || request.query.waitMs === 0) return first;
      const timer = setTimeout(wake, request.query.waitMs);
      request.raw.on('close', wake);
      await woken;
      clearTimeout(timer);
      return await read();
    } finally {
      unsubscribe();
    }
  });

  app.post('/v1/widget/conversations/:id/rating', {
    schema: {
      tags,
      summary: 'Satisfaction survey after a close: a score of 1-5 and an optional comment',
      description: 'One rating per close of the conversation (the survey the widget shows when it is closed). The customer may change it for 30 minutes after first rating; the last one counts (CSAT, docs/analytics.md). 409 before the conversation was closed, and after the 30 minutes.',
      params: conversationParams, body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() }),
      response: { 200: z.object({ ok: z.literal(true), edited: z.boolean().describe('true when this replaced the rating of the same close'), editableUntil: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireWidget(context, request, request.params.id);
    const conversation = await context.store.getConversation(tenant.id, request.params.id);
    if (!conversation) throw new LingxiError('not_found', `Conversation ${request.params.id} was not found.`);
    return { ok: true as const, ...(await rateConversation(context.store, conversation, request.body)) };
  });

  app.post('/v1/widget/conversations/:id/read', {
    schema: {
      tags, summary: 'Read receipt: the customer has seen every message up to seq (the WebSocket equivalent is {"type":"read","seq":N})',
      params: conversationParams, body: z.object({ seq: z.number().int().min(0) }), response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireWidget(context, request, request.params.id);
    await recordReadReceipt(context, tenant.id, request.params.id, request.body.seq);
    return { ok: true as const };
  });

  app.post('/v1/widget/conversations/:id/typing', {
    schema: { tags, summary: 'Customer typing indicator', params: conversationParams, body: z.object({ on: z.boolean() }), response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireWidget(context, request, request.params.id);
    await context.conversations.typing(tenant.id, request.params.id, 'customer', request.body.on);
    return { ok: true as const };
  });
}
