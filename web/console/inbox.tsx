import type { Queue } from '../shared/api-client.ts';
import type { Conversation } from '../shared/api-types.ts';
import { SentimentBadge } from '../shared/components/sentiment-badge.tsx';
import { ChannelBadge } from '../shared/components/channel-badge.tsx';
import { Badge, Empty, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import type { InboxFilters } from './console-app.tsx';

const ownerTone = { bot: 'violet', queued: 'amber', human: 'green', closed: 'gray' } as const;

/** Queue tabs, filters and the conversation list with unread counts and waiting times. */
export function Inbox(props: {
  queue: Queue; onQueue(queue: Queue): void; filters: InboxFilters; onFilters(filters: InboxFilters): void;
  conversations: Conversation[]; names: Record<string, string | null>; selected: string | null; onSelect(id: string): void; unread: Record<string, number>; userId: string;
}) {
  const { t, locale } = useI18n();
  const { filters } = props;
  const owners = { bot: t.ownerBot, queued: t.ownerQueued, human: t.ownerHuman, closed: t.ownerClosed };
  const set = (patch: Partial<InboxFilters>) => props.onFilters({ ...filters, ...patch });
  return (
    <aside className="inbox" aria-label={t.inbox}>
      <div className="queues" role="tablist">
        {(['unassigned', 'mine', 'all'] as const).map((queue) => (
          <button key={queue} role="tab" aria-selected={props.queue === queue} className={props.queue === queue ? 'active' : ''} data-queue={queue} onClick={() => props.onQueue(queue)}>
            {queue === 'unassigned' ? t.queueUnassigned : queue === 'mine' ? t.queueMine : t.queueAll}
          </button>
        ))}
      </div>
      <div className="filters">
        <select aria-label={t.filterStatus} value={filters.status} onChange={(event) => set({ status: event.target.value })}>
          <option value="">{t.filterStatus}: {t.any}</option>
          {Object.entries(owners).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <select aria-label={t.filterSentiment} value={filters.sentiment} onChange={(event) => set({ sentiment: event.target.value })}>
          <option value="">{t.filterSentiment}: {t.any}</option>
          <option value="negative">{t.sentimentNegative}</option><option value="neutral">{t.sentimentNeutral}</option><option value="positive">{t.sentimentPositive}</option>
        </select>
        <select aria-label={t.filterPack} value={filters.pack} onChange={(event) => set({ pack: event.target.value })}>
          <option value="">{t.filterPack}: {t.any}</option><option value="ecommerce">ecommerce</option>
        </select>
        <select aria-label={t.filterWaiting} value={filters.waitingMinutes} onChange={(event) => set({ waitingMinutes: Number(event.target.value) })}>
          <option value={0}>{t.filterWaiting}: {t.any}</option><option value={1}>{t.waitingOver1}</option><option value={5}>{t.waitingOver5}</option><option value={15}>{t.waitingOver15}</option>
        </select>
      </div>
      <ul className="conversation-list">
        {props.conversations.length === 0 ? <Empty>{t.noConversations}</Empty> : props.conversations.map((conversation) => (
          <li key={conversation.id}>
            <button className={`conversation-item${props.selected === conversation.id ? ' selected' : ''}${conversation.priority > 0 ? ' urgent' : ''}`} data-conversation-id={conversation.id} onClick={() => props.onSelect(conversation.id)}>
              <span className="avatar" aria-hidden="true">{(props.names[conversation.customerId] ?? conversation.customerId.slice(-2)).slice(0, 2).toUpperCase()}</span>
              <span className="item-main">
                <span className="item-top">
                  <strong className="item-name" title={conversation.customerId}>{props.names[conversation.customerId] ?? `${t.visitor} ${conversation.customerId.slice(-4)}`}</strong>
                  <span className="muted small">{since(conversation.updatedAt, locale)}</span>
                </span>
                <span className="item-badges">
                  <Badge tone={ownerTone[conversation.owner]}>{owners[conversation.owner]}</Badge>
                  {conversation.assigneeId === props.userId ? <Badge tone="blue">{t.queueMine}</Badge> : null}
                  <ChannelBadge channel={conversation.channel} />
                  <Badge>{conversation.locale === 'zh' ? '中文' : 'EN'}</Badge>
                  <SentimentBadge sentiment={conversation.sentiment} />
                  {conversation.priority > 0 ? <Badge tone="red">P{conversation.priority}</Badge> : null}
                </span>
              </span>
              {props.unread[conversation.id] ? <span className="unread" aria-label={`${t.unread} ${props.unread[conversation.id]}`}>{props.unread[conversation.id]}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
