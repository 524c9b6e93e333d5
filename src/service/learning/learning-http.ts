import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { z } from 'zod';
import { requireAgent } from '../http/request-auth.ts';
import { articleSchema, errorResponses, idSchema, localeSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { createLearningService } from './learning-service.ts';

const tags = ['learning'];
const security = [{ bearer: [] }];
const messageIds = z.array(idSchema).min(1).max(500);
const candidateSchema = z.object({
  messageId: z.string(), conversationId: z.string(), text: z.string(), locale: localeSchema, outcome: z.string(),
  intent: z.string().nullable(), confidence: z.number().nullable(), createdAt: z.string(),
});
const topicSchema = z.object({
  key: z.string(), locale: localeSchema, question: z.string(), terms: z.array(z.string()), count: z.number().int(), newest: z.string(),
  examples: z.array(candidateSchema), messageIds: z.array(z.string()), outcomes: z.record(z.string(), z.number()),
});
const resolutionSchema = z.object({
  id: z.string(), action: z.enum(['answer', 'agent_reply', 'phrases']), status: z.enum(['pending', 'approved']), target: z.string(),
  messageIds: z.array(z.string()), createdBy: z.string().nullable(), createdAt: z.string(), approvedAt: z.string().nullable(),
});
const phraseSchema = z.object({ id: z.string(), intent: z.string(), text: z.string(), locale: localeSchema, createdBy: z.string().nullable(), createdAt: z.string() });
const weekSchema = z.object({
  from: z.string().describe('first day, YYYY-MM-DD in the tenant time zone'), to: z.string().describe('last day, inclusive'),
  conversations: z.number().nullable(), engaged: z.number().nullable(), handedOff: z.number().nullable(),
  containment: z.number().nullable().describe('engaged conversations never handed to a person / engaged, as the analytics dashboard (docs/analytics.md); null when analytics is off'),
  customerMessages: z.number(), gapQuestions: z.number(), fixes: z.number(),
});

/**
 * Admin routes of the learning loop (issue 10): knowledge gaps, the three fixes, intents and their phrases, the weekly
 * digest and the tenant's regression suite. Admins and supervisors only.
 */
export function registerLearningHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const learning = createLearningService({ store: context.store, engines: context.engines, logger: context.logger, analytics: () => context.analytics });
  const staff = async (request: Parameters<typeof requireAgent>[1]) => requireAgent(context, request, ['admin', 'supervisor']);

  app.get('/v1/admin/learning/gaps', {
    schema: {
      tags, security, summary: 'Knowledge gaps: questions the bot could not answer, clustered into topics (largest or newest first)',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30), sort: z.enum(['largest', 'newest']).default('largest'), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ topics: z.array(topicSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await staff(request);
    return { topics: await learning.gaps(tenant, request.query) };
  });

  app.post('/v1/admin/learning/gaps/answer', {
    schema: {
      tags, security, summary: 'Close a gap with an FAQ answer (published at once; the bot uses it after a background rebuild)',
      body: z.object({
        messageIds, title: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(50_000), locale: localeSchema.optional(),
        questions: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
      }),
      response: { 200: z.object({ article: articleSchema, resolution: resolutionSchema }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await staff(request);
    return learning.answer(tenant, user, request.body);
  });

  app.post('/v1/admin/learning/gaps/promote', {
    schema: {
      tags, security, summary: "Turn an agent's actual reply to these questions into a draft article (approve it to publish)",
      body: z.object({ messageIds, replyMessageId: idSchema.optional() }),
      response: { 200: z.object({ article: articleSchema, resolution: resolutionSchema, replies: z.array(z.object({ id: z.string(), text: z.string(), conversationId: z.string() })) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await staff(request);
    return learning.promoteAgentReply(tenant, user, request.body);
  });

  app.post('/v1/admin/learning/drafts/:id/approve', {
    schema: {
      tags, security, summary: 'Publish a draft article (optionally edited) and close the gap it came from',
      params: z.object({ id: idSchema }), body: z.object({ title: z.string().trim().min(1).max(300).optional(), body: z.string().trim().min(1).max(50_000).optional() }).default({}),
      response: { 200: z.object({ article: articleSchema }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await staff(request);
    return learning.approveDraft(tenant, user, request.params.id, request.body);
  });

  app.post('/v1/admin/learning/gaps/phrases', {
    schema: {
      tags, security, summary: 'Close a gap by adding its questions as training phrases of an intent (retrains in the background)',
      body: z.object({ messageIds, intent: z.string().min(1).max(100) }),
      response: { 200: z.object({ phrases: z.array(phraseSchema), resolution: resolutionSchema }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await staff(request);
    return learning.addPhrasesFromGap(tenant, user, request.body);
  });

  app.get('/v1/admin/intents', {
    schema: {
      tags, security, summary: "The packs' intents with their training phrases and the tenant's own",
      response: { 200: z.object({ intents: z.array(z.object({ intent: z.string(), phrases: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }), custom: z.array(phraseSchema) })) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await staff(request);
    return { intents: await learning.intents(tenant) };
  });

  app.post('/v1/admin/intents/:intent/phrases', {
    schema: {
      tags, security, summary: 'Add training phrases to an intent (retrains in the background, no restart)',
      params: z.object({ intent: z.string().min(1).max(100) }),
      body: z.object({ phrases: z.array(z.object({ text: z.string().trim().min(1).max(300), locale: localeSchema })).min(1).max(200) }),
      response: { 200: z.object({ phrases: z.array(phraseSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await staff(request);
    return { phrases: await learning.addPhrases(tenant, user, request.params.intent, request.body.phrases) };
  });

  app.delete('/v1/admin/intents/phrases/:id', {
    schema: { tags, security, summary: 'Remove a training phrase the tenant added', params: z.object({ id: idSchema }), response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses } },
  }, async (request) => {
    const { tenant } = await staff(request);
    await learning.deletePhrase(tenant, request.params.id);
    return { deleted: true as const };
  });

  app.get('/v1/admin/learning/digest', {
    schema: {
      tags, security, summary: 'Weekly digest: new gaps, fixed gaps and the change in bot containment (last 7 days vs the 7 before)',
      response: {
        200: z.object({
          from: z.string(), to: z.string(), thisWeek: weekSchema, lastWeek: weekSchema, containmentChange: z.number().nullable(),
          fixed: z.array(z.object({ action: z.string(), target: z.string(), approvedAt: z.string().nullable(), questions: z.number() })),
          newGaps: z.array(z.object({ question: z.string(), count: z.number(), locale: localeSchema })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { tenant } = await staff(request);
    return learning.digest(tenant);
  });

  app.get('/v1/admin/learning/status', {
    schema: {
      tags, security, summary: "Whether the tenant's latest knowledge is live on this node (content version vs the version its engine was built from)",
      response: { 200: z.object({ contentVersion: z.number(), liveVersion: z.number(), applied: z.boolean() }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await staff(request);
    await context.engines.forTenant(tenant);
    const liveVersion = tenant.contentVersion === 0 ? 0 : context.engines.liveVersion(tenant.id);
    return { contentVersion: tenant.contentVersion, liveVersion, applied: liveVersion >= tenant.contentVersion };
  });

  app.get('/v1/admin/learning/suite', {
    schema: {
      tags, security, summary: 'The tenant regression suite (*.suite.yaml for `lingxi test`); ?format=json for JSON',
      querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }),
    },
  }, async (request, reply) => {
    const { tenant } = await staff(request);
    const suite = await learning.suite(tenant);
    if (request.query.format === 'json') return suite;
    return reply.header('content-type', 'application/yaml; charset=utf-8').header('content-disposition', `attachment; filename="${tenant.id}.suite.yaml"`).send(stringify(suite));
  });
}
