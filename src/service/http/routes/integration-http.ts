import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { LingxiError } from '../../../engine/errors.ts';
import { newId } from '../../ids.ts';
import { requireApiKey } from '../request-auth.ts';
import { articleSchema, conversationParams, conversationSchema, customerSchema, errorResponses, eventSchema, idSchema, localeSchema, messageSchema, messageTextSchema, ownerSchema, webhookSchema } from '../schemas.ts';
import { assertPublicTarget } from '../../security/outbound-target.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';

const customerBody = z.object({
  externalId: z.string().min(1).max(200), name: z.string().max(200).optional(), email: z.email().optional(), phone: z.string().max(40).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(), identities: z.array(z.object({ kind: z.string().min(1).max(50), value: z.string().min(1).max(200) })).max(20).optional(),
});
const articleBody = z.object({
  title: z.string().trim().min(1).max(300), body: z.string().min(1).max(50_000), locale: localeSchema, tags: z.array(z.string().max(50)).max(20).default([]),
  /** Other ways customers ask it; the bot matches them like the title. */
  questions: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
  /** Drafts do not answer customers. */
  status: z.enum(['draft', 'published']).default('published'),
});
// Without defaults: a partial update must not reset the fields it does not name (zod applies defaults inside .partial()).
const articleUpdate = z.object({
  title: articleBody.shape.title, body: articleBody.shape.body, locale: localeSchema, tags: z.array(z.string().max(50)).max(20),
  questions: z.array(z.string().trim().min(1).max(300)).max(100), status: z.enum(['draft', 'published']),
}).partial();

/** Integration API for the business's own systems, authorised by a tenant API key. */
export function registerIntegrationHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['integration'];
  const security = [{ apiKey: [] }];
  const { store } = context;

  const customerByExternalId = async (tenantId: string, externalId: string) => {
    const customer = await store.getCustomerByExternalId(tenantId, externalId);
    if (!customer) throw new LingxiError('not_found', `Customer with externalId ${externalId} was not found; create it with POST /v1/customers.`);
    return customer;
  };

  app.post('/v1/customers', { schema: { tags, security, summary: 'Create or update a customer by your own id (externalId)', body: customerBody, response: { 200: customerSchema, ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, ...request.body });
  });

  app.get('/v1/customers/:id', { schema: { tags, security, summary: 'A customer by externalId', params: z.object({ id: idSchema }), response: { 200: customerSchema, ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return customerByExternalId(tenant.id, request.params.id);
  });

  app.post('/v1/events', {
    schema: {
      tags, security, summary: 'Record a business event (order.shipped, order.delayed …); optionally tell the customer',
      body: z.object({
        type: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'type is noun.verb, e.g. order.shipped'), customerId: z.string().min(1).max(200),
        data: z.record(z.string(), z.unknown()).default({}), notify: z.object({ text: messageTextSchema(context.config.messageMaxChars) }).optional(),
      }),
      response: { 200: z.object({ event: eventSchema, message: messageSchema.nullable() }), ...errorResponses },
    },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    const customer = await customerByExternalId(tenant.id, request.body.customerId);
    const event = await store.appendEvent(tenant.id, { type: request.body.type, customerId: customer.id, data: request.body.data });
    await context.proactive?.handleEvent(tenant, customer, { type: request.body.type, data: request.body.data });
    const sent = request.body.notify ? await context.conversations.sendProactive(tenant, customer, request.body.notify.text, { event: request.body.type }) : null;
    return { event, message: sent?.message ?? null };
  });

  app.post('/v1/messages', {
    schema: {
      tags, security, summary: 'Proactive message to a customer (their open conversation, or a new one)',
      body: z.object({ customerId: z.string().min(1).max(200), text: messageTextSchema(context.config.messageMaxChars) }),
      response: { 200: z.object({ conversation: conversationSchema, message: messageSchema }), ...errorResponses },
    },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return context.conversations.sendProactive(tenant, await customerByExternalId(tenant.id, request.body.customerId), request.body.text);
  });

  app.get('/v1/conversations', {
    schema: {
      tags, security, summary: 'List conversations', querystring: z.object({ status: ownerSchema.optional(), customerId: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ conversations: z.array(conversationSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    const customer = request.query.customerId ? await customerByExternalId(tenant.id, request.query.customerId) : null;
    return { conversations: await store.listConversations(tenant.id, { owner: request.query.status, customerId: customer?.id, limit: request.query.limit }) };
  });

  app.get('/v1/conversations/:id', {
    schema: { tags, security, summary: 'A conversation with its messages', params: conversationParams, response: { 200: z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }), ...errorResponses } },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    const conversation = await store.getConversation(tenant.id, request.params.id);
    if (!conversation) throw new LingxiError('not_found', `Conversation ${request.params.id} was not found.`);
    return { conversation, messages: await store.listMessages(tenant.id, conversation.id) };
  });

  app.get('/v1/knowledge', { schema: { tags, security, summary: 'Knowledge articles', response: { 200: z.object({ articles: z.array(articleSchema) }), ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return { articles: await store.listArticles(tenant.id) };
  });
  app.post('/v1/knowledge', { schema: { tags, security, summary: 'Create a knowledge article', body: articleBody, response: { 200: articleSchema, ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return store.createArticle({ id: newId('kb'), tenantId: tenant.id, ...request.body });
  });
  const articleOrThrow = <T>(article: T | null, id: string): T => {
    if (!article) throw new LingxiError('not_found', `Knowledge article ${id} was not found.`);
    return article;
  };
  app.get('/v1/knowledge/:id', { schema: { tags, security, summary: 'One knowledge article', params: z.object({ id: idSchema }), response: { 200: articleSchema, ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return articleOrThrow(await store.getArticle(tenant.id, request.params.id), request.params.id);
  });
  app.put('/v1/knowledge/:id', { schema: { tags, security, summary: 'Update a knowledge article', params: z.object({ id: idSchema }), body: articleUpdate, response: { 200: articleSchema, ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return articleOrThrow(await store.updateArticle(tenant.id, request.params.id, request.body), request.params.id);
  });
  app.delete('/v1/knowledge/:id', { schema: { tags, security, summary: 'Delete a knowledge article', params: z.object({ id: idSchema }), response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    if (!(await store.deleteArticle(tenant.id, request.params.id))) throw new LingxiError('not_found', `Knowledge article ${request.params.id} was not found.`);
    return { deleted: true as const };
  });

  app.get('/v1/webhooks', { schema: { tags, security, summary: 'Webhooks', response: { 200: z.object({ webhooks: z.array(webhookSchema) }), ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return { webhooks: await store.listWebhooks(tenant.id) };
  });
  app.post('/v1/webhooks', {
    schema: {
      tags, security, summary: 'Subscribe a URL to conversation events (signed with the returned secret)',
      body: z.object({ url: z.url({ protocol: /^https?$/ }), events: z.array(z.string().max(100)).max(50).default([]) }),
      response: { 200: webhookSchema.extend({ secret: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    await assertPublicTarget(request.body.url, { allowPrivate: context.config.allowPrivateTargets, what: 'url' });
    const created = await store.createWebhook({ id: newId('wh'), tenantId: tenant.id, url: request.body.url, events: request.body.events, secret: randomBytes(24).toString('base64url'), active: true });
    context.webhooks.forget(tenant.id);
    return created;
  });
  app.delete('/v1/webhooks/:id', { schema: { tags, security, summary: 'Delete a webhook', params: z.object({ id: idSchema }), response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses } } }, async (request) => {
    const tenant = await requireApiKey(context, request);
    if (!(await store.deleteWebhook(tenant.id, request.params.id))) throw new LingxiError('not_found', `Webhook ${request.params.id} was not found.`);
    context.webhooks.forget(tenant.id);
    return { deleted: true as const };
  });
}
