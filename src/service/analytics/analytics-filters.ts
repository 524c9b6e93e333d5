import { z } from 'zod';
import { agentOutcomeSql } from './resolution-sql.ts';

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a day as YYYY-MM-DD').refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a calendar day');
const MAX_SPAN_DAYS = 366;

export const resolutionKinds = ['confirmed', 'assumed', 'unresolved', 'handed_off', 'open', 'no_contact'] as const;
export type ResolutionKind = (typeof resolutionKinds)[number];

/** Range and dimension filters shared by the dashboard, the drill-down lists and the CSV export. */
export const analyticsFilterSchema = z.object({
  from: daySchema.optional().describe('First day (YYYY-MM-DD, tenant time zone); default: 29 days before `to`'),
  to: daySchema.optional().describe("Last day, inclusive; default: today in the tenant's time zone (businessHours.timeZone, else UTC)"),
  pack: z.string().min(1).max(50).optional(),
  channel: z.string().min(1).max(50).optional(),
});
export type AnalyticsFilterInput = z.infer<typeof analyticsFilterSchema>;

/**
 * The set behind one number of the dashboard. `metric` picks the chart, `value` the bar or slice (an intent, a tool,
 * a CSAT score …), `day` and `resolution` narrow further (a segment of the stacked per-day chart).
 */
export const drillMetrics = [
  'conversations', 'engaged', 'resolution', 'handoff_reason', 'csat', 'complaint', 'sentiment', 'intent', 'tool_ok', 'tool_failed',
  'sentiment_worst', 'article', 'llm', 'bot_response', 'human_response', 'bot_resolution', 'human_resolution', 'agent_outcome', 'agent', 'agent_csat', 'proactive',
] as const;
export type DrillMetric = (typeof drillMetrics)[number];
const needsValue: ReadonlySet<DrillMetric> = new Set(['resolution', 'handoff_reason', 'sentiment', 'sentiment_worst', 'intent', 'tool_ok', 'tool_failed', 'article', 'agent_outcome', 'agent', 'agent_csat', 'proactive']);

export const drillSchema = analyticsFilterSchema.extend({
  metric: z.enum(drillMetrics).default('conversations'),
  value: z.string().min(1).max(200).optional(),
  day: daySchema.optional(),
  resolution: z.enum(resolutionKinds).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
}).refine((query) => !needsValue.has(query.metric) || query.value !== undefined, { message: 'this metric needs a value (the bar or slice clicked)', path: ['value'] })
  .refine((query) => query.metric !== 'resolution' || (resolutionKinds as readonly string[]).includes(query.value ?? ''), { message: `value must be one of ${resolutionKinds.join(', ')}`, path: ['value'] })
  .refine((query) => query.metric !== 'csat' || query.value === undefined || /^[1-5]$/.test(query.value), { message: 'value must be a score 1-5', path: ['value'] });
export type DrillInput = z.infer<typeof drillSchema>;

export interface DayRange { from: string; to: string }

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone. Conversation facts are dated in the tenant's zone
 * (facts-merge-sql.ts), so "today" must be too: a UTC "today" misses the tenant's new day for hours (from 16:00 UTC
 * in Asia/Shanghai). An unknown zone falls back to UTC, as the facts do.
 */
export function dayIn(instant: Date, timeZone = 'UTC'): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The day `days` calendar days after (before, when negative) `day` (YYYY-MM-DD). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant a calendar day begins in a time zone (midnight local time; the first instant of the day when a
 * daylight-saving change skips midnight). Unknown zones are UTC, as in `dayIn`.
 */
export function startOfDayIn(day: string, timeZone = 'UTC'): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Hand-written with Intl (no time-zone library among the dependencies): the zone's offset near that instant, read
  // back from its wall clock, applied twice to settle across a daylight-saving change.
  const offset = (instant: number) => {
    const wall = dayIn(new Date(instant), timeZone);
    const time = wallTime(new Date(instant), timeZone);
    return Date.parse(`${wall}T${time}Z`) - instant;
  };
  let guess = midnightUtc - offset(midnightUtc);
  guess = midnightUtc - offset(guess);
  return new Date(dayIn(new Date(guess), timeZone) === day ? guess : guess + 3_600_000);
}

function wallTime(instant: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  }
  return format.format(instant);
}

/**
 * The inclusive day range of a request, with defaults (the last 30 days up to today in `timeZone`) and limits
 * checked. Throws a message to show.
 */
export function resolveRange(input: Pick<AnalyticsFilterInput, 'from' | 'to'>, today: Date = new Date(), timeZone = 'UTC'): DayRange {
  const to = input.to ?? dayIn(today, timeZone);
  const from = input.from ?? shiftDay(to, -29);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (span < 0) throw new RangeError(`from (${from}) is after to (${to}); swap them.`);
  if (span >= MAX_SPAN_DAYS) throw new RangeError(`The range is limited to ${MAX_SPAN_DAYS} days; narrow from/to.`);
  return { from, to };
}

/** Collects positional parameters while SQL text is assembled. */
export function createParameters(initial: unknown[] = []) {
  const values = [...initial];
  return { values, add: (value: unknown) => `$${values.push(value)}` };
}
export type Parameters = ReturnType<typeof createParameters>;

/** Time measures: the SQL expression in seconds and the condition under which a conversation has the measure. */
export const measures = {
  // Received → replied, as recorded by the service (message.created data.at; older events: their row times).
  botFirstResponse: { seconds: 'extract(epoch FROM first_bot_reply_at - COALESCE(first_customer_received_at, first_customer_at))', has: 'first_bot_reply_at IS NOT NULL AND first_customer_at IS NOT NULL' },
  humanFirstResponse: { seconds: 'extract(epoch FROM first_agent_reply_at - handed_off_at)', has: 'first_agent_reply_at IS NOT NULL AND handed_off_at IS NOT NULL AND first_agent_reply_at >= handed_off_at' },
  botResolution: { seconds: `extract(epoch FROM confirmed_at - first_customer_at)`, has: `resolution_kind = 'confirmed'` },
  // Only closes the agent marked resolved (issue 28 item 3): unresolved, spam or duplicate closes are not resolutions.
  humanResolution: { seconds: 'extract(epoch FROM closed_at - handed_off_at)', has: `closed_at IS NOT NULL AND handed_off_at IS NOT NULL AND closed_at >= handed_off_at AND close_resolution = 'resolved'` },
} as const;

/** WHERE clause over conversation_facts for the tenant, range and pack/channel filters. */
export function factsWhere(parameters: Parameters, tenantId: string, range: DayRange, filters: Pick<AnalyticsFilterInput, 'pack' | 'channel'>): string {
  const clauses = [`tenant_id = ${parameters.add(tenantId)}`, `day BETWEEN ${parameters.add(range.from)}::date AND ${parameters.add(range.to)}::date`];
  if (filters.pack) clauses.push(`pack = ${parameters.add(filters.pack)}`);
  if (filters.channel) clauses.push(`channel = ${parameters.add(filters.channel)}`);
  return clauses.join(' AND ');
}

/**
 * The condition that selects the conversations behind a number. The dashboard counts with the same conditions
 * (see analytics-queries.ts), so a drill-down list always has exactly as many rows as the number clicked.
 */
export function drillCondition(parameters: Parameters, drill: Pick<DrillInput, 'metric' | 'value' | 'day' | 'resolution'>): string {
  const value = drill.value ?? '';
  const clauses: string[] = [];
  switch (drill.metric) {
    case 'conversations': break;
    case 'engaged': clauses.push('first_customer_at IS NOT NULL'); break;
    case 'resolution': clauses.push(`resolution_kind = ${parameters.add(value)}`); break;
    case 'handoff_reason': clauses.push(`handed_off_at IS NOT NULL AND handoff_reason = ${parameters.add(value)}`); break;
    case 'csat': clauses.push(drill.value ? `csat = ${parameters.add(Number(value))}` : 'csat IS NOT NULL'); break;
    case 'complaint': clauses.push('complaint'); break;
    case 'sentiment': clauses.push(`sentiment_label = ${parameters.add(value)}`); break;
    case 'sentiment_worst': clauses.push(`sentiment_worst_label = ${parameters.add(value)}`); break;
    case 'intent': clauses.push(`${parameters.add(value)} = ANY(intents)`); break;
    case 'tool_ok': clauses.push(`${parameters.add(value)} = ANY(tools_ok)`); break;
    case 'tool_failed': clauses.push(`${parameters.add(value)} = ANY(tools_failed)`); break;
    case 'article': clauses.push(`${parameters.add(value)} = ANY(articles)`); break;
    case 'llm': clauses.push('llm_calls > 0'); break;
    case 'bot_response': clauses.push(measures.botFirstResponse.has); break;
    case 'human_response': clauses.push(measures.humanFirstResponse.has); break;
    case 'bot_resolution': clauses.push(measures.botResolution.has); break;
    case 'human_resolution': clauses.push(measures.humanResolution.has); break;
    case 'agent_outcome': clauses.push(`(${agentOutcomeSql}) = ${parameters.add(value)}`); break;
    case 'agent': clauses.push(`handed_off_at IS NOT NULL AND assignee_id = ${parameters.add(value)}`); break;
    case 'agent_csat': clauses.push(`csat IS NOT NULL AND csat_assignee_id = ${parameters.add(value)}`); break;
    case 'proactive': throw new Error('proactive sends are listed by proactiveCondition');
  }
  if (drill.day) clauses.push(`day = ${parameters.add(drill.day)}::date`);
  if (drill.resolution) clauses.push(`resolution_kind = ${parameters.add(drill.resolution)}`);
  return clauses.length ? clauses.join(' AND ') : 'TRUE';
}

/**
 * The tenant's time zone as SQL, for dating rows the way facts-merge-sql.ts dates conversations: the zone of
 * `settings.businessHours.timeZone` when PostgreSQL knows it, else UTC (an uncorrelated subquery, evaluated once).
 */
export function tenantZoneSql(tenantParameter: string): string {
  return `COALESCE((SELECT z.name FROM pg_timezone_names z JOIN tenants t ON z.name = t.settings->'businessHours'->>'timeZone' WHERE t.id = ${tenantParameter} LIMIT 1), 'UTC')`;
}

/**
 * Proactive sends are counted from `proactive_sends` (many never open a conversation): by the day they were
 * scheduled in the tenant's time zone (as conversations are); pack and channel do not apply. `value` is `status` or
 * `status/outcome`.
 */
export function proactiveCondition(parameters: Parameters, tenantId: string, range: DayRange, value?: string): string {
  const tenant = parameters.add(tenantId);
  const clauses = [`tenant_id = ${tenant}`, `(created_at AT TIME ZONE ${tenantZoneSql(tenant)})::date BETWEEN ${parameters.add(range.from)}::date AND ${parameters.add(range.to)}::date`];
  if (value) {
    const [status, ...outcome] = value.split('/');
    clauses.push(`status = ${parameters.add(status)}`);
    if (outcome.length) clauses.push(`COALESCE(outcome, '') = ${parameters.add(outcome.join('/'))}`);
  }
  return clauses.join(' AND ');
}
