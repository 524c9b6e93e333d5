import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent, requireApiKey } from '../http/request-auth.ts';
import { errorResponses, idSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import type { User } from '../storage/store.ts';
import { TICKET_PRIORITIES, ticketTypeSchema } from './support-settings.ts';
import { TICKET_STATUSES, type TicketState } from './ticket-store.ts';

const security = [{ bearer: [] }];
const tags = ['tickets'];
const priority = z.enum(TICKET_PRIORITIES);
/** The first ticket API's statuses are still accepted: in_progress = pending_internal, resolved = solved. */
const statusInput = z.enum([...TICKET_STATUSES, 'in_progress', 'resolved']).transform((status): TicketState => (status === 'in_progress' ? 'pending_internal' : status === 'resolved' ? 'solved' : status));

export const ticketView = z.object({
  id: z.string(), type: z.string(), kind: z.string(), status: z.enum(TICKET_STATUSES), priority, subject: z.string(), details: z.record(z.string(), z.unknown()),
  conversationId: z.string().nullable(), customerId: z.string().nullable(), assigneeId: z.string().nullable(), team: z.string().nullable(),
  source: z.enum(['bot', 'agent', 'api', 'system']), createdBy: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(), resolutionDueAt: z.string().nullable(), firstRespondedAt: z.string().nullable(), solvedAt: z.string().nullable(),
  breached: z.enum(['first_response', 'resolution']).nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const commentView = z.object({ id: z.string(), ticketId: z.string(), authorKind: z.enum(['user', 'system']), authorId: z.string().nullable(), body: z.string(), createdAt: z.string() });
const params = z.object({ id: idSchema });

const listQuery = z.object({
  status: z.string().max(200).optional().describe('One status or several separated by commas (open,pending_internal)'),
  assignee: z.string().max(100).optional().describe("'me', 'none' or a user id"),
  team: z.string().max(100).optional(), type: z.string().max(40).optional(), customerId: idSchema.optional(), conversationId: idSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(), q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const createBody = z.object({
  subject: z.string().trim().min(1).max(200),
  type: ticketTypeSchema.optional(), kind: ticketTypeSchema.optional().describe('The first API\'s name for type'),
  priority: priority.optional(), conversationId: idSchema.optional(), customerId: idSchema.optional(),
  assigneeId: idSchema.nullable().optional(), team: z.string().trim().min(1).max(100).nullable().optional(),
  details: z.record(z.string(), z.unknown()).default({}), comment: z.string().trim().min(1).max(10_000).optional(),
});

const updateBody = z.object({
  status: statusInput.optional(), priority: priority.optional(), type: ticketTypeSchema.optional(), subject: z.string().trim().min(1).max(200).optional(),
  assigneeId: idSchema.nullable().optional(), team: z.string().trim().min(1).max(100).nullable().optional(), details: z.record(z.string(), z.unknown()).optional(),
});

/** Agents move their own work; assigning a ticket to someone else is for supervisors and admins. */
function checkAssignment(user: User, assigneeId: string | null | undefined, current: string | null) {
  if (assigneeId === undefined || user.role !== 'agent') return;
  if (assigneeId !== null && assigneeId !== user.id) throw new LingxiError('forbidden', 'Agents assign tickets to themselves only; ask a supervisor to assign a colleague.');
  if (assigneeId === null && current && current !== user.id) throw new LingxiError('forbidden', 'Another agent owns this ticket; ask a supervisor to reassign it.');
}

/**
 * Ticket routes (issue 21): the console's list (mine, team, overdue, search), detail with comments and linked
 * conversations, create/update/comment/link for every staff role, and `POST /v1/tickets` for integrations (API key).
 * Registered when the tickets module is wired (it needs the SQL client).
 */
export function registerTicketsHttp(root: FastifyInstance, context: ServiceContext): void {
  if (!context.tickets) return;
  const tickets = context.tickets;
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/agent/tickets', {
    schema: { tags, security, summary: 'Tickets, newest first: filter by status, assignee (me/none/id), team, type, customer, conversation, overdue, text', querystring: listQuery, response: { 200: z.object({ tickets: z.array(ticketView), total: z.number() }), ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    const query = request.query;
    const status = query.status?.split(',').map((value) => statusInput.safeParse(value.trim()));
    if (status?.some((parsed) => !parsed.success)) throw new LingxiError('validation_failed', `Invalid request: querystring.status: use ${TICKET_STATUSES.join(', ')}.`);
    return tickets.list(tenant.id, {
      status: status?.map((parsed) => parsed.data!), team: query.team, type: query.type, customerId: query.customerId, conversationId: query.conversationId,
      assigneeId: query.assignee === 'me' ? user.id : query.assignee === 'none' ? undefined : query.assignee, unassigned: query.assignee === 'none', overdue: query.overdue === 'true', search: query.q,
      limit: query.limit, offset: query.offset,
    });
  });

  app.post('/v1/agent/tickets', {
    schema: { tags, security, summary: 'Open a ticket (for a conversation, a customer, or on its own); SLA due times come from the tenant policies', body: createBody, response: { 200: ticketView, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    const { kind, type, ...body } = request.body;
    checkAssignment(user, body.assigneeId, null);
    return tickets.create(tenant, { ...body, type: type ?? kind ?? 'question', source: 'agent', createdBy: user.id });
  });

  app.get('/v1/agent/tickets/:id', {
    schema: { tags, security, summary: 'A ticket with its internal comments and linked conversations', params, response: { 200: z.object({ ticket: ticketView, comments: z.array(commentView), conversations: z.array(z.object({ conversationId: z.string(), linkedAt: z.string() })) }), ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    return tickets.detail(tenant.id, request.params.id);
  });

  app.patch('/v1/agent/tickets/:id', {
    schema: { tags, security, summary: 'Move a ticket on: status, priority (due times follow), type, subject, assignee, team, details', params, body: updateBody, response: { 200: ticketView, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    const current = await tickets.get(tenant.id, request.params.id);
    if (!current) throw new LingxiError('not_found', `Ticket ${request.params.id} was not found.`);
    checkAssignment(user, request.body.assigneeId, current.assigneeId);
    return tickets.update(tenant, { kind: 'user', user }, request.params.id, request.body);
  });

  app.post('/v1/agent/tickets/:id/comments', {
    schema: { tags, security, summary: 'Add an internal comment (never shown to the customer)', params, body: z.object({ body: z.string().trim().min(1).max(10_000) }), response: { 200: commentView, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    return tickets.comment(tenant, { kind: 'user', user }, request.params.id, request.body.body);
  });

  app.post('/v1/agent/tickets/:id/conversations', {
    schema: { tags, security, summary: 'Link another conversation to the ticket', params, body: z.object({ conversationId: idSchema }), response: { 200: z.object({ linked: z.literal(true) }), ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request);
    await tickets.link(tenant, { kind: 'user', user }, request.params.id, request.body.conversationId);
    return { linked: true as const };
  });

  app.post('/v1/tickets', {
    schema: { tags: ['integration'], security: [{ apiKey: [] }], summary: 'Open a ticket from the business\'s own systems (API key)', body: createBody.omit({ assigneeId: true }), response: { 200: ticketView, ...errorResponses } },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    const { kind, type, ...body } = request.body;
    return tickets.create(tenant, { ...body, type: type ?? kind ?? 'question', source: 'api', createdBy: 'api' });
  });
}
