import { useState } from 'react';
import { ApiError } from '../shared/api-client.ts';
import type { Article } from '../shared/api-types.ts';
import { Badge, Button, ErrorText, Field, since } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import type { Strings } from '../shared/locales/strings.ts';
import type { AgentReply, GapTopic, IntentEntry, LearningApi } from './learning-api.ts';

type Mode = 'answer' | 'promote' | 'intent' | null;

function outcomeLabel(t: Strings, outcome: string): string {
  return ({ fallback: t.outcomeFallback, clarify: t.outcomeClarify, handoff: t.outcomeHandoff, weak_answer: t.outcomeWeakAnswer } as Record<string, string>)[outcome] ?? outcome;
}

/**
 * One knowledge-gap topic: its central question, words, counts and example questions (each opening its conversation in
 * the console), and the three fixes — write an answer, promote an agent's reply to a draft and approve it, or add the
 * questions to an intent. `onFixed` runs once the server has closed the topic (the engine then rebuilds in the background).
 */
export function GapTopicCard({ topic, learning, onFixed }: { topic: GapTopic; learning: LearningApi; onFixed: () => void }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState({ title: topic.question, body: '', locale: topic.locale });
  const [draft, setDraft] = useState<{ article: Article; title: string; body: string; replies: AgentReply[] } | null>(null);
  const [intents, setIntents] = useState<IntentEntry[] | null>(null);
  const [intent, setIntent] = useState('');

  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      after?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const open = (next: Mode) => {
    setError(null);
    setMode(mode === next ? null : next);
    if (mode === next) return;
    if (next === 'intent' && !intents) learning.intents().then(({ intents: list }) => setIntents(list), setError);
    if (next === 'promote' && !draft) {
      setBusy(true);
      learning.promote(topic.messageIds).then(
        ({ article, replies }) => setDraft({ article, title: article.title, body: article.body, replies }),
        (failure) => setError(failure instanceof ApiError && failure.status === 409 ? new Error(t.learningNoAgentReply) : failure),
      ).finally(() => setBusy(false));
    }
  };

  return (
    <li className="gap-topic" data-topic-key={topic.key} data-testid="gap-topic">
      <div className="gap-head">
        <strong dir="auto" className="gap-question">{topic.question}</strong>
        <Badge tone="blue">{topic.count} {t.learningQuestions}</Badge>
        <Badge>{topic.locale === 'zh' ? '中文' : 'English'}</Badge>
        {Object.entries(topic.outcomes).map(([outcome, count]) => <Badge key={outcome} tone={outcome === 'handoff' ? 'amber' : 'gray'}>{outcomeLabel(t, outcome)} {count}</Badge>)}
        <span className="muted small">{t.learningNewest} {since(topic.newest, locale)}</span>
      </div>
      {topic.terms.length ? <div className="small muted">{t.learningWords}: {topic.terms.join(' · ')}</div> : null}
      <ul className="gap-examples">
        {topic.examples.map((example) => (
          <li key={example.messageId}>
            <q dir="auto">{example.text}</q>{' '}
            <span className="muted small">{new Date(example.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US')}</span>{' '}
            <a href={`/console/?conversation=${encodeURIComponent(example.conversationId)}`} target="_blank" rel="noreferrer">{t.openConversation}</a>
          </li>
        ))}
      </ul>
      <div className="row gap-actions">
        <Button variant={mode === 'answer' ? 'primary' : 'default'} data-action="answer" onClick={() => open('answer')}>{t.learningWriteAnswer}</Button>
        <Button variant={mode === 'promote' ? 'primary' : 'default'} data-action="promote" onClick={() => open('promote')}>{t.learningUseAgentReply}</Button>
        <Button variant={mode === 'intent' ? 'primary' : 'default'} data-action="intent" onClick={() => open('intent')}>{t.learningAddToIntent}</Button>
      </div>
      <ErrorText error={error} />

      {mode === 'answer' ? (
        <form className="gap-form" onSubmit={(event) => {
          event.preventDefault();
          void run(() => learning.answer({ messageIds: topic.messageIds, ...answer }), onFixed);
        }}>
          <div className="row">
            <Field label={t.title}><input name="title" value={answer.title} onChange={(event) => setAnswer({ ...answer, title: event.target.value })} /></Field>
            <Field label={t.learningLocale}><select name="locale" value={answer.locale} onChange={(event) => setAnswer({ ...answer, locale: event.target.value as 'zh' | 'en' })}><option value="zh">中文</option><option value="en">English</option></select></Field>
          </div>
          <Field label={t.body}><textarea name="body" rows={5} value={answer.body} onChange={(event) => setAnswer({ ...answer, body: event.target.value })} /></Field>
          <Button type="submit" variant="primary" disabled={busy || !answer.title.trim() || !answer.body.trim()}>{t.learningSubmit}</Button>
        </form>
      ) : null}

      {mode === 'promote' && draft ? (
        <form className="gap-form" onSubmit={(event) => {
          event.preventDefault();
          void run(() => learning.approve(draft.article.id, { title: draft.title, body: draft.body }), onFixed);
        }}>
          <p className="hint"><Badge tone="amber">{t.articleDraft}</Badge> {t.learningDraftFromAgent}</p>
          <Field label={t.title}><input name="title" value={draft.title} onChange={(event) => setDraft({ ...draft, title: event.target.value })} /></Field>
          <Field label={t.body}><textarea name="body" rows={5} value={draft.body} onChange={(event) => setDraft({ ...draft, body: event.target.value })} /></Field>
          {draft.replies.length > 1 ? (
            <div className="row small">{draft.replies.map((reply, index) => (
              <Button key={reply.id} variant="ghost" onClick={() => setDraft({ ...draft, body: reply.text })} title={reply.text}>#{index + 1}</Button>
            ))}</div>
          ) : null}
          <Button type="submit" variant="primary" disabled={busy || !draft.title.trim() || !draft.body.trim()}>{t.learningApprove}</Button>
        </form>
      ) : null}

      {mode === 'intent' ? (
        <form className="gap-form row" onSubmit={(event) => {
          event.preventDefault();
          void run(() => learning.phrasesFromGap(topic.messageIds, intent), onFixed);
        }}>
          <Field label={t.learningPickIntent}>
            <select name="intent" value={intent} onChange={(event) => setIntent(event.target.value)}>
              <option value="">—</option>
              {intents?.map((entry) => <option key={entry.intent} value={entry.intent}>{entry.intent}</option>)}
            </select>
          </Field>
          <Button type="submit" variant="primary" disabled={busy || !intent}>{t.learningAddToIntent}</Button>
        </form>
      ) : null}
    </li>
  );
}
