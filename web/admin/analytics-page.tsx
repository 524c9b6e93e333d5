import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Empty, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import type { Strings } from '../shared/locales/strings.ts';
import { useSession } from '../shared/session.tsx';
import { AgentTable, type AgentPerformance } from './analytics-agents.tsx';

/** What a click selects: the query of GET /v1/admin/analytics/conversations (server: analytics-filters.ts). */
interface Drill { metric: string; value?: string; day?: string; resolution?: string; label: string }
interface Filters { from: string; to: string; pack: string; channel: string }
type Kinds = Record<'confirmed' | 'assumed' | 'unresolved' | 'handedOff' | 'open' | 'noContact', number>;
interface Dashboard {
  range: { from: string; to: string };
  totals: Kinds & { conversations: number; engaged: number; complaints: number; csatCount: number; csatAverage: number | null; toolOk: number; toolFailed: number };
  rates: Record<'confirmed' | 'assumed' | 'unresolved' | 'handedOff' | 'complaint', number | null>;
  times: Record<'botFirstResponse' | 'humanFirstResponse' | 'botResolution' | 'humanResolution', { count: number; p50: number | null }>;
  perDay: Array<Kinds & { day: string; conversations: number; sentimentAverage: number | null; sentimentMinAverage: number | null }>;
  handoffReasons: Array<{ reason: string; count: number }>; agentOutcomes: Array<{ outcome: string; count: number }>; agents: AgentPerformance[]; csat: Array<{ score: number; count: number }>; sentiment: Array<{ label: string; count: number }>; sentimentWorst: Array<{ label: string; count: number }>;
  intents: Array<Kinds & { intent: string }>; tools: Array<{ name: string; okConversations: number; failedConversations: number }>;
  articles: Array<{ id: string; title: string | null; conversations: number }>; proactive: Array<{ status: string; outcome: string | null; count: number }>;
  llm: { conversations: number; calls: number; promptTokens: number; completionTokens: number; cost: number; currency: string | null };
  dimensions: { packs: string[]; channels: string[] };
}
interface DrillPage { kind: 'conversations' | 'proactive'; total: number; page: number; pageSize: number; rows: Array<Record<string, unknown>> }
type EChartsOption = Record<string, unknown>;
/** The few ECharts instance methods used here (the full types stay in the lazily loaded chunk). */
interface ChartHandle { setOption(option: EChartsOption, replace?: boolean): void; resize(): void; dispose(): void; on(event: 'click', handler: (params: { data?: { drill?: Drill } }) => void): void }

const KINDS = [['confirmed', 'confirmed', '#10b981'], ['assumed', 'assumed', '#6ee7b7'], ['unresolved', 'unresolved', '#ef4444'], ['handedOff', 'handed_off', '#f59e0b'], ['open', 'open', '#93c5fd'], ['noContact', 'no_contact', '#d1d5db']] as const;
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);
const seconds = (value: number | null) => (value === null ? '–' : value < 1 ? `${Math.round(value * 1000)} ms` : value < 90 ? `${Math.round(value)} s` : value < 5400 ? `${Math.round(value / 60)} min` : `${(value / 3600).toFixed(1)} h`);
const search = (filters: Filters, extra: Record<string, string | number | undefined> = {}) =>
  new URLSearchParams(Object.entries({ ...filters, ...extra } as Record<string, string | number | undefined>).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '').map(([key, value]) => [key, String(value)])).toString();

function kindLabel(t: Strings, kind: string): string {
  return ({ confirmed: t.resolutionConfirmed, assumed: t.resolutionAssumed, unresolved: t.resolutionUnresolved, handed_off: t.resolutionHandedOff, open: t.resolutionOpen, no_contact: t.resolutionNoContact } as Record<string, string>)[kind] ?? kind;
}
/** Why a conversation has its resolution (server: resolution-sql.ts); `agent_<close resolution>` uses the close labels. */
function evidenceLabel(t: Strings, evidence: string): string {
  if (evidence.startsWith('agent_')) return `${t.agentLabel} · ${agentOutcomeLabel(t, evidence.slice('agent_'.length))}`;
  return ({
    customer_confirmed: t.evidenceCustomerConfirmed, task_completed: t.evidenceTaskCompleted, knowledge_answered: t.evidenceKnowledgeAnswered, open_complaint: t.evidenceOpenComplaint,
    flow_pending: t.evidenceFlowPending, fallback: t.evidenceFallback, tool_failed: t.evidenceToolFailed, flow_cancelled: t.evidenceFlowCancelled, clarification: t.evidenceClarification,
    no_answer: t.evidenceNoAnswer, weak_answer: t.outcomeWeakAnswer, no_customer_message: t.resolutionNoContact,
  } as Record<string, string>)[evidence] ?? evidence;
}
function agentOutcomeLabel(t: Strings, outcome: string): string {
  return ({ resolved: t.resolutionResolved, unresolved: t.resolutionUnresolved, duplicate: t.resolutionDuplicate, spam: t.resolutionSpam, no_response: t.resolutionNoResponse, other: t.resolutionOther, pending: t.agentOutcomePending } as Record<string, string>)[outcome] ?? outcome;
}
function sentimentLabel(t: Strings, label: string): string {
  return ({ positive: t.sentimentPositive, neutral: t.sentimentNeutral, negative: t.sentimentNegative } as Record<string, string>)[label] ?? label;
}
function reasonLabel(t: Strings, reason: string): string {
  return ({ customer_request: t.reasonCustomerRequest, repeated_failure: t.reasonRepeatedFailure, out_of_scope: t.reasonOutOfScope, negative_sentiment: t.reasonNegativeSentiment, policy: t.reasonPolicy, agent_takeover: t.reasonAgentTakeover, engine_error: t.reasonEngineError } as Record<string, string>)[reason] ?? reason;
}

/** One ECharts canvas; ECharts itself is loaded on first use (a separate chunk). Clicking a data item calls `onPick` with the item's `drill`. */
function Chart({ option, onPick, height = 260 }: { option: EChartsOption; onPick: (drill: Drill) => void; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    let disposed = false;
    const resize = () => chart.current?.resize();
    void import('./analytics-echarts.ts').then(({ echarts }) => {
      if (disposed || !element.current) return;
      const instance = echarts.init(element.current) as unknown as ChartHandle;
      instance.on('click', (params) => params.data?.drill && pick.current(params.data.drill));
      instance.setOption(option, true);
      chart.current = instance;
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => chart.current?.setOption(option, true), [option]);
  return <div ref={element} className="analytics-chart" style={{ height }} />;
}

const bars = (categories: string[], series: Array<{ name: string; color?: string; stack?: string; data: Array<{ value: number; drill: Drill }> }>, horizontal = false): EChartsOption => ({
  tooltip: { trigger: 'axis' }, legend: series.length > 1 ? { bottom: 0 } : undefined, grid: { left: horizontal ? 120 : 40, right: 16, top: 16, bottom: series.length > 1 ? 40 : 24 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: categories, ...(horizontal ? { inverse: true } : {}) }, [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: series.map((one) => ({ type: 'bar', name: one.name, stack: one.stack, itemStyle: one.color ? { color: one.color } : undefined, data: one.data, cursor: 'pointer' })),
});
const pie = (items: Array<{ name: string; value: number; drill: Drill }>): EChartsOption => ({
  tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: ['40%', '70%'], data: items, cursor: 'pointer' }],
});

/** Analytics dashboard (issue 10): KPI tiles and charts; every number opens the conversations behind it, exportable as CSV. */
export function AnalyticsPage() {
  const { t } = useI18n();
  const { api } = useSession();
  // No days at first: the server picks the last 30 days in the tenant's time zone and the inputs show its range.
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', pack: '', channel: '' });
  const [data, setData] = useState<Dashboard | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [page, setPage] = useState<DrillPage | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const call = async (path: string) => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${api.token}` } });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).message ?? response.statusText);
    return response;
  };
  const download = async (path: string, name: string) => {
    try {
      const url = URL.createObjectURL(await (await call(path)).blob());
      Object.assign(document.createElement('a'), { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (failure) {
      setError(failure);
    }
  };
  const drillQuery = (selection: Drill, extra: Record<string, string | number | undefined> = {}) => search(filters, { metric: selection.metric, value: selection.value, day: selection.day, resolution: selection.resolution, ...extra });
  useEffect(() => {
    setError(null);
    call(`/v1/admin/analytics/dashboard?${search(filters)}`).then((response) => response.json()).then(setData, setError);
  }, [filters]);
  useEffect(() => {
    if (!drill) return setPage(null);
    call(`/v1/admin/analytics/conversations?${drillQuery(drill, { page: pageNumber, pageSize: 25 })}`).then((response) => response.json()).then(setPage, setError);
  }, [drill, pageNumber, filters]);
  const open = (selection: Drill) => {
    setPageNumber(1);
    setDrill(selection);
  };

  const tile = (label: string, value: string, selection: Drill, note?: string) => (
    <button key={label} className="analytics-tile" onClick={() => open(selection)} data-metric={selection.metric}>
      <span className="ui-label">{label}</span><strong>{value}</strong>{note ? <span className="hint">{note}</span> : null}
    </button>
  );
  const chartPanel = (title: string, option: EChartsOption, empty: boolean) => (
    <Panel title={title} className="analytics-card">{empty ? <Empty>{t.analyticsNoData}</Empty> : <Chart option={option} onPick={open} />}</Panel>
  );

  return (
    <>
      <Panel title={t.analytics} actions={<span className="hint">{t.analyticsClickHint}</span>}>
        <div className="row">
          <Field label={t.analyticsFrom}><input type="date" value={filters.from || data?.range.from || ''} onChange={(event) => setFilters({ ...filters, from: event.target.value })} /></Field>
          <Field label={t.analyticsTo}><input type="date" value={filters.to || data?.range.to || ''} onChange={(event) => setFilters({ ...filters, to: event.target.value })} /></Field>
          <Field label={t.filterPack}><select value={filters.pack} onChange={(event) => setFilters({ ...filters, pack: event.target.value })}><option value="">{t.any}</option>{data?.dimensions.packs.map((pack) => <option key={pack}>{pack}</option>)}</select></Field>
          <Field label={t.analyticsChannel}><select value={filters.channel} onChange={(event) => setFilters({ ...filters, channel: event.target.value })}><option value="">{t.any}</option>{data?.dimensions.channels.map((channel) => <option key={channel}>{channel}</option>)}</select></Field>
        </div>
        <ErrorText error={error} />
        <p className="hint">{t.analyticsDefinitions}</p>
        {data ? (
          <div className="analytics-tiles">
            {tile(t.analyticsConversations, String(data.totals.conversations), { metric: 'conversations', label: t.analyticsConversations })}
            {tile(t.analyticsEngaged, String(data.totals.engaged), { metric: 'engaged', label: t.analyticsEngaged })}
            {KINDS.map(([key, kind]) => tile(kindLabel(t, kind), String(data.totals[key]), { metric: 'resolution', value: kind, label: kindLabel(t, kind) }, key in data.rates ? percent(data.rates[key as keyof Dashboard['rates']]) : undefined))}
            {tile(t.analyticsComplaints, String(data.totals.complaints), { metric: 'complaint', label: t.analyticsComplaints }, percent(data.rates.complaint))}
            {tile(t.analyticsCsat, data.totals.csatAverage === null ? '–' : data.totals.csatAverage.toFixed(2), { metric: 'csat', label: t.analyticsCsat }, `n = ${data.totals.csatCount}`)}
            {tile(t.analyticsBotFirstResponse, seconds(data.times.botFirstResponse.p50), { metric: 'bot_response', label: t.analyticsBotFirstResponse }, `p50 · n = ${data.times.botFirstResponse.count}`)}
            {tile(t.analyticsHumanFirstResponse, seconds(data.times.humanFirstResponse.p50), { metric: 'human_response', label: t.analyticsHumanFirstResponse }, `p50 · n = ${data.times.humanFirstResponse.count}`)}
            {tile(t.analyticsBotResolution, seconds(data.times.botResolution.p50), { metric: 'bot_resolution', label: t.analyticsBotResolution }, `p50 · n = ${data.times.botResolution.count}`)}
            {tile(t.analyticsHumanResolution, seconds(data.times.humanResolution.p50), { metric: 'human_resolution', label: t.analyticsHumanResolution }, `p50 · n = ${data.times.humanResolution.count}`)}
            {data.llm.calls > 0 ? tile(t.analyticsLlm, `${(data.llm.promptTokens + data.llm.completionTokens).toLocaleString()} ${t.analyticsTokens}`, { metric: 'llm', label: t.analyticsLlm }, `${t.analyticsCost} ${data.llm.cost.toFixed(4)} ${data.llm.currency ?? ''}`) : null}
          </div>
        ) : null}
      </Panel>
      {drill ? (
        <Panel title={`${t.analyticsDrillTitle}: ${drill.label}${page ? ` (${page.total})` : ''}`} actions={<div className="row">
          <Button onClick={() => void download(`/v1/admin/analytics/conversations.csv?${drillQuery(drill)}`, `lingxi-${drill.metric}.csv`)}>{t.analyticsExportCsv}</Button>
          <Button variant="ghost" onClick={() => setDrill(null)}>{t.analyticsClose}</Button></div>}>
          {page ? <DrillTable page={page} t={t} onExport={(id) => void download(`/v1/admin/conversations/${encodeURIComponent(id)}/export`, `${id}.json`)} /> : null}
          {page && page.total > page.pageSize ? (
            <div className="row analytics-pager">
              <Button disabled={pageNumber <= 1} onClick={() => setPageNumber(pageNumber - 1)}>{t.analyticsPrevious}</Button>
              <span className="muted">{pageNumber} / {Math.ceil(page.total / page.pageSize)}</span>
              <Button disabled={pageNumber * page.pageSize >= page.total} onClick={() => setPageNumber(pageNumber + 1)}>{t.analyticsNext}</Button>
            </div>
          ) : null}
        </Panel>
      ) : null}
      {data ? <AgentTable agents={data.agents} t={t} open={open} seconds={seconds} percent={percent} /> : null}
      {data ? <Charts data={data} t={t} chartPanel={chartPanel} /> : null}
    </>
  );
}

function Charts({ data, t, chartPanel }: { data: Dashboard; t: Strings; chartPanel: (title: string, option: EChartsOption, empty: boolean) => ReactNode }) {
  const days = data.perDay.map((row) => row.day);
  return (
    <div className="analytics-charts">
      {chartPanel(t.analyticsPerDay, bars(days, KINDS.map(([key, kind, color]) => ({
        name: kindLabel(t, kind), color, stack: 'kind', data: data.perDay.map((row) => ({ value: row[key], drill: { metric: 'conversations', day: row.day, resolution: kind, label: `${row.day} · ${kindLabel(t, kind)}` } })),
      }))), days.length === 0)}
      {chartPanel(t.analyticsSentimentTrend, {
        tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 40, right: 16, top: 16, bottom: 40 }, xAxis: { type: 'category', data: days }, yAxis: { type: 'value', min: -1, max: 1 },
        series: [['sentimentAverage', t.analyticsSentimentAverage, '#4f46e5'], ['sentimentMinAverage', t.analyticsSentimentMin, '#ef4444']].map(([key, name, color]) => ({
          type: 'line', name, itemStyle: { color }, data: data.perDay.map((row) => ({ value: row[key as 'sentimentAverage'], drill: { metric: 'conversations', day: row.day, label: row.day } })),
        })),
      }, days.length === 0)}
      {chartPanel(t.analyticsSentiment, pie(data.sentiment.map((row) => ({ name: sentimentLabel(t, row.label), value: row.count, drill: { metric: 'sentiment', value: row.label, label: sentimentLabel(t, row.label) } }))), data.sentiment.length === 0)}
      {chartPanel(t.analyticsSentimentWorst, pie(data.sentimentWorst.map((row) => ({ name: sentimentLabel(t, row.label), value: row.count, drill: { metric: 'sentiment_worst', value: row.label, label: `${t.analyticsSentimentWorst} · ${sentimentLabel(t, row.label)}` } }))), data.sentimentWorst.length === 0)}
      {chartPanel(t.analyticsHandoffReasons, bars(data.handoffReasons.map((row) => reasonLabel(t, row.reason)), [{ name: t.resolutionHandedOff, color: '#f59e0b', data: data.handoffReasons.map((row) => ({ value: row.count, drill: { metric: 'handoff_reason', value: row.reason, label: reasonLabel(t, row.reason) } })) }], true), data.handoffReasons.length === 0)}
      {chartPanel(t.analyticsAgentOutcomes, bars(data.agentOutcomes.map((row) => agentOutcomeLabel(t, row.outcome)), [{ name: t.resolutionHandedOff, color: '#f59e0b', data: data.agentOutcomes.map((row) => ({ value: row.count, drill: { metric: 'agent_outcome', value: row.outcome, label: `${t.analyticsAgentOutcomes} · ${agentOutcomeLabel(t, row.outcome)}` } })) }], true), data.agentOutcomes.length === 0)}
      {chartPanel(t.analyticsCsatDistribution, bars(data.csat.map((row) => `${row.score} ★`), [{ name: t.analyticsCsat, color: '#7c3aed', data: data.csat.map((row) => ({ value: row.count, drill: { metric: 'csat', value: String(row.score), label: `${row.score} ★` } })) }]), data.csat.length === 0)}
      {chartPanel(t.analyticsTopIntents, bars(data.intents.map((row) => row.intent), KINDS.map(([key, kind, color]) => ({
        name: kindLabel(t, kind), color, stack: 'kind', data: data.intents.map((row) => ({ value: row[key], drill: { metric: 'intent', value: row.intent, resolution: kind, label: `${row.intent} · ${kindLabel(t, kind)}` } })),
      })), true), data.intents.length === 0)}
      {chartPanel(t.analyticsTools, bars(data.tools.map((row) => row.name), [
        { name: t.analyticsToolOk, color: '#10b981', data: data.tools.map((row) => ({ value: row.okConversations, drill: { metric: 'tool_ok', value: row.name, label: `${row.name} · ${t.analyticsToolOk}` } })) },
        { name: t.analyticsToolFailed, color: '#ef4444', data: data.tools.map((row) => ({ value: row.failedConversations, drill: { metric: 'tool_failed', value: row.name, label: `${row.name} · ${t.analyticsToolFailed}` } })) },
      ], true), data.tools.length === 0)}
      {chartPanel(t.analyticsArticles, bars(data.articles.map((row) => row.title ?? row.id), [{ name: t.analyticsConversations, color: '#0ea5e9', data: data.articles.map((row) => ({ value: row.conversations, drill: { metric: 'article', value: row.id, label: row.title ?? row.id } })) }], true), data.articles.length === 0)}
      {chartPanel(t.analyticsProactive, pie(data.proactive.map((row) => {
        const name = row.outcome && row.outcome !== row.status ? `${row.status} · ${row.outcome}` : row.status;
        return { name, value: row.count, drill: { metric: 'proactive', value: `${row.status}/${row.outcome ?? ''}`, label: name } };
      })), data.proactive.length === 0)}
    </div>
  );
}

function DrillTable({ page, t, onExport }: { page: DrillPage; t: Strings; onExport: (id: string) => void }) {
  if (page.rows.length === 0) return <Empty>{t.analyticsNoData}</Empty>;
  if (page.kind === 'proactive') {
    return (
      <table className="table"><thead><tr><th>{t.analyticsDay}</th><th>rule</th><th>status</th><th>outcome</th><th>{t.openConversation}</th></tr></thead><tbody>
        {page.rows.map((row) => <tr key={String(row.sendId)}><td>{String(row.createdAt).slice(0, 16).replace('T', ' ')}</td><td>{String(row.ruleId)}</td><td>{String(row.status)}</td><td>{String(row.outcome ?? '')}</td>
          <td>{row.conversationId ? <a href={`/console/?conversation=${encodeURIComponent(String(row.conversationId))}`}>{String(row.conversationId)}</a> : '–'}</td></tr>)}
      </tbody></table>
    );
  }
  return (
    <table className="table analytics-table"><thead><tr><th>{t.openConversation}</th><th>{t.analyticsDay}</th><th>{t.filterPack}</th><th>{t.analyticsChannel}</th><th>{t.analyticsResolution}</th><th>{t.analyticsEvidence}</th><th>{t.analyticsCsat}</th><th>{t.filterSentiment}</th><th>{t.analyticsIntents}</th><th /></tr></thead><tbody>
      {page.rows.map((row) => {
        const id = String(row.conversationId);
        return (
          <tr key={id} data-conversation-id={id}>
            <td><a href={`/console/?conversation=${encodeURIComponent(id)}`}>{id.slice(0, 14)}…</a></td><td>{String(row.day)}</td><td>{String(row.pack)}</td><td>{String(row.channel)}</td>
            <td>{kindLabel(t, String(row.resolution))}{row.handoffReason ? ` · ${String(row.handoffReason)}` : ''}</td><td data-evidence={String(row.evidence)}>{evidenceLabel(t, String(row.evidence))}</td><td>{row.csat === null ? '' : String(row.csat)}</td><td title={(row.sentimentTrajectory as number[] | undefined)?.join(' → ')}>{row.sentimentWorst && row.sentimentWorst !== row.sentiment ? `${sentimentLabel(t, String(row.sentimentWorst))} → ` : ''}{row.sentiment ? sentimentLabel(t, String(row.sentiment)) : ''}</td>
            <td dir="auto">{(row.intents as string[]).join(', ')}</td><td><Button variant="ghost" onClick={() => onExport(id)}>{t.analyticsExportJson}</Button></td>
          </tr>
        );
      })}
    </tbody></table>
  );
}
