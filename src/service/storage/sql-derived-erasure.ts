import type { SqlExecutor } from './sql-client.ts';
import { bumpContentVersion } from './sql-directory.ts';
import { json } from './sql-rows.ts';

/** What an erasure removed beyond the conversations themselves (issue 23, D1). */
export interface DerivedErasure {
  phrases: number;
  articleQuestions: number;
  draftArticles: number;
  tests: number;
  resolutions: number;
}

/** The learning loop stores a question trimmed with its whitespace collapsed (learning-service `uniqueQuestions`). */
const normalizeQuestion = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** Every string anywhere inside a JSON value (tenant test specs nest the questions in `turns[].user`). */
function stringsIn(value: unknown): string[] {
  const found: string[] = [];
  const pending = [value];
  while (pending.length) {
    const current = pending.pop();
    if (typeof current === 'string') found.push(current);
    else if (current && typeof current === 'object') pending.push(...Object.values(current));
  }
  return found;
}

/**
 * Removes what the learning loop derived from the given conversations before they are deleted: a customer's
 * question copied into training phrases (`intent_phrases`), into an article's `questions` or title, or into a
 * regression test (`tenant_tests`); a draft article whose body is an agent reply from these conversations (not yet
 * approved, so nobody vouched for it); and the conversations' message ids in `gap_resolutions` /
 * `gap_resolved_messages`. Matching is on the question as the learning loop stored it, so a phrase an admin typed
 * that happens to equal the customer's words goes too: erasure errs on the side of erasing. Published articles
 * keep their (admin-approved) body. Bumps the tenant's content version when the engine's content changed, so every
 * node rebuilds without the erased text.
 */
export async function eraseDerivedArtefacts(tx: SqlExecutor, tenantId: string, conversationIds: string[]): Promise<DerivedErasure> {
  const result: DerivedErasure = { phrases: 0, articleQuestions: 0, draftArticles: 0, tests: 0, resolutions: 0 };
  if (!conversationIds.length) return result;
  const messages = await tx.query<{ id: string; text: string; author: string }>(
    'SELECT id, text, author FROM messages WHERE tenant_id = $1 AND conversation_id = ANY($2::text[])', [tenantId, conversationIds]);
  const messageIds = messages.map((message) => message.id);
  const questions = new Set(messages.filter((message) => message.author === 'customer').map((message) => normalizeQuestion(message.text)).filter(Boolean));
  const replies = new Set(messages.filter((message) => message.author === 'agent').map((message) => message.text.trim()).filter(Boolean));
  const isQuestion = (text: string) => questions.has(normalizeQuestion(text));

  const phrases = (await tx.query<{ id: string; text: string }>('SELECT id, text FROM intent_phrases WHERE tenant_id = $1', [tenantId]))
    .filter((phrase) => isQuestion(phrase.text)).map((phrase) => phrase.id);
  if (phrases.length) await tx.query('DELETE FROM intent_phrases WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, phrases]);
  result.phrases = phrases.length;

  const articles = await tx.query<{ id: string; title: string; body: string; status: string; questions: unknown }>(
    'SELECT id, title, body, status, questions FROM knowledge_articles WHERE tenant_id = $1', [tenantId]);
  const deletedArticles: string[] = [];
  for (const article of articles) {
    const before = json<string[]>(article.questions);
    const kept = before.filter((question) => !isQuestion(question));
    if (article.status === 'draft' && (isQuestion(article.title) || replies.has(article.body.trim()))) {
      deletedArticles.push(article.id);
      continue;
    }
    if (kept.length === before.length && !isQuestion(article.title)) continue;
    result.articleQuestions += before.length - kept.length;
    const title = isQuestion(article.title) ? (kept[0] ?? 'Erased question').slice(0, 300) : article.title;
    await tx.query('UPDATE knowledge_articles SET questions = $3::jsonb, title = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [tenantId, article.id, JSON.stringify(kept), title]);
  }
  if (deletedArticles.length) await tx.query('DELETE FROM knowledge_articles WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, deletedArticles]);
  result.draftArticles = deletedArticles.length;

  const tests = (await tx.query<{ id: string; name: string; spec: unknown }>('SELECT id, name, spec FROM tenant_tests WHERE tenant_id = $1', [tenantId]))
    .filter((test) => stringsIn(json(test.spec)).some(isQuestion)).map((test) => test.id);
  if (tests.length) await tx.query('DELETE FROM tenant_tests WHERE tenant_id = $1 AND id = ANY($2::text[])', [tenantId, tests]);
  result.tests = tests.length;

  // Resolutions keep counting what they fixed without pointing at erased messages; a pending promotion of a deleted
  // draft goes with it.
  await tx.query('DELETE FROM gap_resolved_messages WHERE tenant_id = $1 AND message_id = ANY($2::text[])', [tenantId, messageIds]);
  if (deletedArticles.length) {
    result.resolutions += (await tx.query("DELETE FROM gap_resolutions WHERE tenant_id = $1 AND status = 'pending' AND target = ANY($2::text[]) RETURNING id", [tenantId, deletedArticles])).length;
  }
  result.resolutions += (await tx.query(
    `UPDATE gap_resolutions SET message_ids = COALESCE((SELECT jsonb_agg(value) FROM jsonb_array_elements(message_ids) AS value WHERE NOT (value #>> '{}') = ANY($2::text[])), '[]'::jsonb)
     WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(message_ids) AS item WHERE item = ANY($2::text[])) RETURNING id`, [tenantId, messageIds])).length;

  if (result.phrases || result.articleQuestions || result.draftArticles) await bumpContentVersion(tx, tenantId);
  return result;
}
