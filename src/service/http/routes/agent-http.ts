import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import type { Conversation, Tenant } from '../../storage/store.ts';
import { requireAgent } from '../request-auth.ts';
import {
  clientIdSchema, conversationParams, conversationSchema, customerSchema, errorResponses, eventSchema, idSchema, messageSchema, messageTextSchema, noteSchema, ownerSchema, userSchema,
} from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';

/** Agent API: sign in, the conversation queue, and the actions agents take on conversations. */
export function registerAgentHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['agent'];
  const security = [{ bearer: [] }];
  const { store, conversations } = context;
  const lockout = context.loginLockout;

  const loadConversation = async (tenant: Tenant, id: string): Promise<Conversation> => {
    const conversation = await store.getConversation(tenant.id, id);
    if (!conversation) throw new LingxiError('not_found', `Conversation ${id} was not found.`);
    return conversation;
  };
  const actionResponse = { 200: z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }), ...errorResponses };

  app.post('/v1/agent/login', {
    config: { rateLimit: { max: context.config.rateLimitLogin, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Sign in; returns a bearer token',
      body: z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ token: z.string(), expiresInSeconds: z.number(), user: userSchema, tenantId: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const locked = await lockout.retryAfterSeconds(request.body.email, request.ip);
    if (locked) {
      reply.header('retry-after', String(locked));
      throw new LingxiError('rate_limited', `Too many wrong passwords for this account from your address; try again in ${Math.ceil(locked / 60)} min or ask an admin to reset the password.`);
    }
    const user = await store.getUserByEmail(request.body.email);
    // Verify against a dummy hash when the user is unknown so that timing does not reveal which e-mails exist.
    const valid = await verifyPassword(request.body.password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!user || !valid) {
      await lockout.recordFailure(request.body.email, request.ip);
      throw new LingxiError('unauthenticated', 'Wrong e-mail or password.');
    }
    await lockout.recordSuccess(request.body.email, request.ip);
    const token = context.signer.sign({ kind: 'agent', tenantId: user.tenantId, userId: user.id, role: user.role }, context.config.tokenTtlSeconds);
    return { token, expiresInSeconds: context.config.tokenTtlSeconds, user, tenantId: user.tenantId };
  });

  app.get('/v1/agent/me', { schema: { tags, security, summary: 'The signed-in agent', response: { 200: z.object({ user: userSchema, tenantId: z.string(), tenantName: z.string() }), ...errorResponses } } }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    return { user, tenantId: tenant.id, tenantName: tenant.name };
  });

  app.get('/v1/agent/users', { schema: { tags, security, summary: 'Colleagues (transfer targets)', response: { 200: z.object({ users: z.array(userSchema) }), ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    return { users: await store.listUsers(tenant.id) };
  });

  app.get('/v1/agent/conversations', {
    schema: {
      tags, security, summary: 'List conversations: queue=unassigned|mine|all, filter by status (owner), pack, sentiment',
      querystring: z.object({
        queue: z.enum(['unassigned', 'mine', 'all']).default('all'), status: ownerSchema.optional(), pack: z.string().max(50).optional(),
        sentiment: z.enum(['positive', 'neutral', 'negative']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ conversations: z.array(conversationSchema), customerNames: z.record(z.string(), z.string().nullable()).optional().describe('Display names of the customers listed, by id (issue 21), where known') }), ...errorResponses },
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    const { queue, status, pack, sentiment, limit } = request.query;
    const list = await store.listConversations(tenant.id, {
      owner: status ?? (queue === 'unassigned' ? 'queued' : undefined), pack, sentiment, limit,
      unassigned: queue === 'unassigned' || undefined, assigneeId: queue === 'mine' ? user.id : undefined,
    });
    // Names, not ids, in the console (issue 21).
    const customerNames = context.contacts ? await context.contacts.names(tenant.id, [...new Set(list.map((conversation) => conversation.customerId))]) : undefined;
    return { conversations: list, ...(customerNames ? { customerNames } : {}) };
  });

  app.get('/v1/agent/conversations/:id', {
    schema: {
      tags, security, summary: 'One conversation with messages, notes and events', params: conversationParams,
      response: { 200: z.object({ conversation: conversationSchema, messages: z.array(messageSchema), notes: z.array(noteSchema), events: z.array(eventSchema), customerName: z.string().nullable().optional() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    const conversation = await loadConversation(tenant, request.params.id);
    const [messages, notes, events, names] = await Promise.all([
      store.listMessages(tenant.id, conversation.id), store.listNotes(tenant.id, conversation.id), store.listEvents(tenant.id, conversation.id),
      context.contacts?.names(tenant.id, [conversation.customerId]),
    ]);
    return { conversation, messages, notes, events, ...(names ? { customerName: names[conversation.customerId] ?? null } : {}) };
  });

  app.post('/v1/agent/conversations/:id/take-over', { schema: { tags, security, summary: 'Take the conversation from the bot or the queue', params: conversationParams, response: actionResponse } }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    return conversations.takeOver(tenant, user, request.params.id);
  });

  app.post('/v1/agent/conversations/:id/messages', {
    schema: {
      tags, security, summary: 'Reply to the customer (takes the conversation over if needed)', params: conversationParams,
      body: z.object({ text: messageTextSchema(context.config.messageMaxChars), clientId: clientIdSchema.optional() }), response: actionResponse,
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    return conversations.reply(tenant, user, request.params.id, request.body);
  });

  app.post('/v1/agent/conversations/:id/notes', {
    schema: { tags, security, summary: 'Internal note (never shown to the customer)', params: conversationParams, body: z.object({ text: z.string().trim().min(1).max(context.config.messageMaxChars) }), response: { 200: noteSchema, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    return conversations.addNote(tenant, user, request.params.id, request.body.text);
  });

  app.post('/v1/agent/conversations/:id/transfer', {
    schema: { tags, security, summary: 'Transfer to another agent of the same tenant', params: conversationParams, body: z.object({ assigneeId: idSchema }), response: actionResponse },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    const target = await store.getUser(tenant.id, request.body.assigneeId);
    if (!target) throw new LingxiError('not_found', `Agent ${request.body.assigneeId} was not found; list colleagues at GET /v1/agent/users.`);
    return conversations.transfer(tenant, user, request.params.id, target);
  });

  app.post('/v1/agent/conversations/:id/hand-back', { schema: { tags, security, summary: 'Give the conversation back to the bot', params: conversationParams, response: actionResponse } }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    return conversations.handBack(tenant, user, request.params.id);
  });

  app.post('/v1/agent/conversations/:id/close', {
    schema: {
      tags, security, summary: 'Close with a resolution reason', params: conversationParams,
      body: z.object({ resolution: z.enum(['resolved', 'unresolved', 'duplicate', 'spam', 'no_response', 'other']) }), response: actionResponse,
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await loadConversation(tenant, request.params.id);
    return conversations.close(tenant, user, request.params.id, request.body.resolution);
  });

  app.get('/v1/agent/customers/:id', {
    schema: {
      tags, security, summary: 'A customer with their conversation history', params: conversationParams,
      response: { 200: z.object({ customer: customerSchema, conversations: z.array(conversationSchema), events: z.array(eventSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    const customer = await store.getCustomer(tenant.id, request.params.id);
    if (!customer) throw new LingxiError('not_found', `Customer ${request.params.id} was not found.`);
    const events = (await store.listEvents(tenant.id, null, 200)).filter((event) => event.customerId === customer.id);
    return { customer, conversations: await store.listConversations(tenant.id, { customerId: customer.id }), events };
  });
}
