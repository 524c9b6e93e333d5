import type { Message } from '../shared/api-types.ts';
import { botPayload, understandingOf } from '../shared/api-types.ts';
import { MarkdownView } from '../shared/components/markdown-view.tsx';
import { SentimentBadge } from '../shared/components/sentiment-badge.tsx';
import { Badge } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { statusLabel } from '../shared/locales/statuses.ts';
import { entityLabel } from '../shared/locales/entity-labels.ts';

/**
 * One message in the agent's view. Bot turns are annotated with intent, confidence, cards, sources and the handoff
 * reason from the payload; customer turns with the engine's intent, entities and sentiment/emotion.
 */
export function MessageItem({ message, agentName }: { message: Message; agentName(id: string | null): string }) {
  const { t, locale } = useI18n();
  if (message.author === 'system') return <li className="msg system" data-seq={message.seq}><span dir="auto">{message.text}</span></li>;
  const payload = botPayload(message);
  const understanding = understandingOf(message);
  const who = message.author === 'customer' ? t.customer : message.author === 'bot' ? `${t.bot}${payload.persona ? ` · ${payload.persona}` : ''}` : `${t.agentLabel} · ${agentName(message.authorId)}`;
  return (
    <li className={`msg ${message.author}`} data-seq={message.seq} data-author={message.author}>
      <div className="msg-meta"><span>{who}</span><time>{new Date(message.createdAt).toLocaleTimeString()}</time></div>
      <div className="msg-bubble" dir="auto">{message.author === 'bot' ? <MarkdownView text={message.text} /> : <span className="plain">{message.text}</span>}</div>
      {message.author === 'bot' ? (
        <div className="annotations">
          {payload.intent ? <Badge tone="violet" title={t.intent}>{payload.intent}</Badge> : null}
          {typeof payload.confidence === 'number' ? <Badge title={t.confidence}>{Math.round(payload.confidence * 100)}%</Badge> : null}
          {payload.handoff ? <Badge tone="amber" title={payload.handoff.summary}>{t.handoffReason}: {payload.handoff.reason}</Badge> : null}
          {(payload.cards ?? []).map((card, index) => <Badge key={index} tone="blue">{card.kind === 'order' ? t.recordOrder : card.kind}{card.kind === 'order' ? ` ${card.orderId} · ${statusLabel(locale, card.status)}` : 'title' in card ? ` · ${card.title}` : card.kind === 'product' ? ` · ${card.name}` : ''}</Badge>)}
          {(payload.sources ?? []).map((source) => <Badge key={source.id} tone="green" title={source.source}>📄 {source.title}</Badge>)}
          {payload.quickReplies?.length ? <span className="muted small">⤷ {payload.quickReplies.map((reply) => reply.label).join(' · ')}</span> : null}
        </div>
      ) : null}
      {message.author === 'customer' && understanding ? (
        <div className="annotations">
          {understanding.intent ? <Badge tone="violet" title={t.intent}>{understanding.intent} {Math.round(understanding.confidence * 100)}%</Badge> : null}
          {(understanding.entities ?? []).map((entity, index) => <Badge key={index} title={entity.text}>{entityLabel(locale, entity.type)}: {entity.value}</Badge>)}
          <SentimentBadge sentiment={understanding.sentiment} />
        </div>
      ) : null}
    </li>
  );
}
