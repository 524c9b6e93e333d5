import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentLiveEvent, ConversationFilters, Queue } from '../shared/api-client.ts';
import type { Conversation } from '../shared/api-types.ts';
import { AppShell } from '../shared/components/app-shell.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { ConversationView } from './conversation-view.tsx';
import { Inbox } from './inbox.tsx';
import { TicketsView } from './tickets-view.tsx';
import { notify, setTitleCount } from './notify.ts';

export interface InboxFilters { status: string; pack: string; sentiment: string; waitingMinutes: number }

/**
 * The agent console: queues and filters on the left, the open conversation in the middle, the customer on the right.
 * One agent WebSocket feeds everything: list refreshes, unread counts, notifications and the open conversation.
 */
export function ConsoleApp() {
  const { t } = useI18n();
  const { api, user } = useSession();
  const [queue, setQueue] = useState<Queue>('unassigned');
  const [filters, setFilters] = useState<InboxFilters>({ status: '', pack: '', sentiment: '', waitingMinutes: 0 });
  const [conversations, setConversations] = useState<Conversation[]>([]);
  // Display names by customer id (issue 21): the inbox shows people, not cus_… ids.
  const [names, setNames] = useState<Record<string, string | null>>({});
  const [view, setView] = useState<'conversations' | 'tickets'>('conversations');
  const [ticketRevision, setTicketRevision] = useState(0);
  // `/console/?conversation=conv_…` opens that conversation (links from the admin knowledge page).
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.search).get('conversation'));
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [online, setOnline] = useState(false);
  const [revision, setRevision] = useState(0);
  const [toast, setToast] = useState<string | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const known = useRef(new Map<string, Conversation>());

  const load = useCallback(async () => {
    const query: ConversationFilters = { queue, ...(filters.status ? { status: filters.status as Conversation['owner'] } : {}), ...(filters.pack ? { pack: filters.pack } : {}), ...(filters.sentiment ? { sentiment: filters.sentiment as 'negative' } : {}) };
    const { conversations: list, customerNames } = await api.conversations(query);
    setConversations(list);
    if (customerNames) setNames((known) => ({ ...known, ...customerNames }));
  }, [api, queue, filters.status, filters.pack, filters.sentiment]);
  useEffect(() => void load().catch(() => {}), [load]);

  const refresh = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onLive = useCallback((event: AgentLiveEvent) => {
    clearTimeout(refresh.current);
    refresh.current = setTimeout(() => void load().catch(() => {}), 150);
    if (event.type === 'ticket') {
      setTicketRevision((value) => value + 1);
      if (event.change === 'created') setToast(`${t.navTickets}: ${event.ticket.subject}`);
    } else if (event.type === 'conversation') {
      const previous = known.current.get(event.conversation.id);
      known.current.set(event.conversation.id, event.conversation);
      if (event.conversation.owner === 'queued' && previous?.owner !== 'queued') {
        setToast(t.newConversationQueued);
        notify(t.newConversationQueued, event.conversation.id, 1);
      }
      if (event.conversation.id === selectedRef.current) setRevision((value) => value + 1);
    } else if (event.type === 'alert') {
      setToast(`${t.supervisorAlert}: ${event.conversationId}`);
      notify(t.supervisorAlert, event.conversationId, 1);
    } else if (event.type === 'message' || event.type === 'note') {
      const id = event.type === 'message' ? event.message.conversationId : event.note.conversationId;
      if (id === selectedRef.current && document.visibilityState === 'visible') setRevision((value) => value + 1);
      else if (event.type === 'message' && event.message.author === 'customer') {
        setUnread((counts) => {
          const next = { ...counts, [id]: (counts[id] ?? 0) + 1 };
          notify(t.newMessage, event.message.text.slice(0, 80), Object.values(next).reduce((sum, count) => sum + count, 0));
          return next;
        });
      }
      if (id === selectedRef.current) setRevision((value) => value + 1);
    }
  }, [load, t]);
  useEffect(() => {
    const connection = api.live((event) => onLive(event), setOnline);
    return () => connection.close();
  }, [api, onLive]);
  useEffect(() => {
    setTitleCount(Object.values(unread).reduce((sum, count) => sum + count, 0));
  }, [unread]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  const visible = useMemo(() => conversations.filter((conversation) => !filters.waitingMinutes
    || Date.now() - Date.parse(conversation.updatedAt) >= filters.waitingMinutes * 60_000), [conversations, filters.waitingMinutes]);
  const open = (id: string) => {
    setSelected(id);
    setUnread(({ [id]: _read, ...rest }) => rest);
  };

  return (
    <AppShell title={t.appConsole} nav={(['conversations', 'tickets'] as const).map((key) => (
      <button key={key} className={`tab${view === key ? ' active' : ''}`} data-view={key} onClick={() => setView(key)}>{key === 'conversations' ? t.navConversations : t.navTickets}</button>
    ))} status={<span className={`live-dot${online ? ' on' : ''}`} data-live={online}>{online ? t.live : t.offline}</span>}>
      {view === 'tickets' ? <TicketsView revision={ticketRevision} onOpenConversation={(id) => { setView('conversations'); open(id); }} /> : <div className="console">
        <Inbox queue={queue} onQueue={setQueue} filters={filters} onFilters={setFilters} conversations={visible} names={names} selected={selected} onSelect={open} unread={unread} userId={user.id} />
        {selected ? <ConversationView key={selected} id={selected} revision={revision} onChanged={() => void load()} /> : <div className="empty-main">{t.selectConversation}</div>}
      </div>}
      {toast ? <div className="toast" role="status">{toast}</div> : null}
    </AppShell>
  );
}
