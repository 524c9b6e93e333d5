import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { Customer } from '../../storage/store.ts';
import { requireAgent } from '../request-auth.ts';
import { conversationParams, errorResponses, localeSchema } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';
import { customerRecordSchema, packRecordReaders, type CustomerKeys, type CustomerRecord } from './pack-records.ts';

/** How far back the bot's authentications count: the customer's most recent conversations. */
const CONVERSATIONS_SCANNED = 50;

/**
 * Who a service customer may be in a pack backend: ids the bot verified in chat, external id and identity values,
 * e-mail and phone. An id a widget merely claimed (no HMAC while the tenant does not enforce identity) is left out:
 * anyone could type someone else's id into the page, and the agent would then trust the wrong orders. An identity
 * your backend adds through POST /v1/customers (any kind but widget/anonymous) is trusted.
 */
export function customerKeys(customer: Customer, verifiedIds: string[], options: { widgetIdentityVerified: boolean }): CustomerKeys {
  const identities = customer.identities.filter((identity) => identity.kind !== 'anonymous' && (options.widgetIdentityVerified || identity.kind !== 'widget'));
  const claimedOnly = !options.widgetIdentityVerified && customer.identities.length > 0 && customer.identities.every((identity) => identity.kind === 'widget' || identity.kind === 'anonymous');
  const byKind = (pattern: RegExp) => identities.filter((identity) => pattern.test(identity.kind)).map((identity) => identity.value);
  return {
    ids: [...new Set([...verifiedIds, ...(claimedOnly ? [] : [customer.externalId]), ...identities.map((identity) => identity.value)])],
    emails: [...new Set([customer.email, ...byKind(/mail/i)].filter((value): value is string => !!value))],
    phones: [...new Set([customer.phone, ...byKind(/phone|mobile|sms|tel/i)].filter((value): value is string => !!value))],
  };
}

/**
 * `GET /v1/agent/customers/:id/records` — the customer's orders, bookings, shipments … from the tenant's pack
 * backends, so that the agent sees them beside the conversation. The service customer is mapped to the backend
 * customer by the id the bot verified in their conversations, then external id / identities, e-mail, phone.
 * Agents, supervisors and admins of the tenant; an unknown customer of the tenant is 404, no match is an empty list.
 */
export function registerCustomerRecordsHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store } = context;
  app.get('/v1/agent/customers/:id/records', {
    schema: {
      tags: ['agent'], security: [{ bearer: [] }], summary: "The customer's orders, bookings and other records in the enabled packs' backends",
      params: conversationParams, querystring: z.object({ locale: localeSchema.optional() }),
      response: {
        200: z.object({
          matches: z.array(z.object({ pack: z.string(), customerId: z.string(), matchedBy: z.enum(['id', 'email', 'phone']) })),
          records: z.array(customerRecordSchema),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    const customer = await store.getCustomer(tenant.id, request.params.id);
    if (!customer) throw new LingxiError('not_found', `Customer ${request.params.id} was not found.`);
    const conversations = await store.listConversations(tenant.id, { customerId: customer.id, limit: CONVERSATIONS_SCANNED });
    const verified = conversations.map((conversation) => conversation.engineState?.customerId).filter((id): id is string => typeof id === 'string' && id.length > 0);
    const keys = customerKeys(customer, verified, { widgetIdentityVerified: tenant.settings.enforceWidgetIdentity });
    const engine = await context.engines.forTenant(tenant);
    const backends = (engine as { data?: unknown }).data;
    const matches: Array<{ pack: string; customerId: string; matchedBy: 'id' | 'email' | 'phone' }> = [];
    const records: CustomerRecord[] = [];
    // The tenant's stored backends (issue 20): the same records the bot changed, not the pack's demo seed.
    const read = async () => {
      if (!backends || typeof backends !== 'object') return;
      for (const pack of tenant.settings.packs) {
        const reader = packRecordReaders[pack];
        const data = (backends as Record<string, unknown>)[pack];
        if (!reader || data === undefined) continue;
        const found = reader(data, keys, request.query.locale ?? tenant.settings.locale);
        if (!found) continue;
        matches.push({ pack, customerId: found.customerId, matchedBy: found.matchedBy });
        records.push(...found.records);
      }
    };
    await (context.backends ? context.backends.run(tenant, { conversationId: null, actor: { kind: 'system' } }, read) : read());
    // Newest first; undated records (accounts) last.
    records.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    return { matches, records };
  });
}
