import { useEffect, useState } from 'react';
import type { Conversation, Customer, CustomerRecord, CustomerRecords, StoredEvent, Ticket } from '../shared/api-types.ts';
import { Badge, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { statusLabel } from '../shared/locales/statuses.ts';
import { useSession } from '../shared/session.tsx';
import type { Strings } from '../shared/locales/strings.ts';

/** Profile, attributes, the customer's orders and bookings in the pack backend, past conversations, business events, tickets and this conversation's tool calls. */
export function CustomerPanel({ conversation, events }: { conversation: Conversation; events: StoredEvent[] }) {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [data, setData] = useState<{ customer: Customer; conversations: Conversation[]; events: StoredEvent[] } | null>(null);
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [records, setRecords] = useState<CustomerRecords | null>(null);
  useEffect(() => {
    api.customer(conversation.customerId).then(setData).catch(() => setData(null));
    api.customerRecords(conversation.customerId, locale).then(setRecords).catch(() => setRecords(null));
    api.customerTickets(conversation.customerId).then(({ tickets: found }) => setTickets(found)).catch(() => {});
  }, [api, conversation.customerId, conversation.lastSeq, locale]);
  const toolCalls = events.filter((event) => event.type === 'tool.called');
  const rating = [...events].reverse().find((event) => event.type === 'conversation.rated');
  const customer = data?.customer;
  return (
    <aside className="customer-panel" aria-label={t.customerPanel}>
      <h3>{t.customerPanel}</h3>
      <dl className="profile">
        <dt>ID</dt><dd>{customer?.externalId ?? '…'}</dd>
        {customer?.name ? <><dt>{t.name}</dt><dd>{customer.name}</dd></> : null}
        {customer?.email ? <><dt>{t.email}</dt><dd>{customer.email}</dd></> : null}
        {customer?.phone ? <><dt>☎</dt><dd>{customer.phone}</dd></> : null}
        {Object.entries(customer?.attributes ?? {}).map(([key, value]) => <FragmentRow key={key} name={key} value={typeof value === 'string' ? value : JSON.stringify(value)} />)}
      </dl>
      {rating ? <p><Badge tone="amber">{t.rating}: {'★'.repeat(Number(rating.data.score))}</Badge> {typeof rating.data.comment === 'string' ? <span className="small">{rating.data.comment}</span> : null}</p> : null}
      <h4>{t.records}</h4>
      <RecordList records={records} />
      <h4>{t.tools}</h4>
      {toolCalls.length ? <ul className="plain-list">{toolCalls.map((event) => <li key={event.id}><code>{String(event.data.name ?? event.data.tool ?? '?')}</code> {event.data.ok === false ? <Badge tone="red">✗</Badge> : <Badge tone="green">✓</Badge>}</li>)}</ul> : <p className="muted small">{t.none}</p>}
      <h4>{t.history}</h4>
      <ul className="plain-list">{(data?.conversations ?? []).map((item) => <li key={item.id} className={item.id === conversation.id ? 'current' : ''}><span className="small">{since(item.createdAt, locale)}</span> <Badge>{item.owner}</Badge> {item.resolution ? <Badge tone="green">{item.resolution}</Badge> : null}</li>)}</ul>
      <h4>{t.businessEvents}</h4>
      {data?.events.length ? <ul className="plain-list">{data.events.slice(0, 8).map((event) => <li key={event.id}><code>{event.type}</code> <span className="muted small">{since(event.createdAt, locale)}</span></li>)}</ul> : <p className="muted small">{t.none}</p>}
      <h4>{t.tickets}</h4>
      {tickets.length ? <ul className="plain-list">{tickets.map((ticket) => <li key={ticket.id}>{ticket.subject} <Badge>{statusLabel(locale, ticket.status)}</Badge></li>)}</ul> : <p className="muted small">{t.none}</p>}
    </aside>
  );
}

function FragmentRow({ name, value }: { name: string; value: string }) {
  return <><dt>{name}</dt><dd>{value}</dd></>;
}

const kindLabel = (t: Strings, kind: CustomerRecord['kind']) => ({
  order: t.recordOrder, booking: t.recordBooking, shipment: t.recordShipment, enrolment: t.recordEnrolment, report: t.recordReport,
  account: t.recordAccount, claim: t.recordClaim, dispute: t.recordDispute, ticket: t.recordTicket,
})[kind] ?? kind;
const detailLabel = (t: Strings, key: string) => ({
  items: t.detailItems, tracking: t.detailTracking, carrier: t.detailCarrier, latest: t.detailLatest, address: t.detailAddress, slot: t.detailSlot,
  location: t.detailLocation, fee: t.detailFee, ready: t.detailReady, class: t.detailClass, promised: t.detailPromised,
} as Record<string, string>)[key] ?? key;
const statusTone = (status: string) => (/deliver|complete|active|ready|resolved/.test(status) ? 'green' : /cancel|lost|refund|frozen|declin/.test(status) ? 'red' : /pending|process|transit|booked|scheduled|open|delay/.test(status) ? 'amber' : 'gray');

// Inline: the console stylesheet belongs to the inbox/conversation work; these few rules stay with the component.
const cardStyle = { border: '1px solid var(--line)', borderRadius: 8, padding: '8px 10px', fontSize: 13, display: 'flex', flexDirection: 'column', gap: 4 } as const;

/** The customer's records from the pack backend (orders, bookings …), newest first, with how the customer was matched. */
function RecordList({ records }: { records: CustomerRecords | null }) {
  const { t, locale } = useI18n();
  if (!records) return <p className="muted small">…</p>;
  if (!records.matches.length) return <p className="muted small" data-testid="records-none">{t.recordsNone}</p>;
  const matchedBy = { id: t.matchedById, email: t.matchedByEmail, phone: t.matchedByPhone };
  return (
    <div className="record-list" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <p className="muted small">{records.matches.map((match) => `${match.customerId} · ${t.recordsMatched}: ${matchedBy[match.matchedBy]}`).join('; ')}</p>
      {records.records.length ? records.records.slice(0, 20).map((record) => (
        <article key={`${record.pack}:${record.kind}:${record.id}`} className="record-card" style={cardStyle} data-record-id={record.id} data-kind={record.kind}>
          <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}><Badge tone="blue">{kindLabel(t, record.kind)}</Badge> <strong>{record.id}</strong> <Badge tone={statusTone(record.status)}>{statusLabel(locale, record.status)}</Badge></header>
          <p dir="auto" style={{ margin: 0, overflowWrap: 'anywhere' }}>{record.title}</p>
          <p className="muted small" style={{ margin: 0 }}>
            {record.amount !== undefined ? new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', record.currency ? { style: 'currency', currency: record.currency } : {}).format(record.amount) : null}
            {record.amount !== undefined && record.date ? ' · ' : null}{record.date ? record.date.slice(0, 16).replace('T', ' ') : null}
          </p>
          {record.details.length ? <dl className="profile" style={{ fontSize: 12 }}>{record.details.map((entry) => <FragmentRow key={entry.key + entry.value} name={detailLabel(t, entry.key)} value={entry.value} />)}</dl> : null}
        </article>
      )) : <p className="muted small">{t.none}</p>}
    </div>
  );
}
