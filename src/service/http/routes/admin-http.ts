import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import { generateApiKey } from '../../auth/api-keys.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { checkPassword } from '../../security/password-policy.ts';
import { newId } from '../../ids.ts';
import { PACK_MODULES, packNames } from '../../../packs/registry.ts';
import { requireAgent } from '../request-auth.ts';
import { errorResponses, idSchema, localeSchema, ticketSchema, userSchema } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';
import { supportSettingsSchema } from '../../tickets/support-settings.ts';

/** Installed packs only: a typo ("medical") is refused with the list instead of failing on every later message. */
const packNameSchema = z.string().min(1).max(50).refine((name) => packNames().includes(name), { error: (issue) => `unknown pack "${String(issue.input)}"; installed packs: ${packNames().join(', ')}` });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');
export const tenantSettingsSchema = z.object({
  packs: z.array(packNameSchema).min(1, 'enable at least one pack').max(10).refine((packs) => new Set(packs).size === packs.length, 'each pack once'),
  locale: localeSchema,
  tone: z.enum(['neutral', 'warm', 'apologetic', 'concise']),
  personaName: z.string().min(1).max(50),
  greeting: z.string().max(1000).nullable(),
  businessHours: z.object({ timeZone: z.string().min(1).max(64), days: z.array(z.tuple([hhmm, hhmm]).nullable()).length(7) }).nullable(),
  enforceWidgetIdentity: z.boolean(),
  /** Purge conversations idle for this many days (PIPL/GDPR storage limitation); null keeps them. */
  retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  /** Origins allowed to call the widget HTTP API from another site (CORS), e.g. https://shop.example.com; no path, no '*'. */
  /** A phone number or e-mail alone unlocks nothing: identification needs a one-time code (or the widget HMAC). */
  requireVerifiedIdentity: z.boolean().optional(),
  allowedOrigins: z.array(z.string().trim().toLowerCase().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'use scheme://host[:port] without a path, e.g. https://shop.example.com')).max(50).optional(),
  /** Holidays and 调休 workdays, SLA policies, ticket types, out-of-hours handoff (issue 21). */
  support: supportSettingsSchema.optional(),
});

/** Tenant administration and tickets: settings, accounts, API keys (admins), tickets (everyone). */
export function registerAdminHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearer: [] }];
  const { store } = context;
  const settingsView = tenantSettingsSchema.extend({ widgetKey: z.string(), widgetSecret: z.string() });

  app.get('/v1/agent/settings', { schema: { tags: ['admin'], security, summary: 'Tenant settings (admin)', response: { 200: settingsView, ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return { ...tenant.settings, widgetKey: tenant.widgetKey };
  });

  app.get('/v1/agent/packs', {
    schema: {
      tags: ['admin'], security, summary: 'The installed industry packs, with a description in Chinese and English (admin)',
      response: { 200: z.object({ packs: z.array(z.object({ name: z.string(), description: z.object({ zh: z.string(), en: z.string() }) })) }), ...errorResponses },
    },
  }, async (request) => {
    await requireAgent(context, request, ['admin']);
    return { packs: packNames().map((name) => ({ name, description: PACK_MODULES[name].description })) };
  });

  app.put('/v1/agent/settings', {
    schema: { tags: ['admin'], security, summary: 'Replace tenant settings (admin); the engine for new packs is built on the next turn', body: tenantSettingsSchema, response: { 200: settingsView, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request, ['admin']);
    // The audit row commits with the change (issue 12): no settings change without its record.
    const updated = await store.updateTenantSettings(tenant.id, { ...tenant.settings, ...request.body }, {
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'settings.updated', targetType: 'tenant', targetId: tenant.id, data: { fields: Object.keys(request.body) },
    });
    context.socketTenants?.forget(tenant.id);
    void context.engines.forTenant(updated).catch((error) => request.log.error({ err: error }, 'engine build failed after settings change'));
    return { ...updated.settings, widgetKey: updated.widgetKey };
  });

  app.post('/v1/agent/users', {
    schema: {
      tags: ['admin'], security, summary: 'Create an account (admin)',
      body: z.object({ email: z.email(), name: z.string().trim().min(1).max(100), role: z.enum(['admin', 'supervisor', 'agent']), password: z.string().min(10, 'password must have at least 10 characters').max(200) }),
      response: { 200: userSchema, ...errorResponses },
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request, ['admin']);
    const weak = checkPassword(request.body.password, { email: request.body.email });
    if (weak) throw new LingxiError('validation_failed', `Invalid request: body.password: ${weak}.`);
    if (await store.getUserByEmail(request.body.email)) throw new LingxiError('conflict', `An account with e-mail ${request.body.email} already exists.`);
    const id = newId('usr');
    return store.createUser({ id, tenantId: tenant.id, email: request.body.email, name: request.body.name, role: request.body.role, passwordHash: await hashPassword(request.body.password) }, {
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'user.created', targetType: 'user', targetId: id, data: { role: request.body.role },
    });
  });

  app.post('/v1/agent/api-keys', {
    schema: {
      tags: ['admin'], security, summary: 'Create an integration API key (admin); the key is shown once', body: z.object({ name: z.string().trim().min(1).max(100) }),
      response: { 200: z.object({ id: z.string(), name: z.string(), key: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request, ['admin']);
    const generated = generateApiKey();
    const id = newId('key');
    const record = await store.createApiKey({ id, tenantId: tenant.id, name: request.body.name, prefix: generated.prefix, keyHash: generated.hash }, {
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'api_key.created', targetType: 'api_key', targetId: id,
    });
    return { id: record.id, name: record.name, key: generated.key };
  });

  // The tickets module (src/service/tickets) serves these routes when it is wired; these remain for a bare Store.
  if (context.tickets) return;
  app.get('/v1/agent/tickets', {
    schema: {
      tags: ['agent'], security, summary: 'Tickets (complaints, repair bookings)', querystring: z.object({ status: ticketSchema.shape.status.optional(), conversationId: idSchema.optional() }),
      response: { 200: z.object({ tickets: z.array(ticketSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    return { tickets: await store.listTickets(tenant.id, request.query) };
  });

  app.post('/v1/agent/tickets', {
    schema: {
      tags: ['agent'], security, summary: 'Open a ticket for a conversation',
      body: z.object({ conversationId: idSchema, kind: ticketSchema.shape.kind, subject: z.string().trim().min(1).max(200), details: z.record(z.string(), z.unknown()).default({}) }),
      response: { 200: ticketSchema, ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request);
    const conversation = await store.getConversation(tenant.id, request.body.conversationId);
    if (!conversation) throw new LingxiError('not_found', `Conversation ${request.body.conversationId} was not found.`);
    const ticket = await store.createTicket({ id: newId('tkt'), tenantId: tenant.id, conversationId: conversation.id, customerId: conversation.customerId, kind: request.body.kind, status: 'open', subject: request.body.subject, details: request.body.details });
    await store.appendEvent(tenant.id, { conversationId: conversation.id, type: 'ticket.created', data: { ticketId: ticket.id, kind: ticket.kind, by: user.id } });
    return ticket;
  });

  app.patch('/v1/agent/tickets/:id', {
    schema: {
      tags: ['agent'], security, summary: 'Move a ticket on', params: z.object({ id: idSchema }),
      body: z.object({ status: ticketSchema.shape.status.optional(), details: z.record(z.string(), z.unknown()).optional() }), response: { 200: ticketSchema, ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    const ticket = await store.updateTicket(tenant.id, request.params.id, request.body);
    if (!ticket) throw new LingxiError('not_found', `Ticket ${request.params.id} was not found.`);
    return ticket;
  });
}
