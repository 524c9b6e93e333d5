import { useEffect, useMemo, useState } from 'react';
import { ApiError, type ApiClient } from '../shared/api-client.ts';
import { Badge, Button, Empty, ErrorText, Field, Panel, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import type { Strings } from '../shared/locales/strings.ts';

/** Mirrors proactiveRuleSchema (src/service/proactive/proactive-rules.ts). */
interface Rule {
  id: string; event: string; when: Record<string, string | number | boolean>;
  delay: { afterMs: number } | { beforeField: string; beforeMs: number };
  cancelOn: string[]; template: { zh: string; en: string }; channel: 'widget';
}
interface RuleEntry { rule: Rule; enabled: boolean; source: 'default' | 'override' | 'custom'; updatedAt: string | null }
interface Preview { matched: number; optedOut: number; capped: number; cancelled: number; deferred: number; wouldContact: number; days: number; examples: Array<{ customerId: string; externalId: string; name: string | null; lastEventAt: string; events: number }> }
interface LogItem {
  id: string; ruleId: string; customerId: string; customerExternalId: string | null; customerName: string | null; eventType: string; status: string; outcome: string | null;
  dueAt: string; readAt: string | null; repliedAt: string | null; createdAt: string; conversationId: string | null;
}
const STATUSES = ['sent', 'read', 'replied', 'opted_out', 'capped', 'deferred', 'cancelled', 'scheduled', 'failed'] as const;
const MINUTE = 60_000;

/** Typed calls of /v1/admin/proactive/* on the session token (kept beside the page, like learning-api.ts). */
function createProactiveApi(api: Pick<ApiClient, 'token'>) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${api.token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, data.error ?? 'internal', data.message ?? response.statusText);
    return data as T;
  }
  const encode = encodeURIComponent;
  return {
    rules: () => call<{ rules: RuleEntry[] }>('GET', '/v1/admin/proactive/rules'),
    save: (id: string, changes: Partial<Omit<Rule, 'id'>> & { enabled?: boolean }) => call<RuleEntry>('PUT', `/v1/admin/proactive/rules/${encode(id)}`, changes),
    remove: (id: string) => call<{ deleted: true }>('DELETE', `/v1/admin/proactive/rules/${encode(id)}`),
    preview: (id: string, days: number, rule?: Partial<Omit<Rule, 'id'>>) => call<Preview>('POST', `/v1/admin/proactive/rules/${encode(id)}/preview`, { days, ...(rule ? { rule } : {}) }),
    log: (query: { status?: string; ruleId?: string; customerId?: string; page: number }) => {
      const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => [key, String(value)]));
      return call<{ items: LogItem[]; total: number; page: number; pageSize: number }>('GET', `/v1/admin/proactive/log?${search}`);
    },
  };
}
type ProactiveApi = ReturnType<typeof createProactiveApi>;

/** The badge of a log row: what finally happened to the message (replied > read > sent; else why it was not sent). */
function outcomeBadge(item: LogItem, t: Strings) {
  if (item.repliedAt) return <Badge tone="green">{t.proactiveReplied}</Badge>;
  if (item.readAt) return <Badge tone="blue">{t.proactiveRead}</Badge>;
  if (item.status === 'sent') return <Badge tone="violet">{t.proactiveSent}</Badge>;
  if (item.outcome === 'opted_out') return <Badge tone="red">{t.proactiveOptedOut}</Badge>;
  if (item.outcome === 'capped') return <Badge tone="amber">{t.proactiveCapped}</Badge>;
  if (item.outcome === 'deferred_quiet_hours') return <Badge tone="amber">{t.proactiveDeferred}</Badge>;
  if (item.outcome === 'cancelled') return <Badge>{t.proactiveCancelled}</Badge>;
  if (item.status === 'failed') return <Badge tone="red" title={item.outcome ?? ''}>{t.proactiveFailed}</Badge>;
  if (item.status === 'skipped') return <Badge title={item.outcome ?? ''}>{t.proactiveSkipped}</Badge>;
  return <Badge>{t.proactiveScheduled}</Badge>;
}

const describeDelay = (delay: Rule['delay']) => 'afterMs' in delay ? `+${Math.round(delay.afterMs / MINUTE)} min` : `${delay.beforeField} −${Math.round(delay.beforeMs / MINUTE)} min`;

/** Edit form of one rule (or a new one), with "Preview" of who the edited rule would contact. */
function RuleForm({ entry, proactive, onSaved, onCancel }: { entry: RuleEntry | null; proactive: ProactiveApi; onSaved: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const rule = entry?.rule;
  const [id, setId] = useState(rule?.id ?? '');
  const [event, setEvent] = useState(rule?.event ?? '');
  const [when, setWhen] = useState(JSON.stringify(rule?.when ?? {}));
  const [afterMinutes, setAfterMinutes] = useState(rule && 'afterMs' in rule.delay ? rule.delay.afterMs / MINUTE : 0);
  const [beforeField, setBeforeField] = useState(rule && 'beforeField' in rule.delay ? rule.delay.beforeField : '');
  const [beforeMinutes, setBeforeMinutes] = useState(rule && 'beforeMs' in rule.delay ? rule.delay.beforeMs / MINUTE : 0);
  const [cancelOn, setCancelOn] = useState(rule?.cancelOn.join(', ') ?? '');
  const [zh, setZh] = useState(rule?.template.zh ?? '');
  const [en, setEn] = useState(rule?.template.en ?? '');
  const [enabled, setEnabled] = useState(entry?.enabled ?? true);
  const [days, setDays] = useState(7);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const draft = (): Omit<Rule, 'id' | 'channel'> => {
    let conditions: unknown;
    try {
      conditions = JSON.parse(when || '{}');
    } catch {
      conditions = null;
    }
    if (!conditions || typeof conditions !== 'object' || Array.isArray(conditions)) throw new Error(t.proactiveInvalidJson);
    return {
      event: event.trim(), when: conditions as Rule['when'], template: { zh, en },
      delay: beforeField.trim() ? { beforeField: beforeField.trim(), beforeMs: Math.round(beforeMinutes * MINUTE) } : { afterMs: Math.round(afterMinutes * MINUTE) },
      cancelOn: cancelOn.split(',').map((type) => type.trim()).filter(Boolean),
    };
  };
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="proactive-form" onSubmit={(submit) => {
      submit.preventDefault();
      void run(async () => (await proactive.save(id.trim(), { ...draft(), enabled }), onSaved()));
    }}>
      <ErrorText error={error} />
      <div className="row">
        <Field label={t.proactiveRuleId}><input name="id" value={id} disabled={Boolean(entry)} required pattern="[a-z0-9-]+" onChange={(change) => setId(change.target.value)} /></Field>
        <Field label={t.proactiveEvent}><input name="event" value={event} required placeholder="order.delayed" onChange={(change) => setEvent(change.target.value)} /></Field>
        <Field label={t.proactiveConditions} hint={t.proactiveWhenHint}><input name="when" value={when} onChange={(change) => setWhen(change.target.value)} /></Field>
      </div>
      <div className="row">
        <Field label={t.proactiveAfterMinutes}><input name="afterMinutes" type="number" min={0} value={afterMinutes} onChange={(change) => setAfterMinutes(Number(change.target.value))} /></Field>
        <Field label={t.proactiveBeforeField}><input name="beforeField" value={beforeField} placeholder="at" onChange={(change) => setBeforeField(change.target.value)} /></Field>
        <Field label={t.proactiveBeforeMinutes}><input name="beforeMinutes" type="number" min={0} value={beforeMinutes} onChange={(change) => setBeforeMinutes(Number(change.target.value))} /></Field>
        <Field label={t.proactiveCancelOn}><input name="cancelOn" value={cancelOn} onChange={(change) => setCancelOn(change.target.value)} /></Field>
      </div>
      <Field label={`${t.proactiveTemplate} · 中文`} hint={t.proactiveTemplateHint}><textarea name="templateZh" rows={2} required value={zh} onChange={(change) => setZh(change.target.value)} /></Field>
      <Field label={`${t.proactiveTemplate} · English`}><textarea name="templateEn" rows={2} required value={en} onChange={(change) => setEn(change.target.value)} /></Field>
      <label className="row"><input type="checkbox" name="enabled" checked={enabled} onChange={(change) => setEnabled(change.target.checked)} /> {t.proactiveEnabled}</label>
      <div className="row">
        <Button type="submit" variant="primary">{t.save}</Button>
        <Button onClick={onCancel}>{t.cancel}</Button>
        <Field label={t.proactivePreviewDays}><input name="days" type="number" min={1} max={90} value={days} onChange={(change) => setDays(Number(change.target.value))} /></Field>
        <Button data-testid="proactive-preview" disabled={!id.trim()} onClick={() => void run(async () => setPreview(await proactive.preview(id.trim(), days, draft())))}>{t.preview}</Button>
      </div>
      {preview ? (
        <div className="proactive-preview" data-testid="proactive-preview-result">
          <p>
            <Badge>{t.proactiveMatched}: {preview.matched}</Badge> <Badge tone="red">{t.proactiveOptedOut}: {preview.optedOut}</Badge>{' '}
            <Badge tone="amber">{t.proactiveCapped}: {preview.capped}</Badge> <Badge>{t.proactiveCancelled}: {preview.cancelled}</Badge>{' '}
            {preview.deferred ? <><Badge tone="amber">{t.proactiveDeferred}: {preview.deferred}</Badge>{' '}</> : null}
            <Badge tone="green">{t.proactiveWouldContact}: {preview.wouldContact}</Badge>
          </p>
          {preview.examples.length ? (
            <ul className="small">{preview.examples.map((example) => <li key={example.customerId}>{example.name ?? example.externalId} <span className="muted">({example.externalId} · {example.events} · {since(example.lastEventAt, locale)})</span></li>)}</ul>
          ) : <Empty>{t.none}</Empty>}
        </div>
      ) : null}
    </form>
  );
}

/** The log of proactive messages with outcome badges, filters and paging. */
function ProactiveLog({ proactive, rules }: { proactive: ProactiveApi; rules: RuleEntry[] }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState('');
  const [ruleId, setRuleId] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: LogItem[]; total: number; pageSize: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void proactive.log({ status: status || undefined, ruleId: ruleId || undefined, customerId: customerId.trim() || undefined, page }).then(setData, setError), [proactive, status, ruleId, customerId, page]);
  const statusLabel: Record<(typeof STATUSES)[number], string> = {
    sent: t.proactiveSent, read: t.proactiveRead, replied: t.proactiveReplied, opted_out: t.proactiveOptedOut, capped: t.proactiveCapped,
    deferred: t.proactiveDeferred, cancelled: t.proactiveCancelled, scheduled: t.proactiveScheduled, failed: t.proactiveFailed,
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Panel title={t.proactiveLog}>
      <div className="row">
        <Field label={t.proactiveStatus}><select name="status" value={status} onChange={(change) => (setStatus(change.target.value), setPage(1))}>
          <option value="">{t.proactiveAll}</option>{STATUSES.map((key) => <option key={key} value={key}>{statusLabel[key]}</option>)}
        </select></Field>
        <Field label={t.proactiveRules}><select name="ruleId" value={ruleId} onChange={(change) => (setRuleId(change.target.value), setPage(1))}>
          <option value="">{t.proactiveAll}</option>{rules.map((entry) => <option key={entry.rule.id} value={entry.rule.id}>{entry.rule.id}</option>)}
        </select></Field>
        <Field label={t.proactiveCustomer}><input name="customerId" value={customerId} onChange={(change) => (setCustomerId(change.target.value), setPage(1))} /></Field>
      </div>
      <ErrorText error={error} />
      {data && data.items.length === 0 ? <Empty>{t.none}</Empty> : (
        <table className="proactive-log" data-testid="proactive-log">
          <thead><tr><th>{t.proactiveWhen}</th><th>{t.proactiveCustomer}</th><th>{t.proactiveRules}</th><th>{t.proactiveReason}</th><th>{t.proactiveStatus}</th></tr></thead>
          <tbody>{data?.items.map((item) => (
            <tr key={item.id} data-status={item.status}>
              <td title={item.createdAt}>{since(item.createdAt, locale)}</td>
              <td>{item.customerName ?? item.customerExternalId ?? item.customerId}</td>
              <td><code>{item.ruleId}</code></td>
              <td><code>{item.eventType}</code></td>
              <td>{outcomeBadge(item, t)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <div className="row">
        <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>{t.proactivePrevious}</Button>
        <span className="muted small">{t.proactivePage.replace('{n}', `${page} / ${pages}`)}</span>
        <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>{t.proactiveNext}</Button>
      </div>
    </Panel>
  );
}

/** Proactive care (issue 9): the tenant's rules (toggle, edit, preview who would be contacted) and the message log. */
export function ProactivePage() {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const proactive = useMemo(() => createProactiveApi(api), [api]);
  const [rules, setRules] = useState<RuleEntry[] | null>(null);
  const [editing, setEditing] = useState<RuleEntry | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => proactive.rules().then(({ rules: list }) => setRules(list), setError);
  useEffect(() => void reload(), [proactive]);
  const act = (work: Promise<unknown>) => void work.then(reload, setError);
  const sourceLabel = { default: t.proactiveSourceDefault, override: t.proactiveSourceOverride, custom: t.proactiveSourceCustom };
  return (
    <>
      <Panel title={t.proactiveRules} actions={<Button variant="primary" onClick={() => setEditing('new')}>{t.proactiveNewRule}</Button>}>
        <ErrorText error={error} />
        {editing ? <RuleForm key={editing === 'new' ? 'new' : editing.rule.id} entry={editing === 'new' ? null : editing} proactive={proactive} onCancel={() => setEditing(null)} onSaved={() => (setEditing(null), void reload())} /> : null}
        <table className="proactive-rules" data-testid="proactive-rules">
          <thead><tr><th>{t.proactiveRuleId}</th><th>{t.proactiveEvent}</th><th>{t.proactiveConditions}</th><th>{t.proactiveDelay}</th><th>{t.proactiveTemplate}</th><th>{t.proactiveChannel}</th><th>{t.proactiveEnabled}</th><th /></tr></thead>
          <tbody>{(rules ?? []).map((entry) => (
            <tr key={entry.rule.id} data-rule={entry.rule.id}>
              <td><code>{entry.rule.id}</code> <Badge tone={entry.source === 'default' ? 'gray' : 'blue'}>{sourceLabel[entry.source]}</Badge></td>
              <td><code>{entry.rule.event}</code></td>
              <td><code>{Object.keys(entry.rule.when).length ? JSON.stringify(entry.rule.when) : '—'}</code></td>
              <td>{describeDelay(entry.rule.delay)}</td>
              <td className="small" dir="auto">{entry.rule.template[locale]}<br /><span className="muted">{entry.rule.template[locale === 'zh' ? 'en' : 'zh']}</span></td>
              <td>{entry.rule.channel}</td>
              <td><input type="checkbox" aria-label={`${t.proactiveEnabled} ${entry.rule.id}`} checked={entry.enabled} onChange={(change) => act(proactive.save(entry.rule.id, { enabled: change.target.checked }))} /></td>
              <td>
                <Button variant="ghost" onClick={() => setEditing(entry)}>{t.edit}</Button>
                {entry.source !== 'default' ? <Button variant="ghost" className="ui-danger" onClick={() => act(proactive.remove(entry.rule.id))}>{entry.source === 'override' ? t.proactiveRestoreDefault : t.delete}</Button> : null}
              </td>
            </tr>
          ))}</tbody>
        </table>
      </Panel>
      <ProactiveLog proactive={proactive} rules={rules ?? []} />
    </>
  );
}
