import { useEffect, useState } from 'react';
import type { Conversation, Customer, StoredEvent, Ticket } from '../shared/api-types.ts';
import { Badge, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';

/** Profile, attributes, past conversations, business events, tickets and this conversation's tool calls. */
export function CustomerPanel({ conversation, events }: { conversation: Conversation; events: StoredEvent[] }) {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [data, setData] = useState<{ customer: Customer; conversations: Conversation[]; events: StoredEvent[] } | null>(null);
  const [tickets, setTickets] = useState<Ticket[]>([]);
  useEffect(() => {
    api.customer(conversation.customerId).then(setData).catch(() => setData(null));
    api.tickets().then(({ tickets: all }) => setTickets(all.filter((ticket) => ticket.customerId === conversation.customerId))).catch(() => {});
  }, [api, conversation.customerId, conversation.lastSeq]);
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
      <h4>{t.tools}</h4>
      {toolCalls.length ? <ul className="plain-list">{toolCalls.map((event) => <li key={event.id}><code>{String(event.data.name ?? event.data.tool ?? '?')}</code> {event.data.ok === false ? <Badge tone="red">✗</Badge> : <Badge tone="green">✓</Badge>}</li>)}</ul> : <p className="muted small">{t.none}</p>}
      <h4>{t.history}</h4>
      <ul className="plain-list">{(data?.conversations ?? []).map((item) => <li key={item.id} className={item.id === conversation.id ? 'current' : ''}><span className="small">{since(item.createdAt, locale)}</span> <Badge>{item.owner}</Badge> {item.resolution ? <Badge tone="green">{item.resolution}</Badge> : null}</li>)}</ul>
      <h4>{t.businessEvents}</h4>
      {data?.events.length ? <ul className="plain-list">{data.events.slice(0, 8).map((event) => <li key={event.id}><code>{event.type}</code> <span className="muted small">{since(event.createdAt, locale)}</span></li>)}</ul> : <p className="muted small">{t.none}</p>}
      <h4>{t.tickets}</h4>
      {tickets.length ? <ul className="plain-list">{tickets.map((ticket) => <li key={ticket.id}>{ticket.subject} <Badge>{ticket.status}</Badge></li>)}</ul> : <p className="muted small">{t.none}</p>}
    </aside>
  );
}

function FragmentRow({ name, value }: { name: string; value: string }) {
  return <><dt>{name}</dt><dd>{value}</dd></>;
}
