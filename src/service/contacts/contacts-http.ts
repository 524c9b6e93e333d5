import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent } from '../http/request-auth.ts';
import { conversationSchema, customerSchema, errorResponses, idSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { ticketView } from '../tickets/tickets-http.ts';

const security = [{ bearer: [] }];
const tags = ['contacts'];
const params = z.object({ id: idSchema });

export const contactView = customerSchema.extend({
  verified: z.boolean(), anonymous: z.boolean(), tags: z.array(z.string()), displayName: z.string().nullable(),
  conversationCount: z.number(), ticketCount: z.number(), lastSeenAt: z.string().nullable(),
});
const noteView = z.object({ id: z.string(), conversationId: z.string(), authorId: z.string(), text: z.string(), createdAt: z.string() });

/**
 * Contacts (issue 21): the customer list with search and paging, one contact's record (identities across channels,
 * verified flag, tags, attributes, notes, conversations, tickets) and merging a duplicate (supervisors and admins).
 * Registered when the SQL client is wired.
 */
export function registerContactsHttp(root: FastifyInstance, context: ServiceContext): void {
  if (!context.contacts) return;
  const contacts = context.contacts;
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/agent/contacts', {
    schema: {
      tags, security, summary: 'Contacts, most recently active first; q searches name, phone, e-mail, external id and identities',
      querystring: z.object({ q: z.string().trim().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
      response: { 200: z.object({ contacts: z.array(contactView), total: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    return contacts.list(tenant.id, { search: request.query.q, limit: request.query.limit, offset: request.query.offset });
  });

  app.get('/v1/agent/contacts/:id', {
    schema: {
      tags, security, summary: 'A contact with identities, verified flag, tags, attributes, notes, conversations and tickets', params,
      response: { 200: z.object({ contact: contactView, notes: z.array(noteView), conversations: z.array(conversationSchema), tickets: z.array(ticketView) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    const contact = await contacts.get(tenant.id, request.params.id);
    if (!contact) throw new LingxiError('not_found', `Contact ${request.params.id} was not found.`);
    const [notes, conversations, tickets] = await Promise.all([
      contacts.notes(tenant.id, contact.id),
      context.store.listConversations(tenant.id, { customerId: contact.id, limit: 100 }),
      context.tickets ? context.tickets.list(tenant.id, { customerId: contact.id, limit: 100 }).then((found) => found.tickets) : [],
    ]);
    return { contact, notes, conversations, tickets };
  });

  app.post('/v1/agent/contacts/:id/merge', {
    schema: {
      tags, security, summary: 'Merge a duplicate contact into this one (supervisor, admin): conversations, tickets, identities move; the duplicate is deleted',
      params, body: z.object({ duplicateId: idSchema }),
      response: { 200: z.object({ contact: contactView, moved: z.object({ conversations: z.number(), tickets: z.number() }) }), ...errorResponses },
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request, ['admin', 'supervisor']);
    const { moved } = await contacts.merge(tenant.id, request.params.id, request.body.duplicateId);
    await context.store.appendAudit({
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'contact.merged', targetType: 'customer', targetId: request.params.id,
      data: { duplicateId: request.body.duplicateId, ...moved },
    });
    const event = await context.store.appendEvent(tenant.id, { type: 'contact.merged', customerId: request.params.id, data: { duplicateId: request.body.duplicateId, by: user.id, ...moved } });
    context.webhooks.dispatch(tenant.id, [event]).catch((error: unknown) => request.log.error({ err: error }, 'contact merge webhook failed'));
    return { contact: (await contacts.get(tenant.id, request.params.id))!, moved };
  });
}
