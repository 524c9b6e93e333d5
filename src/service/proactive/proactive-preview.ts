import type { SqlExecutor } from '../storage/sql-client.ts';
import type { ProactiveRule, ProactiveSettings } from './proactive-rules.ts';

/** Who a rule would contact now, and why the other matched customers would not be. Every count is of customers. */
export interface ProactivePreview {
  ruleId: string;
  event: string;
  days: number;
  /** Customers with at least one matching event (type + `when`) in the window. */
  matched: number;
  /** Nothing due now, but a message is still coming: the delay has not passed (reminders: the reminder time is ahead). */
  notDue: number;
  /** Nothing left to send: every event was already handled for this rule (sent, or skipped: opted out, capped …), or
   * (reminders) the time in the event has passed or is not a date. */
  alreadyHandled: number;
  /** Nothing left to send because the due events were followed by one of the rule's `cancelOn` events. */
  cancelled: number;
  optedOut: number;
  /** At the per-customer cap right now (sent `capPerCustomer` messages in the cap window). */
  capped: number;
  /** Would be contacted but for the quiet hours: they get the message at `quietUntil`. */
  deferred: number;
  /** When the current quiet hours end; null outside them. */
  quietUntil: string | null;
  /** Would get the message now. */
  wouldContact: number;
  /** Up to 20 customers who would be contacted (now, or at `quietUntil`), most recent due event first. */
  examples: Array<{ customerId: string; externalId: string; name: string | null; lastEventAt: string; events: number }>;
}

export interface PreviewOptions {
  days: number;
  settings: ProactiveSettings;
  now: Date;
  /** End of the quiet hours containing `now` (tenant time zone), or `now` itself outside them. */
  sendableAt: Date;
}

type Counts = Record<'matched' | 'not_due' | 'handled' | 'cancelled' | 'opted_out' | 'capped' | 'eligible', string | number>;

/**
 * Who `rule` would contact now, judged as the scheduler would: customers with an event of its type whose data
 * contains its `when` in the last `days` days (events table) and whose message is due — the event is older than
 * `afterMs`, or for `beforeField` rules the reminder time (`data[field] − beforeMs`) has come and `data[field]` has
 * not passed yet — minus events already handled for the rule (a `proactive_sends` row for the same customer and
 * event data that is no longer scheduled), events followed by a `cancelOn` event, opted-out customers, customers at
 * the cap, and, during quiet hours, everyone (counted as `deferred`). `beforeField` times are parsed with
 * `Date.parse`, exactly as `handleEvent` does, so their due check runs here rather than in SQL.
 */
export async function previewRule(sql: SqlExecutor, tenantId: string, rule: ProactiveRule, options: PreviewOptions): Promise<ProactivePreview> {
  const since = new Date(options.now.getTime() - options.days * 86_400_000);
  const capSince = new Date(options.now.getTime() - options.settings.capWindowMs);
  const afterMs = 'afterMs' in rule.delay ? rule.delay.afterMs : null;
  const dueIds: string[] = [];
  const waitingIds: string[] = [];
  if ('beforeField' in rule.delay) {
    const { beforeField, beforeMs } = rule.delay;
    const rows = await sql.query<{ id: string | number; at: string | null }>(
      'SELECT id, data ->> $5 AS at FROM events WHERE tenant_id = $1 AND type = $2 AND customer_id IS NOT NULL AND created_at >= $3 AND data @> $4::jsonb',
      [tenantId, rule.event, since, JSON.stringify(rule.when), beforeField],
    );
    const now = options.now.getTime();
    for (const row of rows) {
      const at = Date.parse(row.at ?? '');
      if (Number.isNaN(at) || at <= now) continue;
      (at - beforeMs <= now ? dueIds : waitingIds).push(String(row.id));
    }
  }
  const classified = `WITH event_state AS (
      SELECT event.customer_id, event.created_at,
        CASE WHEN $9::bigint IS NOT NULL THEN event.created_at <= $8::timestamptz - make_interval(secs => $9::bigint / 1000.0) ELSE event.id = ANY($10::bigint[]) END AS due,
        CASE WHEN $9::bigint IS NOT NULL THEN event.created_at > $8::timestamptz - make_interval(secs => $9::bigint / 1000.0) ELSE event.id = ANY($12::bigint[]) END AS waiting,
        EXISTS (SELECT 1 FROM proactive_sends AS send WHERE send.tenant_id = $1 AND send.rule_id = $7 AND send.customer_id = event.customer_id
          AND send.event_type = event.type AND send.event_data = event.data AND send.status NOT IN ('scheduled', 'sending')) AS handled,
        EXISTS (SELECT 1 FROM events AS later WHERE later.tenant_id = $1 AND later.type = ANY($11::text[]) AND later.customer_id = event.customer_id
          AND later.created_at > event.created_at) AS cancelled
      FROM events AS event
      WHERE event.tenant_id = $1 AND event.type = $2 AND event.customer_id IS NOT NULL AND event.created_at >= $3 AND event.data @> $4::jsonb
    ), matched AS (
      SELECT customer_id, bool_or(waiting AND NOT handled) AS any_waiting, bool_or(due AND NOT handled AND cancelled) AS any_cancelled,
        count(*) FILTER (WHERE due AND NOT handled AND NOT cancelled) AS events,
        max(created_at) FILTER (WHERE due AND NOT handled AND NOT cancelled) AS last_event_at
      FROM event_state GROUP BY customer_id
    ), classified AS (
      SELECT matched.*, customer.external_id, customer.name,
        CASE WHEN matched.events = 0 THEN (CASE WHEN matched.any_waiting THEN 'not_due' WHEN matched.any_cancelled THEN 'cancelled' ELSE 'handled' END)
          WHEN COALESCE(customer.attributes -> 'proactiveOptOut' = 'true'::jsonb, false) THEN 'opted_out'
          WHEN (SELECT count(*) FROM proactive_sends AS send WHERE send.tenant_id = $1 AND send.customer_id = matched.customer_id AND send.status = 'sent' AND send.updated_at >= $5) >= $6 THEN 'capped'
          ELSE 'eligible' END AS state
      FROM matched JOIN customers AS customer ON customer.id = matched.customer_id AND customer.tenant_id = $1
    )`;
  const params = [tenantId, rule.event, since, JSON.stringify(rule.when), capSince, options.settings.capPerCustomer, rule.id, options.now, afterMs, dueIds, rule.cancelOn, waitingIds];
  const [[counts], examples] = await Promise.all([
    sql.query<Counts>(
      `${classified} SELECT count(*) AS matched, ${(['not_due', 'handled', 'cancelled', 'opted_out', 'capped', 'eligible'] as const).map((state) => `count(*) FILTER (WHERE state = '${state}') AS ${state}`).join(', ')} FROM classified`, params),
    sql.query<{ customer_id: string; external_id: string; name: string | null; last_event_at: Date | string; events: string | number }>(
      `${classified} SELECT * FROM classified WHERE state = 'eligible' ORDER BY last_event_at DESC, customer_id LIMIT 20`, params),
  ]);
  const quiet = options.sendableAt.getTime() > options.now.getTime();
  const eligible = Number(counts.eligible);
  return {
    ruleId: rule.id, event: rule.event, days: options.days,
    matched: Number(counts.matched), notDue: Number(counts.not_due), alreadyHandled: Number(counts.handled), cancelled: Number(counts.cancelled),
    optedOut: Number(counts.opted_out), capped: Number(counts.capped),
    deferred: quiet ? eligible : 0, quietUntil: quiet ? options.sendableAt.toISOString() : null, wouldContact: quiet ? 0 : eligible,
    examples: examples.map((row) => ({
      customerId: row.customer_id, externalId: row.external_id, name: row.name, events: Number(row.events),
      lastEventAt: (row.last_event_at instanceof Date ? row.last_event_at : new Date(row.last_event_at)).toISOString(),
    })),
  };
}
