import { useEffect, useMemo, useState } from 'react';
import { Button, Empty, ErrorText, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { ApplyStatus } from './apply-status.tsx';
import { GapTopicCard } from './gap-topic-card.tsx';
import { createLearningApi, type GapTopic, type WeeklyDigest } from './learning-api.ts';
import './learning.css';

const RANGES = [7, 30, 90] as const;
/** A card's identity: the server's key (named after the central question) plus its size, so an open form never moves to another topic and a grown topic re-renders. */
const identity = (topic: GapTopic) => `${topic.key}:${topic.count}`;
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);

/** The weekly digest: conversations, bot containment this week vs last (change in points), gap questions, fixes, new gaps. */
function DigestPanel({ digest }: { digest: WeeklyDigest }) {
  const { t } = useI18n();
  const { thisWeek, lastWeek, containmentChange } = digest;
  const change = containmentChange === null ? null : `${containmentChange > 0 ? '+' : ''}${containmentChange.toFixed(1)} ${t.learningPoints}`;
  const tile = (label: string, value: string | number, note?: string, testId?: string) => (
    <div className="digest-tile" data-testid={testId}><span className="ui-label">{label}</span><strong>{value}</strong>{note ? <span className="hint">{note}</span> : null}</div>
  );
  return (
    <Panel title={t.learningDigest} className="learning-digest">
      <div className="digest-tiles">
        {tile(t.learningConversations, thisWeek.conversations ?? '–', `${t.learningLastWeek} ${lastWeek.conversations ?? '–'}`)}
        {tile(t.learningContainment, percent(thisWeek.containment), `${t.learningLastWeek} ${percent(lastWeek.containment)}${change ? ` · ${change}` : ''}`, 'digest-containment')}
        {tile(t.learningGapQuestions, thisWeek.gapQuestions, `${t.learningLastWeek} ${lastWeek.gapQuestions}`, 'digest-gaps')}
        {tile(t.learningFixes, digest.fixed.length, `${t.learningLastWeek} ${lastWeek.fixes}`, 'digest-fixes')}
      </div>
      <p className="ui-label" style={{ marginTop: 12 }}>{t.learningNewGaps}</p>
      {digest.newGaps.length === 0 ? <p className="muted small">{t.learningNone}</p> : (
        <ul className="plain-list small">
          {digest.newGaps.map((gap) => <li key={`${gap.locale}:${gap.question}`}><q dir="auto">{gap.question}</q> <span className="muted">× {gap.count}</span></li>)}
        </ul>
      )}
    </Panel>
  );
}

/**
 * Knowledge gaps (issue 10): the weekly digest, then the topics of questions the bot could not answer, each with its
 * three fixes. A fixed topic leaves the list at once, a toast confirms, and "Applying… / Live" follows the background
 * rebuild of the tenant's engine.
 */
export function LearningPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const learning = useMemo(() => createLearningApi(api), [api]);
  const [days, setDays] = useState<number>(30);
  const [sort, setSort] = useState<'largest' | 'newest'>('largest');
  const [topics, setTopics] = useState<GapTopic[] | null>(null);
  const [digest, setDigest] = useState<WeeklyDigest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [change, setChange] = useState(0);

  const loadDigest = () => learning.digest().then(setDigest, setError);
  useEffect(() => void loadDigest(), [learning]);
  useEffect(() => {
    setError(null);
    learning.gaps({ days, sort }).then(({ topics: list }) => setTopics(list), setError);
  }, [learning, days, sort]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(timer);
  }, [toast]);

  const fixed = (topic: GapTopic) => {
    setTopics((list) => list?.filter((entry) => identity(entry) !== identity(topic)) ?? null);
    setToast(t.learningSaved);
    setChange((count) => count + 1);
    void loadDigest();
  };

  return (
    <>
      {digest ? <DigestPanel digest={digest} /> : null}
      <Panel title={t.learning} actions={<ApplyStatus change={change} />}>
        <p className="hint">{t.learningIntro}</p>
        <div className="row learning-toolbar">
          <div className="segmented" role="group" aria-label={t.learning}>
            {(['largest', 'newest'] as const).map((value) => (
              <Button key={value} variant={sort === value ? 'primary' : 'default'} aria-pressed={sort === value} onClick={() => setSort(value)}>
                {value === 'largest' ? t.learningSortLargest : t.learningSortNewest}
              </Button>
            ))}
          </div>
          <label className="small">{t.learningRange}{' '}
            <select name="days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {RANGES.map((value) => <option key={value} value={value}>{t.learningLastDays.replace('{n}', String(value))}</option>)}
            </select>
          </label>
          <span style={{ flex: 1 }} />
          <a href="/v1/admin/learning/suite" data-testid="download-suite" onClick={(event) => {
            event.preventDefault();
            learning.downloadSuite().catch(setError);
          }}>{t.learningDownloadSuite}</a>
        </div>
        <ErrorText error={error} />
        {topics === null ? null : topics.length === 0 ? <Empty>{t.learningNoGaps}</Empty> : (
          <ul className="gap-topics">
            {topics.map((topic) => <GapTopicCard key={identity(topic)} topic={topic} learning={learning} onFixed={() => fixed(topic)} />)}
          </ul>
        )}
      </Panel>
      {toast ? <div className="toast" role="status" data-testid="toast">{toast}</div> : null}
    </>
  );
}
