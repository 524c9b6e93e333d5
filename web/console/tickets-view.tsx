import { useCallback, useEffect, useState } from 'react';
import type { Ticket, TicketComment, User } from '../shared/api-types.ts';
import { Badge, Button, Empty, ErrorText, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { statusLabel } from '../shared/locales/statuses.ts';
import type { Strings } from '../shared/locales/strings.ts';
import { useSession } from '../shared/session.tsx';

type Tab = 'mine' | 'unassigned' | 'overdue' | 'all';
const statuses = ['open', 'pending_customer', 'pending_internal', 'solved', 'closed'] as const;
const priorities = ['urgent', 'high', 'normal', 'low'] as const;
const priorityTone = { urgent: 'red', high: 'amber', normal: 'blue', low: 'gray' } as const;

/** The label of a ticket type in the UI language (tenant types without a label show their identifier). */
export function typeLabel(t: Strings, type: string): string {
  const labels: Record<string, string> = {
    complaint: t.typeComplaint, repair: t.typeRepair, callback: t.typeCallback, message: t.typeMessage, claim: t.typeClaim, backend_failure: t.typeBackendFailure, question: t.typeQuestion,
  };
  return labels[type] ?? type;
}

const priorityLabel = (t: Strings, priority: Ticket['priority']) => ({ urgent: t.priorityUrgent, high: t.priorityHigh, normal: t.priorityNormal, low: t.priorityLow })[priority];

/**
 * Tickets in the console (issue 21): my tickets, unassigned, overdue, all, and search on the left; the selected ticket
 * with its SLA, status, priority, assignee, internal comments and linked conversations on the right.
 */
export function TicketsView({ onOpenConversation, revision }: { onOpenConversation(id: string): void; revision: number }) {
  const { t, locale } = useI18n();
  const { api, user } = useSession();
  const [tab, setTab] = useState<Tab>('mine');
  const [search, setSearch] = useState('');
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<Awaited<ReturnType<typeof api.ticket>> | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    const filters = tab === 'mine' ? { assignee: 'me', status: 'open,pending_customer,pending_internal' } : tab === 'unassigned' ? { assignee: 'none', status: 'open,pending_customer,pending_internal' }
      : tab === 'overdue' ? { overdue: 'true' as const } : {};
    setTickets((await api.ticketList({ ...filters, ...(search.trim() ? { q: search.trim() } : {}), limit: '100' })).tickets);
  }, [api, tab, search]);
  useEffect(() => void load().catch(setError), [load, revision]);
  useEffect(() => void api.users().then(({ users: list }) => setUsers(list)).catch(() => {}), [api]);
  useEffect(() => {
    if (selected) void api.ticket(selected).then(setDetail).catch(setError);
    else setDetail(null);
  }, [api, selected, revision]);

  const change = async (patch: Parameters<typeof api.updateTicket>[1]) => {
    if (!selected) return;
    setError(null);
    try {
      await api.updateTicket(selected, patch);
      setDetail(await api.ticket(selected));
      await load();
    } catch (failure) {
      setError(failure);
    }
  };
  const addComment = async () => {
    if (!selected || !comment.trim()) return;
    try {
      await api.commentTicket(selected, comment.trim());
      setComment('');
      setDetail(await api.ticket(selected));
    } catch (failure) {
      setError(failure);
    }
  };
  const name = (id: string | null) => (id ? users.find((candidate) => candidate.id === id)?.name ?? id : t.ticketUnassigned);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const canAssignOthers = user.role !== 'agent';
  const tabs: Array<[Tab, string]> = [['mine', t.ticketsMine], ['unassigned', t.ticketsUnassigned], ['overdue', t.ticketsOverdue], ['all', t.ticketsAll]];

  return (
    <div className="console tickets-console">
      <aside className="inbox" aria-label={t.navTickets}>
        <div className="queues" role="tablist">
          {tabs.map(([key, label]) => <button key={key} role="tab" aria-selected={tab === key} className={tab === key ? 'active' : ''} data-ticket-tab={key} onClick={() => setTab(key)}>{label}</button>)}
        </div>
        <div className="filters"><input type="search" aria-label={t.ticketSearch} placeholder={t.ticketSearch} value={search} onChange={(event) => setSearch(event.target.value)} /></div>
        <ul className="conversation-list">
          {tickets.length === 0 ? <Empty>{t.noTickets}</Empty> : tickets.map((ticket) => (
            <li key={ticket.id}>
              <button className={`conversation-item${selected === ticket.id ? ' selected' : ''}${ticket.breached ? ' urgent' : ''}`} data-ticket-id={ticket.id} onClick={() => setSelected(ticket.id)}>
                <span className="item-main">
                  <span className="item-top"><strong className="item-name">{ticket.subject}</strong><span className="muted small">{since(ticket.createdAt, locale)}</span></span>
                  <span className="item-badges">
                    <Badge tone={priorityTone[ticket.priority]}>{priorityLabel(t, ticket.priority)}</Badge>
                    <Badge>{typeLabel(t, ticket.type)}</Badge>
                    <Badge tone="violet">{statusLabel(locale, ticket.status)}</Badge>
                    {ticket.breached ? <Badge tone="red">{ticket.breached === 'first_response' ? t.ticketBreachedFirst : t.ticketBreachedResolution}</Badge> : null}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {!detail ? <div className="empty-main">{error ? <ErrorText error={error} /> : t.selectTicket}</div> : (
        <section className="conversation ticket-detail" aria-label={detail.ticket.id} data-ticket={detail.ticket.id}>
          <header className="conversation-head">
            <div>
              <h2>{detail.ticket.subject}</h2>
              <div className="head-badges">
                <Badge tone={priorityTone[detail.ticket.priority]}>{priorityLabel(t, detail.ticket.priority)}</Badge>
                <Badge>{typeLabel(t, detail.ticket.type)}</Badge>
                <Badge>{t.ticketSource}: {({ bot: t.ticketSourceBot, agent: t.ticketSourceAgent, api: t.ticketSourceApi, system: t.ticketSourceSystem })[detail.ticket.source]}</Badge>
                <span className="muted small">{detail.ticket.id}</span>
              </div>
            </div>
          </header>
          <div className="ticket-fields">
            <label>{t.ticketStatus}
              <select value={detail.ticket.status} data-field="status" onChange={(event) => void change({ status: event.target.value as Ticket['status'] })}>
                {statuses.map((status) => <option key={status} value={status}>{statusLabel(locale, status)}</option>)}
              </select>
            </label>
            <label>{t.ticketPriority}
              <select value={detail.ticket.priority} data-field="priority" onChange={(event) => void change({ priority: event.target.value as Ticket['priority'] })}>
                {priorities.map((priority) => <option key={priority} value={priority}>{priorityLabel(t, priority)}</option>)}
              </select>
            </label>
            <label>{t.ticketAssignee}
              {canAssignOthers ? (
                <select value={detail.ticket.assigneeId ?? ''} data-field="assignee" onChange={(event) => void change({ assigneeId: event.target.value || null })}>
                  <option value="">{t.ticketUnassigned}</option>
                  {users.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.name}</option>)}
                </select>
              ) : <span>{name(detail.ticket.assigneeId)} {detail.ticket.assigneeId !== user.id ? <Button onClick={() => void change({ assigneeId: user.id })}>{t.ticketTakeIt}</Button> : null}</span>}
            </label>
            <p className={detail.ticket.breached === 'first_response' ? 'danger-text' : ''}>{t.ticketFirstResponseDue}: {when(detail.ticket.firstResponseDueAt)}{detail.ticket.firstRespondedAt ? ' ✓' : ''}</p>
            <p className={detail.ticket.breached === 'resolution' ? 'danger-text' : ''}>{t.ticketResolutionDue}: {when(detail.ticket.resolutionDueAt)}{detail.ticket.solvedAt ? ' ✓' : ''}</p>
          </div>
          <h4>{t.ticketConversations}</h4>
          <ul className="plain-list">{detail.conversations.map((link) => <li key={link.conversationId}><Button variant="ghost" onClick={() => onOpenConversation(link.conversationId)}>{link.conversationId}</Button></li>)}</ul>
          <h4>{t.ticketComments}</h4>
          <ol className="plain-list ticket-comments">
            {detail.comments.map((entry: TicketComment) => <li key={entry.id}><strong>{entry.authorKind === 'system' ? t.system : name(entry.authorId)}</strong> <span className="muted small">{since(entry.createdAt, locale)}</span><p>{entry.body}</p></li>)}
          </ol>
          <div className="reply-box">
            <textarea aria-label={t.ticketAddComment} value={comment} onChange={(event) => setComment(event.target.value)} />
            <Button variant="primary" onClick={() => void addComment()} disabled={!comment.trim()}>{t.ticketAddComment}</Button>
          </div>
          {error ? <ErrorText error={error} /> : null}
        </section>
      )}
    </div>
  );
}
