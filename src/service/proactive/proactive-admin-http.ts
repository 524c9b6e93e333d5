import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { proactiveLogQuerySchema } from './proactive-queries.ts';
import { proactiveRuleChangesSchema } from './proactive-rule-store.ts';
import { proactiveRuleSchema } from './proactive-rules.ts';

const security = [{ bearer: [] }];
const tags = ['admin'];
const staff = ['admin', 'supervisor'] as const;
const params = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'rule ids are lower-case letters, digits and dashes, e.g. order-delayed-apology') });

const ruleView = z.object({
  rule: proactiveRuleSchema, enabled: z.boolean(), source: z.enum(['default', 'override', 'custom']), updatedAt: z.string().nullable(),
});
const sendView = z.object({
  id: z.string(), ruleId: z.string(), customerId: z.string(), eventType: z.string(), status: z.string(), outcome: z.string().nullable(), dueAt: z.string(),
  conversationId: z.string().nullable(), messageId: z.string().nullable(), readAt: z.string().nullable(), repliedAt: z.string().nullable(), createdAt: z.string(),
  customerExternalId: z.string().nullable(), customerName: z.string().nullable(),
});
const previewView = z.object({
  ruleId: z.string(), event: z.string(), days: z.number(), matched: z.number(), notDue: z.number(), alreadyHandled: z.number(), cancelled: z.number(),
  optedOut: z.number(), capped: z.number(), deferred: z.number(), quietUntil: z.string().nullable(), wouldContact: z.number(),
  examples: z.array(z.object({ customerId: z.string(), externalId: z.string(), name: z.string().nullable(), lastEventAt: z.string(), events: z.number() })),
});

/**
 * Admin routes of proactive care (issue 9), for admins and supervisors: the tenant's rules (defaults, overrides and
 * its own; create/update/enable/disable/delete, audited), a preview of who a rule would contact, and the log of every
 * proactive message with its outcome. Registered only when proactive care is wired (it needs the SQL client).
 */
export function registerProactiveAdminHttp(root: FastifyInstance, context: ServiceContext): void {
  if (!context.proactive) return;
  // Read at request time: the composition root (or a test) may replace the instance after the routes are built.
  const care = () => context.proactive!;
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/admin/proactive/rules', {
    schema: { tags, security, summary: 'Proactive rules of the tenant: code defaults, overridden defaults and its own rules', response: { 200: z.object({ rules: z.array(ruleView) }), ...errorResponses } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    return { rules: await care().rules.list(tenant.id) };
  });

  app.put('/v1/admin/proactive/rules/:id', {
    schema: {
      tags, security, summary: 'Create or update a proactive rule; fields are merged onto the current rule of that id ({"enabled": false} switches it off)',
      params, body: proactiveRuleChangesSchema, response: { 200: ruleView, ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, [...staff]);
    const before = await care().rules.get(tenant.id, request.params.id);
    const saved = await care().rules.put(tenant.id, request.params.id, request.body, user.id);
    await context.store.appendAudit({
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: before ? 'proactive_rule.updated' : 'proactive_rule.created', targetType: 'proactive_rule', targetId: request.params.id,
      data: { fields: Object.keys(request.body), enabled: saved.enabled, event: saved.rule.event, wasEnabled: before?.enabled ?? null },
    });
    return saved;
  });

  app.delete('/v1/admin/proactive/rules/:id', {
    schema: {
      tags, security, summary: "Delete the tenant's rule: its own rule disappears, an overridden default returns to the code default",
      params, response: { 200: z.object({ deleted: z.literal(true), rule: ruleView.nullable() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, [...staff]);
    if (!(await care().rules.remove(tenant.id, request.params.id))) {
      throw new LingxiError('not_found', `Proactive rule ${request.params.id} has no tenant version to delete (a code default can be switched off with {"enabled": false}).`);
    }
    await context.store.appendAudit({ tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'proactive_rule.deleted', targetType: 'proactive_rule', targetId: request.params.id, data: {} });
    return { deleted: true as const, rule: await care().rules.get(tenant.id, request.params.id) };
  });

  app.post('/v1/admin/proactive/rules/:id/preview', {
    schema: {
      tags, security, summary: 'Who the rule would contact now: customers with a matching event in the last N days whose delay has passed, not yet sent or cancelled, minus opted-out, capped and (during quiet hours) deferred ones (body.rule previews unsaved edits)',
      params, body: z.object({ days: z.number().int().min(1).max(90).default(7), rule: proactiveRuleChangesSchema.optional() }).default({ days: 7 }),
      response: { 200: previewView, ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    const current = await care().rules.get(tenant.id, request.params.id);
    if (!current && !request.body.rule) throw new LingxiError('not_found', `Proactive rule ${request.params.id} was not found; send body.rule to preview a new one.`);
    const { enabled: _enabled, ...draft } = request.body.rule ?? {};
    const defined = Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined));
    const parsed = proactiveRuleSchema.safeParse({ ...current?.rule, ...defined, id: request.params.id });
    if (!parsed.success) throw new LingxiError('validation_failed', `The rule to preview is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`);
    return care().preview(tenant.id, parsed.data, request.body.days);
  });

  app.get('/v1/admin/proactive/log', {
    schema: {
      tags, security, summary: 'Every proactive message with its outcome (sent, read, replied, opted out, capped, deferred …), newest first',
      querystring: proactiveLogQuerySchema, response: { 200: z.object({ items: z.array(sendView), total: z.number(), page: z.number(), pageSize: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    return care().log(tenant.id, request.query);
  });
}
