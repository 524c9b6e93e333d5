import { useEffect, useMemo, useState } from 'react';
import type { Article, KnowledgeHits } from '../shared/api-types.ts';
import { MarkdownView } from '../shared/components/markdown-view.tsx';
import { Badge, Button, Empty, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { ApplyStatus } from './apply-status.tsx';
import { createLearningApi } from './learning-api.ts';

type Draft = Pick<Article, 'title' | 'body' | 'locale' | 'status'> & { tags: string; questions: string; id?: string };
const blank: Draft = { title: '', body: '', locale: 'zh', tags: '', questions: '', status: 'published' };
const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/**
 * Knowledge base: search, create, edit (Markdown with a safe preview, other ways to ask, draft or published), delete,
 * and the customer questions each article answered.
 */
export function KnowledgePage() {
  const { t } = useI18n();
  const { api } = useSession();
  const [articles, setArticles] = useState<Article[]>([]);
  const [search, setSearch] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [change, setChange] = useState(0);
  const learning = useMemo(() => createLearningApi(api), [api]);
  const reload = () => api.articles().then(({ articles: list }) => setArticles(list)).catch(setError);
  useEffect(() => void reload(), []);
  const shown = useMemo(() => articles.filter((article) => `${article.title} ${article.body} ${article.tags.join(' ')} ${article.questions.join(' ')}`.toLowerCase().includes(search.toLowerCase())), [articles, search]);
  const save = async () => {
    if (!draft) return;
    const body = { title: draft.title, body: draft.body, locale: draft.locale, tags: draft.tags.split(',').map((tag) => tag.trim()).filter(Boolean), questions: lines(draft.questions), status: draft.status };
    try {
      const saved = draft.id ? await api.updateArticle(draft.id, body) : await api.createArticle(body);
      setDraft({ ...draft, id: saved.id });
      setChange((count) => count + 1);
      await reload();
    } catch (failure) {
      setError(failure);
    }
  };
  /** Publishing a draft goes through the learning loop's approve route, which also closes the knowledge gap it came from. */
  const togglePublished = async () => {
    if (!draft?.id) return setDraft(draft && { ...draft, status: draft.status === 'draft' ? 'published' : 'draft' });
    try {
      const saved = await learning.setArticleStatus(draft.id, draft.status === 'draft' ? 'published' : 'draft');
      setDraft({ ...draft, status: saved.status });
      setChange((count) => count + 1);
      await reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Panel title={t.knowledge} actions={<div className="row" style={{ alignItems: 'center' }}><ApplyStatus change={change} /><Button variant="primary" onClick={() => setDraft({ ...blank })}>{t.newArticle}</Button></div>}>
      <ErrorText error={error} />
      <div className="article-list">
        <div>
          <input type="search" placeholder={t.search} aria-label={t.search} value={search} onChange={(event) => setSearch(event.target.value)} style={{ width: '100%', marginBottom: 8 }} />
          <ul className="article-items">
            {shown.length === 0 ? <Empty>{t.none}</Empty> : shown.map((article) => (
              <li key={article.id}><button className={draft?.id === article.id ? 'active' : ''} data-article-id={article.id} onClick={() => setDraft({ ...article, tags: article.tags.join(', '), questions: article.questions.join('\n') })}>
                <strong dir="auto">{article.title}</strong>{article.status === 'draft' ? <> <Badge tone="amber">{t.articleDraft}</Badge></> : null}<br /><span className="muted small">{article.locale} · {t.updated} {new Date(article.updatedAt).toLocaleDateString()}</span>
              </button></li>
            ))}
          </ul>
        </div>
        {draft ? (
          <div>
            <div className="row">
              <Field label={t.title}><input name="title" value={draft.title} onChange={(event) => setDraft({ ...draft, title: event.target.value })} /></Field>
              <Field label={t.learningLocale}><select value={draft.locale} onChange={(event) => setDraft({ ...draft, locale: event.target.value as 'zh' | 'en' })}><option value="zh">中文</option><option value="en">English</option></select></Field>
            </div>
            <Field label={t.body}><textarea name="body" rows={8} value={draft.body} onChange={(event) => setDraft({ ...draft, body: event.target.value })} /></Field>
            <Field label={t.articleQuestions} hint={t.articleQuestionsHint}><textarea name="questions" rows={3} value={draft.questions} onChange={(event) => setDraft({ ...draft, questions: event.target.value })} /></Field>
            <Field label={t.tags}><input value={draft.tags} onChange={(event) => setDraft({ ...draft, tags: event.target.value })} /></Field>
            <div className="row" style={{ alignItems: 'center', marginBottom: 12 }} data-testid="article-status">
              <Badge tone={draft.status === 'draft' ? 'amber' : 'green'}>{draft.status === 'draft' ? t.articleDraft : t.articlePublished}</Badge>
              <Button onClick={() => void togglePublished()}>{draft.status === 'draft' ? t.articlePublish : t.articleUnpublish}</Button>
            </div>
            <p className="ui-label">{t.preview}</p>
            <div className="preview" data-testid="article-preview"><h3 dir="auto">{draft.title}</h3><MarkdownView text={draft.body} /></div>
            <div className="row" style={{ marginTop: 12 }}>
              <Button variant="primary" onClick={() => void save()} disabled={!draft.title.trim() || !draft.body.trim()}>{t.save}</Button>
              <Button onClick={() => setDraft(null)}>{t.cancel}</Button>
              {draft.id ? <Button variant="danger" onClick={() => window.confirm(t.confirmDelete) && api.deleteArticle(draft.id!).then(() => (setDraft(null), reload()), setError)}>{t.delete}</Button> : null}
            </div>
            {draft.id ? <ArticleHits id={draft.id} /> : null}
          </div>
        ) : <Empty>{t.newArticle}</Empty>}
      </div>
    </Panel>
  );
}

/** Recent customer questions whose turn used the article, each linking to its conversation in the console. */
function ArticleHits({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [hits, setHits] = useState<KnowledgeHits | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setHits(null);
    api.knowledgeHits(id).then(setHits, setError);
  }, [api, id]);
  return (
    <section className="article-hits" data-testid="article-hits" style={{ marginTop: 16 }}>
      <h3 className="small">{t.knowledgeHits} {hits ? <span className="muted" data-testid="hit-count">· {hits.count} {t.knowledgeHitsCount}</span> : null}</h3>
      <ErrorText error={error} />
      {hits && hits.hits.length === 0 ? <Empty>{t.knowledgeHitsNone}</Empty> : null}
      <ul className="plain-list">
        {hits?.hits.map((hit) => (
          <li key={`${hit.conversationId}:${hit.at}:${hit.messageId ?? ''}`}>
            <q dir="auto">{hit.question ?? '—'}</q>{' '}
            <span className="muted small">{new Date(hit.at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US')}{hit.confidence !== null ? ` · ${Math.round(hit.confidence * 100)}%` : ''}</span>{' '}
            <a href={`/console/?conversation=${encodeURIComponent(hit.conversationId)}`} target="_blank" rel="noreferrer">{t.openConversation}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
