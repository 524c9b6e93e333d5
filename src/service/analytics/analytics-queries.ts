import type { SqlExecutor } from '../storage/sql-client.ts';
import {
  createParameters, drillCondition, factsWhere, measures, proactiveCondition,
  type AnalyticsFilterInput, type DayRange, type DrillInput, type ResolutionKind,
} from './analytics-filters.ts';
import { agentOutcomeSql, resolutionEvidenceSql } from './resolution-sql.ts';

type KindCounts = Record<'confirmed' | 'assumed' | 'unresolved' | 'handedOff' | 'open' | 'noContact', number>;
export interface TimeMeasure { count: number; p50: number | null; p90: number | null }

export interface Dashboard {
  range: DayRange;
  filters: { pack: string | null; channel: string | null };
  totals: KindCounts & {
    conversations: number; engaged: number; complaints: number; csatCount: number; csatAverage: number | null;
    toolOk: number; toolFailed: number; articleUses: number; proactiveSent: number;
  };
  /** Each share is count / engaged conversations; never summed into one "resolution rate". */
  /** `containment` = engaged conversations never handed to a person / engaged (the weekly digest reads it). */
  rates: { confirmed: number | null; assumed: number | null; unresolved: number | null; handedOff: number | null; complaint: number | null; containment: number | null };
  times: { botFirstResponse: TimeMeasure; humanFirstResponse: TimeMeasure; botResolution: TimeMeasure; humanResolution: TimeMeasure };
  perDay: Array<KindCounts & { day: string; conversations: number; sentimentAverage: number | null; sentimentMinAverage: number | null; positive: number; neutral: number; negative: number }>;
  handoffReasons: Array<{ reason: string; count: number }>;
  /**
   * Per agent: handed-off conversations whose last assignee they are, of them closed as resolved (share of handled),
   * median first response (handoff → first agent message), and CSAT of the ratings naming them.
   */
  agents: Array<{ assigneeId: string; name: string | null; handled: number; resolved: number; resolutionRate: number | null; firstResponseP50: number | null; csatCount: number; csatAverage: number | null }>;
  /** Handed-off conversations by the agent's close outcome (`pending` while not closed after the last message). */
  agentOutcomes: Array<{ outcome: string; count: number }>;
  csat: Array<{ score: number; count: number }>;
  /** Conversations by the label of their last customer message. */
  sentiment: Array<{ label: string; count: number }>;
  /** Conversations by the label of their lowest-polarity customer message. */
  sentimentWorst: Array<{ label: string; count: number }>;
  intents: Array<KindCounts & { intent: string; conversations: number }>;
  tools: Array<{ name: string; okConversations: number; failedConversations: number }>;
  articles: Array<{ id: string; title: string | null; conversations: number }>;
  byPack: Array<KindCounts & { pack: string; conversations: number; engaged: number }>;
  byChannel: Array<KindCounts & { channel: string; conversations: number; engaged: number }>;
  proactive: Array<{ status: string; outcome: string | null; count: number }>;
  llm: { conversations: number; calls: number; promptTokens: number; completionTokens: number; cost: number; currency: string | null };
  /** Dropdown values over the range, whatever the pack/channel filter. */
  dimensions: { packs: string[]; channels: string[] };
}

export interface DrillRow {
  conversationId: string; day: string; startedAt: string; pack: string; channel: string; locale: string;
  resolution: ResolutionKind; evidence: string; agentOutcome: string | null; assigneeId: string | null; handoffReason: string | null; csat: number | null; complaint: boolean; sentiment: string | null; sentimentWorst: string | null; sentimentTrajectory: number[];
  intents: string[]; customerMessages: number; botFirstResponseSeconds: number | null; humanFirstResponseSeconds: number | null;
  toolOk: number; toolFailed: number; articles: string[]; llmTokens: number; llmCost: number;
}
export interface ProactiveRow { sendId: string; conversationId: string | null; customerId: string; ruleId: string; status: string; outcome: string | null; createdAt: string }
export type DrillPage = { total: number; page: number; pageSize: number } & ({ kind: 'conversations'; rows: DrillRow[] } | { kind: 'proactive'; rows: ProactiveRow[] });

const kinds = `count(*) FILTER (WHERE resolution_kind = 'confirmed')::int AS "confirmed",
  count(*) FILTER (WHERE resolution_kind = 'assumed')::int AS "assumed",
  count(*) FILTER (WHERE resolution_kind = 'unresolved')::int AS "unresolved",
  count(*) FILTER (WHERE resolution_kind = 'handed_off')::int AS "handedOff",
  count(*) FILTER (WHERE resolution_kind = 'open')::int AS "open",
  count(*) FILTER (WHERE resolution_kind = 'no_contact')::int AS "noContact"`;
const measure = (name: keyof typeof measures) => {
  const { seconds, has } = measures[name];
  return `count(*) FILTER (WHERE ${has})::int AS "${name}Count",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN ${has} THEN ${seconds} END) AS "${name}P50",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN ${has} THEN ${seconds} END) AS "${name}P90"`;
};
const rowColumns = `conversation_id AS "conversationId", day::text AS day, started_at AS "startedAt", pack, channel, locale,
  resolution_kind AS resolution, ${resolutionEvidenceSql()} AS evidence, ${agentOutcomeSql} AS "agentOutcome", assignee_id AS "assigneeId", handoff_reason AS "handoffReason", csat::int AS csat, complaint, sentiment_label AS sentiment, sentiment_worst_label AS "sentimentWorst", sentiment_trajectory AS "sentimentTrajectory", intents,
  customer_messages AS "customerMessages",
  CASE WHEN ${measures.botFirstResponse.has} THEN ${measures.botFirstResponse.seconds} END::float8 AS "botFirstResponseSeconds",
  CASE WHEN ${measures.humanFirstResponse.has} THEN ${measures.humanFirstResponse.seconds} END::float8 AS "humanFirstResponseSeconds",
  tool_ok AS "toolOk", tool_failed AS "toolFailed", articles, (llm_prompt_tokens + llm_completion_tokens)::float8 AS "llmTokens", llm_cost::float8 AS "llmCost"`;

const share = (count: number, of: number) => (of ? Math.round((count / of) * 10_000) / 10_000 : null);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const pickKinds = (row: Record<string, unknown>): KindCounts => ({ confirmed: Number(row.confirmed), assumed: Number(row.assumed), unresolved: Number(row.unresolved), handedOff: Number(row.handedOff), open: Number(row.open), noContact: Number(row.noContact) });

/**
 * Read side of the analytics (issue 10): the dashboard numbers, the drill-down lists behind them and the rows of the
 * CSV export, all from `conversation_facts` (plus `proactive_sends`). Every number is counted with the same
 * condition its drill-down lists with (analytics-filters.ts), so the two always agree.
 */
export function createAnalyticsQueries(deps: { sql: SqlExecutor }) {
  const { sql } = deps;

  async function dashboard(tenantId: string, range: DayRange, filters: Pick<AnalyticsFilterInput, 'pack' | 'channel'>): Promise<Dashboard> {
    const scoped = (build: (where: string, add: (value: unknown) => string) => string) => {
      const parameters = createParameters();
      const text = build(factsWhere(parameters, tenantId, range, filters), parameters.add);
      return sql.query<Record<string, unknown>>(text, parameters.values);
    };
    const filtered = Boolean(filters.pack || filters.channel);
    const unfiltered = createParameters();
    const unfilteredWhere = factsWhere(unfiltered, tenantId, range, {});
    const proactiveParameters = createParameters();
    const proactiveWhere = proactiveCondition(proactiveParameters, tenantId, range);
    // Three scans of the range: totals with percentiles; one GROUPING SETS pass for every breakdown by a column; one
    // pass over the array columns (intents, tools, articles). Fewer scans matter more than parallelism on small machines.
    const [[totals], groups, items, [dimensions], proactive, agentRows] = await Promise.all([
      scoped((where) => `SELECT count(*)::int AS conversations, count(*) FILTER (WHERE first_customer_at IS NOT NULL)::int AS engaged, ${kinds},
        count(*) FILTER (WHERE first_customer_at IS NOT NULL AND handed_off_at IS NULL)::int AS contained,
        count(*) FILTER (WHERE complaint)::int AS complaints, count(csat)::int AS "csatCount", avg(csat)::float8 AS "csatAverage",
        COALESCE(sum(tool_ok), 0)::int AS "toolOk", COALESCE(sum(tool_failed), 0)::int AS "toolFailed", COALESCE(sum(article_uses), 0)::int AS "articleUses",
        COALESCE(sum(proactive_sent), 0)::int AS "proactiveSent",
        count(*) FILTER (WHERE llm_calls > 0)::int AS "llmConversations", COALESCE(sum(llm_calls), 0)::float8 AS "llmCalls",
        COALESCE(sum(llm_prompt_tokens), 0)::float8 AS "promptTokens", COALESCE(sum(llm_completion_tokens), 0)::float8 AS "completionTokens",
        COALESCE(sum(llm_cost), 0)::float8 AS "llmCost", max(llm_currency) AS "llmCurrency",
        ${measure('botFirstResponse')}, ${measure('humanFirstResponse')}, ${measure('botResolution')}, ${measure('humanResolution')}
        FROM conversation_facts WHERE ${where}`),
      scoped((where) => `SELECT CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(pack) = 0 THEN 'pack' WHEN GROUPING(channel) = 0 THEN 'channel'
          WHEN GROUPING(handoff_reason) = 0 THEN 'reason' WHEN GROUPING(csat) = 0 THEN 'csat' WHEN GROUPING(sentiment_label) = 0 THEN 'label' WHEN GROUPING(sentiment_worst_label) = 0 THEN 'worst' ELSE 'outcome' END AS "set",
        day::text AS day, pack, channel, handoff_reason AS reason, csat::int AS score, sentiment_label AS label, sentiment_worst_label AS worst, ${agentOutcomeSql} AS outcome,
        count(*)::int AS conversations, count(*) FILTER (WHERE first_customer_at IS NOT NULL)::int AS engaged, count(*) FILTER (WHERE handed_off_at IS NOT NULL)::int AS "handoffs", ${kinds},
        avg(sentiment_last)::float8 AS "sentimentAverage", avg(sentiment_min)::float8 AS "sentimentMinAverage",
        count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive, count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
        count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative
        FROM conversation_facts WHERE ${where}
        GROUP BY GROUPING SETS ((day), (pack), (channel), (handoff_reason), (csat), (sentiment_label), (sentiment_worst_label), (${agentOutcomeSql}))`),
      scoped((where) => `SELECT item.kind, item.name, count(*)::int AS conversations, ${kinds},
        count(*) FILTER (WHERE item.name = ANY(tools_ok))::int AS "okConversations", count(*) FILTER (WHERE item.name = ANY(tools_failed))::int AS "failedConversations"
        FROM conversation_facts CROSS JOIN LATERAL (
          SELECT 'intent' AS kind, intent AS name FROM unnest(intents) AS intent
          UNION ALL (SELECT DISTINCT 'tool', tool FROM unnest(tools_ok || tools_failed) AS tool)
          UNION ALL SELECT 'article', article FROM unnest(articles) AS article) AS item
        WHERE ${where} GROUP BY item.kind, item.name`),
      filtered
        ? sql.query<{ packs: string[] | null; channels: string[] | null }>(`SELECT array_agg(DISTINCT pack) AS packs, array_agg(DISTINCT channel) AS channels FROM conversation_facts WHERE ${unfilteredWhere}`, unfiltered.values)
        : Promise.resolve([{ packs: null, channels: null }]),
      sql.query<{ status: string; outcome: string | null; count: number }>(`SELECT status, outcome, count(*)::int AS count FROM proactive_sends WHERE ${proactiveWhere} GROUP BY 1, 2 ORDER BY 3 DESC`, proactiveParameters.values),
      scoped((where, add) => `WITH handled AS (
          SELECT assignee_id AS agent, count(*)::int AS handled, count(*) FILTER (WHERE (${agentOutcomeSql}) = 'resolved')::int AS resolved,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN ${measures.humanFirstResponse.has} THEN ${measures.humanFirstResponse.seconds} END) AS "firstResponseP50"
          FROM conversation_facts WHERE ${where} AND handed_off_at IS NOT NULL AND assignee_id IS NOT NULL GROUP BY 1),
        rated AS (SELECT csat_assignee_id AS agent, count(*)::int AS "csatCount", avg(csat)::float8 AS "csatAverage"
          FROM conversation_facts WHERE ${where} AND csat IS NOT NULL AND csat_assignee_id IS NOT NULL GROUP BY 1)
        SELECT COALESCE(h.agent, r.agent) AS "assigneeId", u.name, COALESCE(h.handled, 0) AS handled, COALESCE(h.resolved, 0) AS resolved, h."firstResponseP50",
          COALESCE(r."csatCount", 0) AS "csatCount", r."csatAverage"
        FROM handled h FULL JOIN rated r ON r.agent = h.agent
        LEFT JOIN users u ON u.id = COALESCE(h.agent, r.agent) AND u.tenant_id = ${add(tenantId)}
        ORDER BY 3 DESC, 1 LIMIT 200`),
    ]);
    const inSet = (name: string) => groups.filter((row) => row.set === name);
    const byCount = <Row extends Record<string, unknown>>(key: string, tie: string) => (a: Row, b: Row) => Number(b[key]) - Number(a[key]) || String(a[tie]).localeCompare(String(b[tie]));
    const perDay = inSet('day').sort((a, b) => String(a.day).localeCompare(String(b.day)));
    const reasons = inSet('reason').filter((row) => Number(row.handoffs) > 0).map((row) => ({ reason: row.reason, count: row.handoffs })).sort(byCount('count', 'reason'));
    const agentOutcomes = inSet('outcome').filter((row) => row.outcome !== null).map((row) => ({ outcome: String(row.outcome), count: Number(row.conversations) })).sort(byCount('count', 'outcome'));
    const csat = inSet('csat').filter((row) => row.score !== null).sort((a, b) => Number(a.score) - Number(b.score)).map((row) => ({ score: row.score, count: row.conversations }));
    const sentiment = inSet('label').filter((row) => row.label !== null).map((row) => ({ label: row.label, count: row.conversations })).sort(byCount('count', 'label'));
    const sentimentWorst = inSet('worst').filter((row) => row.worst !== null).map((row) => ({ label: String(row.worst), count: Number(row.conversations) })).sort(byCount('count', 'label'));
    const byPack = inSet('pack').sort(byCount('conversations', 'pack'));
    const byChannel = inSet('channel').sort(byCount('conversations', 'channel'));
    const ofKind = (kind: string, limit: number) => items.filter((row) => row.kind === kind).sort(byCount('conversations', 'name')).slice(0, limit);
    const intents = ofKind('intent', 15);
    const tools = ofKind('tool', 20);
    const articleHits = ofKind('article', 15);
    const titles = articleHits.length
      ? new Map((await sql.query<{ id: string; title: string }>('SELECT id, title FROM knowledge_articles WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, articleHits.map((row) => row.name)])).map((row) => [row.id, row.title]))
      : new Map<string, string>();
    const articles = articleHits.map((row) => ({ id: row.name, title: titles.get(String(row.name)) ?? null, conversations: row.conversations }));
    if (!filtered) Object.assign(dimensions, { packs: byPack.map((row) => String(row.pack)), channels: byChannel.map((row) => String(row.channel)) });
    const time = (name: keyof typeof measures): TimeMeasure => ({ count: Number(totals[`${name}Count`]), p50: numberOrNull(totals[`${name}P50`]), p90: numberOrNull(totals[`${name}P90`]) });
    const engaged = Number(totals.engaged);
    const counts = pickKinds(totals);
    return {
      range, filters: { pack: filters.pack ?? null, channel: filters.channel ?? null },
      totals: {
        conversations: Number(totals.conversations), engaged, ...counts, complaints: Number(totals.complaints), csatCount: Number(totals.csatCount),
        csatAverage: numberOrNull(totals.csatAverage), toolOk: Number(totals.toolOk), toolFailed: Number(totals.toolFailed),
        articleUses: Number(totals.articleUses), proactiveSent: Number(totals.proactiveSent),
      },
      rates: { confirmed: share(counts.confirmed, engaged), assumed: share(counts.assumed, engaged), unresolved: share(counts.unresolved, engaged), handedOff: share(counts.handedOff, engaged), complaint: share(Number(totals.complaints), engaged),
        containment: share(Number(totals.contained), engaged) },
      times: { botFirstResponse: time('botFirstResponse'), humanFirstResponse: time('humanFirstResponse'), botResolution: time('botResolution'), humanResolution: time('humanResolution') },
      perDay: perDay.map((row) => ({
        day: String(row.day), conversations: Number(row.conversations), ...pickKinds(row), sentimentAverage: numberOrNull(row.sentimentAverage),
        sentimentMinAverage: numberOrNull(row.sentimentMinAverage), positive: Number(row.positive), neutral: Number(row.neutral), negative: Number(row.negative),
      })),
      handoffReasons: reasons.map((row) => ({ reason: String(row.reason), count: Number(row.count) })),
      agentOutcomes,
      agents: agentRows.map((row) => ({
        assigneeId: String(row.assigneeId), name: (row.name as string | null) ?? null, handled: Number(row.handled), resolved: Number(row.resolved),
        resolutionRate: share(Number(row.resolved), Number(row.handled)), firstResponseP50: numberOrNull(row.firstResponseP50), csatCount: Number(row.csatCount), csatAverage: numberOrNull(row.csatAverage),
      })),
      csat: csat.map((row) => ({ score: Number(row.score), count: Number(row.count) })),
      sentiment: sentiment.map((row) => ({ label: String(row.label), count: Number(row.count) })),
      sentimentWorst,
      intents: intents.map((row) => ({ intent: String(row.name), conversations: Number(row.conversations), ...pickKinds(row) })),
      tools: tools.map((row) => ({ name: String(row.name), okConversations: Number(row.okConversations), failedConversations: Number(row.failedConversations) })),
      articles: articles.map((row) => ({ id: String(row.id), title: (row.title as string | null) ?? null, conversations: Number(row.conversations) })),
      byPack: byPack.map((row) => ({ pack: String(row.pack), conversations: Number(row.conversations), engaged: Number(row.engaged), ...pickKinds(row) })),
      byChannel: byChannel.map((row) => ({ channel: String(row.channel), conversations: Number(row.conversations), engaged: Number(row.engaged), ...pickKinds(row) })),
      proactive: proactive.map((row) => ({ status: row.status, outcome: row.outcome, count: Number(row.count) })),
      llm: {
        conversations: Number(totals.llmConversations), calls: Number(totals.llmCalls), promptTokens: Number(totals.promptTokens),
        completionTokens: Number(totals.completionTokens), cost: Number(totals.llmCost), currency: (totals.llmCurrency as string | null) ?? null,
      },
      dimensions: { packs: (dimensions.packs ?? []).sort(), channels: (dimensions.channels ?? []).sort() },
    };
  }

  /** One page of the set behind a number, newest first, with the set's size. */
  async function drill(tenantId: string, range: DayRange, input: DrillInput, page = { page: input.page, pageSize: input.pageSize }): Promise<DrillPage> {
    const offset = (page.page - 1) * page.pageSize;
    const parameters = createParameters();
    if (input.metric === 'proactive') {
      const where = proactiveCondition(parameters, tenantId, range, input.value);
      const [[{ total }], rows] = await Promise.all([
        sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM proactive_sends WHERE ${where}`, parameters.values),
        sql.query<Record<string, unknown>>(`SELECT id, conversation_id, customer_id, rule_id, status, outcome, created_at FROM proactive_sends WHERE ${where}
          ORDER BY created_at DESC, id LIMIT ${page.pageSize} OFFSET ${offset}`, parameters.values),
      ]);
      return {
        kind: 'proactive', total: Number(total), page: page.page, pageSize: page.pageSize,
        rows: rows.map((row) => ({ sendId: String(row.id), conversationId: (row.conversation_id as string | null) ?? null, customerId: String(row.customer_id), ruleId: String(row.rule_id), status: String(row.status), outcome: (row.outcome as string | null) ?? null, createdAt: iso(row.created_at) })),
      };
    }
    const where = `${factsWhere(parameters, tenantId, range, input)} AND ${drillCondition(parameters, input)}`;
    const [[{ total }], rows] = await Promise.all([
      sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM conversation_facts WHERE ${where}`, parameters.values),
      sql.query<Record<string, unknown>>(`SELECT ${rowColumns} FROM conversation_facts WHERE ${where} ORDER BY day DESC, started_at DESC, conversation_id LIMIT ${page.pageSize} OFFSET ${offset}`, parameters.values),
    ]);
    return {
      kind: 'conversations', total: Number(total), page: page.page, pageSize: page.pageSize,
      rows: rows.map((row) => ({ ...(row as unknown as DrillRow), startedAt: iso(row.startedAt), sentimentTrajectory: ((row.sentimentTrajectory as unknown[]) ?? []).map(Number), llmCost: Number(row.llmCost), llmTokens: Number(row.llmTokens) })),
    };
  }

  /** The facts row of one conversation (per-conversation export), or null before it is aggregated. */
  async function facts(tenantId: string, conversationId: string): Promise<Record<string, unknown> | null> {
    const [row] = await sql.query<Record<string, unknown>>(`SELECT *, day::text AS day, llm_cost::float8 AS llm_cost FROM conversation_facts WHERE tenant_id = $1 AND conversation_id = $2`, [tenantId, conversationId]);
    return row ?? null;
  }

  return { dashboard, drill, facts };
}
export type AnalyticsQueries = ReturnType<typeof createAnalyticsQueries>;
