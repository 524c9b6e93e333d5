import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { auditActor, installAuditHook } from '../audit/audit-hook.ts';
import { requireAgent, requireApiKey } from '../http/request-auth.ts';
import { customerSchema, errorResponses, idSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import type { Customer, Tenant } from '../storage/store.ts';
import { buildCustomerExport } from './customer-export.ts';
import { scheduleRetentionPurge } from './retention-purge.ts';

const exportSchema = z.object({
  exportedAt: z.string(), masked: z.boolean(), customer: customerSchema,
  conversations: z.array(z.unknown()), tickets: z.array(z.unknown()), businessEvents: z.array(z.unknown()),
});
const erasureSchema = z.object({ erased: z.literal(true), customers: z.number(), conversations: z.number(), messages: z.number(), anonymisedEvents: z.number() });
const auditSchema = z.object({
  id: z.string(), actorKind: z.string(), actorId: z.string(), action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()), createdAt: z.string(),
});
const maskQuery = z.object({ mask: z.enum(['true', 'false', '1', '0']).optional().transform((value) => value === 'true' || value === '1') });

/**
 * Privacy (issue 12): customer data export and erasure for integrations (`/v1/customers/:id/…`, by the shop's
 * external id) and admins (`/v1/agent/customers/:id/…`, by Lingxi's id), the audit log (admins), the audit hook on
 * agent/admin actions, and the scheduled retention purge.
 */
export function registerPrivacyHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store } = context;
  installAuditHook(root, context);
  const stopPurge = scheduleRetentionPurge(context);
  root.addHook('onClose', async () => stopPurge());

  const audit = async (request: FastifyRequest, tenant: Tenant, action: string, customer: Customer, data: Record<string, unknown> = {}) => {
    const actor = await auditActor(context, request);
    await store.appendAudit({ tenantId: tenant.id, actorKind: actor?.kind ?? 'system', actorId: actor?.id ?? 'unknown', action, targetType: 'customer', targetId: customer.id, data });
  };
  const exportCustomer = async (request: FastifyRequest, tenant: Tenant, customer: Customer | null, label: string, mask: boolean) => {
    if (!customer) throw new LingxiError('not_found', `Customer ${label} was not found.`);
    const result = await buildCustomerExport(store, customer, { mask });
    await audit(request, tenant, 'customer.exported', customer, { masked: mask });
    return result;
  };
  const eraseCustomer = async (request: FastifyRequest, tenant: Tenant, customer: Customer | null, label: string) => {
    if (!customer) throw new LingxiError('not_found', `Customer ${label} was not found.`);
    const actor = await auditActor(context, request);
    // Erasure and its audit row commit together (issue 12); the store adds the counts removed to the row's data.
    const result = await store.eraseCustomer(tenant.id, customer.id, {
      tenantId: tenant.id, actorKind: actor?.kind ?? 'system', actorId: actor?.id ?? 'unknown', action: 'customer.erased', targetType: 'customer', targetId: customer.id,
    });
    if (!result) throw new LingxiError('not_found', `Customer ${label} was not found.`);
    // After the answer: rewriting the tables of an embedded database locks them for a moment (issue 23, D9).
    void context.compactAfterErasure?.();
    return { erased: true as const, ...result };
  };

  const integration = { tags: ['integration', 'privacy'], security: [{ apiKey: [] }] };
  app.get('/v1/customers/:id/export', {
    schema: { ...integration, summary: 'Everything held about a customer (by your externalId); ?mask=true masks phone, e-mail, ID and card numbers', params: z.object({ id: idSchema }), querystring: maskQuery, response: { 200: exportSchema, ...errorResponses } },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return exportCustomer(request, tenant, await store.getCustomerByExternalId(tenant.id, request.params.id), request.params.id, request.query.mask);
  });
  app.delete('/v1/customers/:id', {
    schema: { ...integration, summary: 'Erase a customer (by your externalId): profile, identities, conversations, messages; events kept anonymised', params: z.object({ id: idSchema }), response: { 200: erasureSchema, ...errorResponses } },
  }, async (request) => {
    const tenant = await requireApiKey(context, request);
    return eraseCustomer(request, tenant, await store.getCustomerByExternalId(tenant.id, request.params.id), request.params.id);
  });

  const admin = { tags: ['admin', 'privacy'], security: [{ bearer: [] }] };
  app.get('/v1/agent/customers/:id/export', {
    schema: { ...admin, summary: 'Export a customer (admin)', params: z.object({ id: idSchema }), querystring: maskQuery, response: { 200: exportSchema, ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return exportCustomer(request, tenant, await store.getCustomer(tenant.id, request.params.id), request.params.id, request.query.mask);
  });
  app.delete('/v1/agent/customers/:id', {
    schema: { ...admin, summary: 'Erase a customer (admin)', params: z.object({ id: idSchema }), response: { 200: erasureSchema, ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return eraseCustomer(request, tenant, await store.getCustomer(tenant.id, request.params.id), request.params.id);
  });
  app.get('/v1/agent/audit', {
    schema: {
      ...admin, summary: 'Audit log of agent and admin actions, newest first (admin)',
      querystring: z.object({ action: z.string().max(100).optional(), beforeId: z.string().regex(/^\d{1,18}$/, 'beforeId is the id of the last entry you have').optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ entries: z.array(auditSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return { entries: await store.listAudit(tenant.id, request.query) };
  });
}
