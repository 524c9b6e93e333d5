import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationDetail } from '../shared/api-client.ts';
import type { User } from '../shared/api-types.ts';
import { botPayload, understandingOf } from '../shared/api-types.ts';
import { SentimentBadge } from '../shared/components/sentiment-badge.tsx';
import { ChannelBadge } from '../shared/components/channel-badge.tsx';
import { SentimentSparkline } from '../shared/components/sentiment-sparkline.tsx';
import { Badge, Button, ErrorText } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { cannedResponses } from './canned-responses.ts';
import { CustomerPanel } from './customer-panel.tsx';
import { MessageItem } from './message-item.tsx';
import { ReplyBox } from './reply-box.tsx';

const resolutions = ['resolved', 'unresolved', 'duplicate', 'spam', 'no_response', 'other'] as const;

/** One conversation: actions, the annotated history with notes, the reply box, and the customer panel. */
export function ConversationView({ id, revision, onChanged }: { id: string; revision: number; onChanged(): void }) {
  const { t } = useI18n();
  const { api, user } = useSession();
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [resolution, setResolution] = useState<(typeof resolutions)[number]>('resolved');
  const log = useRef<HTMLOListElement>(null);
  useEffect(() => void api.users().then(({ users: list }) => setUsers(list)).catch(() => {}), [api]);
  useEffect(() => void api.conversation(id).then(setDetail).catch(setError), [api, id, revision]);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [detail?.messages.length, detail?.notes.length]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setDetail(await api.conversation(id));
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const timeline = useMemo(() => detail ? [
    ...detail.messages.map((message) => ({ at: message.createdAt, order: message.seq, kind: 'message' as const, message })),
    ...detail.notes.map((note) => ({ at: note.createdAt, order: Infinity, kind: 'note' as const, note })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order) : [], [detail]);
  const suggestions = useMemo(() => {
    if (!detail) return [];
    const reversed = [...detail.messages].reverse();
    const lastIntent = reversed.map((message) => understandingOf(message)?.intent).find(Boolean);
    const lastBot = reversed.find((message) => message.author === 'bot' && !botPayload(message).handoff);
    const locale = detail.conversation.locale;
    return [...cannedResponses.filter((item) => lastIntent && item.intents.includes(lastIntent)).map((item) => item[locale]), ...(lastBot ? [lastBot.text] : [])].slice(0, 3);
  }, [detail]);
  if (!detail) return <div className="empty-main"><ErrorText error={error} /></div>;
  const { conversation } = detail;
  const agentName = (userId: string | null) => users.find((candidate) => candidate.id === userId)?.name ?? '';
  const mine = conversation.assigneeId === user.id;
  const owners = { bot: t.ownerBot, queued: t.ownerQueued, human: t.ownerHuman, closed: t.ownerClosed };
  const resolutionLabels = { resolved: t.resolutionResolved, unresolved: t.resolutionUnresolved, duplicate: t.resolutionDuplicate, spam: t.resolutionSpam, no_response: t.resolutionNoResponse, other: t.resolutionOther };
  return (
    <>
      <section className="conversation" aria-label={conversation.id} data-owner={conversation.owner}>
        <header className="conversation-head">
          <div>
            <h2 title={conversation.customerId}>{detail.customerName ?? `${t.visitor} ${conversation.customerId.slice(-4)}`}</h2>
            <div className="head-badges">
              <Badge tone={conversation.owner === 'human' ? 'green' : conversation.owner === 'queued' ? 'amber' : 'gray'}>{owners[conversation.owner]}{conversation.assigneeId ? ` · ${agentName(conversation.assigneeId)}` : ''}</Badge>
              <ChannelBadge channel={conversation.channel} />
              <Badge>{conversation.pack}</Badge><SentimentBadge sentiment={conversation.sentiment} />
              <SentimentSparkline label={t.sentimentTrend} values={detail.messages.filter((m) => m.author === 'customer').map((m) => understandingOf(m)?.sentiment?.polarity ?? 0)} />
              {conversation.resolution ? <Badge tone="green">{conversation.resolution}</Badge> : null}
            </div>
          </div>
          <div className="actions">
            {conversation.owner !== 'closed' && !mine ? <Button variant="primary" onClick={() => run(() => api.takeOver(id))}>{t.takeOver}</Button> : null}
            {conversation.owner === 'human' || conversation.owner === 'queued' ? <Button onClick={() => run(() => api.handBack(id))}>{t.handBack}</Button> : null}
            {conversation.owner !== 'closed' ? (
              <select aria-label={t.transfer} value="" onChange={(event) => event.target.value && run(() => api.transfer(id, event.target.value))}>
                <option value="">{t.transferTo}</option>
                {users.filter((candidate) => candidate.id !== conversation.assigneeId).map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.name} ({candidate.role})</option>)}
              </select>
            ) : null}
            {conversation.owner !== 'closed' ? (
              <span className="close-group">
                <select aria-label={t.closeReason} value={resolution} onChange={(event) => setResolution(event.target.value as typeof resolution)}>
                  {resolutions.map((value) => <option key={value} value={value}>{resolutionLabels[value]}</option>)}
                </select>
                <Button variant="danger" onClick={() => run(() => api.close(id, resolution))}>{t.closeConversation}</Button>
              </span>
            ) : null}
          </div>
        </header>
        <ErrorText error={error} />
        <ol className="messages" ref={log} role="log" aria-live="polite">
          {timeline.map((item) => item.kind === 'message'
            ? <MessageItem key={item.message.id} message={item.message} agentName={agentName} />
            : <li key={item.note.id} className="msg note"><div className="msg-meta"><span>📝 {t.note} · {agentName(item.note.authorId)}</span></div><div className="msg-bubble" dir="auto"><span className="plain">{item.note.text}</span></div></li>)}
        </ol>
        <ReplyBox suggestions={suggestions} onReply={(text) => run(() => api.reply(id, text, crypto.randomUUID()))} onNote={(text) => run(() => api.note(id, text))} />
      </section>
      <CustomerPanel conversation={conversation} events={detail.events} />
    </>
  );
}
