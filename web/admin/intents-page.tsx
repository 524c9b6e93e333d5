import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Empty, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { ApplyStatus } from './apply-status.tsx';
import { createLearningApi, type IntentEntry, type LearningApi } from './learning-api.ts';
import './learning.css';

/** One intent, expanded: the pack's phrases (read-only), the tenant's own (deletable) and a box to add more. */
function IntentDetail({ entry, learning, onChanged }: { entry: IntentEntry; learning: LearningApi; onChanged: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [locale, setLocale] = useState<'zh' | 'en'>('zh');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="intent-body">
      <ErrorText error={error} />
      <p className="ui-label">{t.intentsCustom}</p>
      {entry.custom.length === 0 ? <p className="muted small">{t.intentsNone}</p> : (
        <ul className="intent-phrases" data-testid="custom-phrases">
          {entry.custom.map((phrase) => (
            <li key={phrase.id}>
              <Badge>{phrase.locale}</Badge><span dir="auto">{phrase.text}</span>
              <Button variant="ghost" className="ui-danger" aria-label={`${t.delete} ${phrase.text}`} disabled={busy} onClick={() => void act(() => learning.deletePhrase(phrase.id))}>{t.delete}</Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => {
        event.preventDefault();
        void act(() => learning.addPhrases(entry.intent, lines.map((line) => ({ text: line, locale })))).then((ok) => ok && setText(''));
      }}>
        <div className="row">
          <Field label={t.intentsAdd} hint={t.intentsAddHint}><textarea name="phrases" rows={3} value={text} onChange={(event) => setText(event.target.value)} /></Field>
          <Field label={t.learningLocale}><select name="locale" value={locale} onChange={(event) => setLocale(event.target.value as 'zh' | 'en')}><option value="zh">中文</option><option value="en">English</option></select></Field>
        </div>
        <Button type="submit" variant="primary" disabled={busy || lines.length === 0}>{t.intentsAdd}</Button>
      </form>
      <p className="ui-label">{t.intentsBuiltIn}</p>
      {(['zh', 'en'] as const).map((language) => entry.phrases[language].length ? (
        <details key={language} open={language === 'zh'}>
          <summary className="small">{language === 'zh' ? '中文' : 'English'} · {entry.phrases[language].length} {t.intentsPhrases}</summary>
          <ul className="intent-phrases muted">{entry.phrases[language].map((phrase, index) => <li key={index} dir="auto">{phrase}</li>)}</ul>
        </details>
      ) : null)}
    </div>
  );
}

/** Intents (issue 10): the packs' intents with a search box; each opens to its phrases, where the tenant adds or removes its own. */
export function IntentsPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const learning = useMemo(() => createLearningApi(api), [api]);
  const [intents, setIntents] = useState<IntentEntry[] | null>(null);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [change, setChange] = useState(0);
  const reload = () => learning.intents().then(({ intents: list }) => setIntents(list), setError);
  useEffect(() => void reload(), [learning]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return intents ?? [];
    return (intents ?? []).filter((entry) => [entry.intent, ...entry.phrases.zh, ...entry.phrases.en, ...entry.custom.map((phrase) => phrase.text)].some((text) => text.toLowerCase().includes(needle)));
  }, [intents, search]);

  return (
    <Panel title={t.intents} actions={<ApplyStatus change={change} />}>
      <input type="search" placeholder={t.intentsSearch} aria-label={t.intentsSearch} value={search} onChange={(event) => setSearch(event.target.value)} style={{ width: '100%', marginBottom: 10 }} />
      <ErrorText error={error} />
      {intents !== null && shown.length === 0 ? <Empty>{t.none}</Empty> : (
        <ul className="intent-list">
          {shown.map((entry) => (
            <li key={entry.intent} className={`intent-item${open === entry.intent ? ' open' : ''}`} data-intent={entry.intent}>
              <button type="button" aria-expanded={open === entry.intent} onClick={() => setOpen(open === entry.intent ? null : entry.intent)}>
                <code>{entry.intent}</code>
                <span className="muted small">{entry.phrases.zh.length + entry.phrases.en.length} {t.intentsPhrases}{entry.custom.length ? ` · +${entry.custom.length}` : ''}</span>
              </button>
              {open === entry.intent ? <IntentDetail entry={entry} learning={learning} onChanged={() => (setChange((count) => count + 1), void reload())} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
