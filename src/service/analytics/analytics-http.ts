import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses, idSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import type { Message } from '../storage/store.ts';
import type { Analytics } from './analytics.ts';
import { toCsv } from './analytics-csv.ts';
import { analyticsFilterSchema, drillSchema, resolveRange, type DayRange } from './analytics-filters.ts';
import type { DrillRow, ProactiveRow } from './analytics-queries.ts';
import { conversationExportSchema, dashboardSchema, drillPageSchema } from './analytics-schemas.ts';

/** Rows in one CSV export; larger sets are cut here and the response says so (header x-lingxi-truncated). */
const CSV_MAX_ROWS = 100_000;
const CSV_PAGE = 5_000;
const EXPORT_MAX_ITEMS = 20_000;

const conversationHeader = ['conversation_id', 'day', 'started_at', 'pack', 'channel', 'locale', 'resolution', 'evidence', 'assignee_id', 'agent_outcome', 'handoff_reason', 'csat', 'complaint', 'sentiment', 'sentiment_worst', 'sentiment_trajectory', 'intents',
  'customer_messages', 'bot_first_response_s', 'human_first_response_s', 'tool_ok', 'tool_failed', 'articles', 'llm_tokens', 'llm_cost', 'transcript'];
/** The transcript of a row: the per-conversation export (JSON with messages, events and facts), relative to the server. */
const transcriptLink = (conversationId: string) => `/v1/admin/conversations/${encodeURIComponent(conversationId)}/export`;
const conversationCells = (row: DrillRow) => [row.conversationId, row.day, row.startedAt, row.pack, row.channel, row.locale, row.resolution, row.evidence, row.assigneeId, row.agentOutcome,
  row.handoffReason, row.csat, row.complaint, row.sentiment, row.sentimentWorst, JSON.stringify(row.sentimentTrajectory), row.intents, row.customerMessages, row.botFirstResponseSeconds, row.humanFirstResponseSeconds, row.toolOk, row.toolFailed,
  row.articles, row.llmTokens, row.llmCost, transcriptLink(row.conversationId)];
const proactiveHeader = ['send_id', 'conversation_id', 'customer_id', 'rule_id', 'status', 'outcome', 'created_at'];
const proactiveCells = (row: ProactiveRow) => [row.sendId, row.conversationId, row.customerId, row.ruleId, row.status, row.outcome, row.createdAt];

/**
 * Analytics routes (issue 10) for admins and supervisors: the dashboard, the conversations behind any number
 * (paginated, and as CSV), and one conversation's full export (transcript, events, notes, facts). Each read first
 * lets the aggregator catch up (bounded by its budget), so the numbers include the latest traffic.
 */
export function registerAnalyticsHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const common = { tags: ['admin', 'analytics'], security: [{ bearer: [] }] };
  const staff = ['admin', 'supervisor'] as const;

  const ready = async (): Promise<{ analytics: Analytics; freshness: { watermark: number; caughtUp: boolean } }> => {
    const analytics = context.analytics;
    if (!analytics) throw new LingxiError('unavailable', 'Analytics is not running on this server (it needs the SQL database the server was started with).');
    const result = await analytics.aggregator.catchUp();
    return { analytics, freshness: { watermark: result.watermark, caughtUp: result.caughtUp } };
  };
  const range = (input: { from?: string; to?: string }, tenant: { settings: { businessHours?: { timeZone?: string } | null } }): DayRange => {
    try {
      return resolveRange(input, new Date(), tenant.settings.businessHours?.timeZone);
    } catch (error) {
      throw new LingxiError('validation_failed', `Invalid request: ${(error as Error).message}`);
    }
  };

  app.get('/v1/admin/analytics/dashboard', {
    schema: { ...common, summary: 'Dashboard numbers for a day range, optionally one pack and/or channel (definitions: docs/analytics.md)', querystring: analyticsFilterSchema, response: { 200: dashboardSchema, ...errorResponses, 503: errorResponses[500] } },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    const days = range(request.query, tenant);
    const { analytics, freshness } = await ready();
    return { ...(await analytics.queries.dashboard(tenant.id, days, request.query)), freshness };
  });

  app.get('/v1/admin/analytics/conversations', {
    schema: {
      ...common, summary: 'The conversations (or proactive sends) behind one dashboard number, newest first; `total` equals the number',
      querystring: drillSchema, response: { 200: drillPageSchema, ...errorResponses, 503: errorResponses[500] },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    const days = range(request.query, tenant);
    const { analytics } = await ready();
    return analytics.queries.drill(tenant.id, days, request.query);
  });

  app.get('/v1/admin/analytics/conversations.csv', {
    schema: { ...common, summary: 'The same set as /v1/admin/analytics/conversations as CSV (UTF-8, formula-safe), up to 100,000 rows', querystring: drillSchema, response: { ...errorResponses, 503: errorResponses[500] } },
  }, async (request, reply) => {
    const { tenant } = await requireAgent(context, request, [...staff]);
    const days = range(request.query, tenant);
    const { analytics } = await ready();
    const proactive = request.query.metric === 'proactive';
    const rows: unknown[][] = [];
    let total = 0;
    for (let page = 1; rows.length < CSV_MAX_ROWS; page += 1) {
      const result = await analytics.queries.drill(tenant.id, days, request.query, { page, pageSize: CSV_PAGE });
      total = result.total;
      for (const row of result.rows) rows.push(result.kind === 'proactive' ? proactiveCells(row as ProactiveRow) : conversationCells(row as DrillRow));
      if (result.rows.length < CSV_PAGE) break;
    }
    const name = `lingxi-${request.query.metric}${request.query.value ? `-${request.query.value.replace(/[^\w-]+/g, '_').slice(0, 40)}` : ''}-${days.from}-${days.to}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    if (total > rows.length) reply.header('x-lingxi-truncated', `${rows.length} of ${total}`);
    // Sent as text: no 200 schema, so the JSON serializer does not touch it.
    return reply.send(toCsv(proactive ? proactiveHeader : conversationHeader, rows.slice(0, CSV_MAX_ROWS)) as never);
  });

  app.get('/v1/admin/conversations/:id/export', {
    schema: { ...common, summary: 'One conversation as JSON: transcript, events, internal notes and its analytics facts', params: z.object({ id: idSchema }), response: { 200: conversationExportSchema, ...errorResponses } },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, [...staff]);
    const { store } = context;
    const conversation = await store.getConversation(tenant.id, request.params.id);
    if (!conversation) throw new LingxiError('not_found', `Conversation ${request.params.id} was not found.`);
    const transcript: Message[] = [];
    for (let afterSeq = 0; transcript.length < EXPORT_MAX_ITEMS;) {
      const page = await store.listMessages(tenant.id, conversation.id, { afterSeq, limit: 500 });
      transcript.push(...page);
      if (page.length < 500) break;
      afterSeq = page[page.length - 1].seq;
    }
    const [events, notes] = await Promise.all([store.listEvents(tenant.id, conversation.id, EXPORT_MAX_ITEMS), store.listNotes(tenant.id, conversation.id)]);
    if (context.analytics) await context.analytics.aggregator.catchUp();
    const facts = context.analytics ? await context.analytics.queries.facts(tenant.id, conversation.id) : null;
    await store.appendAudit({ tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'conversation.exported', targetType: 'conversation', targetId: conversation.id })
      .catch((error) => request.log.error({ err: error }, 'audit write failed'));
    return { exportedAt: new Date().toISOString(), conversation, transcript, events, notes, facts };
  });
}
