import type { Logger } from 'pino';
import { LingxiError } from '../../engine/errors.ts';
import { clusterQuestions } from '../../engine/learning/cluster-questions.ts';
import { createTokenizer, type Tokenizer } from '../../engine/text/tokenize.ts';
import type { Locale } from '../../engine/types.ts';
import type { PackEngine } from '../../packs/create-pack-engine.ts';
import type { Analytics } from '../analytics/analytics.ts';
import { dayIn, shiftDay, startOfDayIn } from '../analytics/analytics-filters.ts';
import type { EngineRegistry } from '../engine/engine-registry.ts';
import { newId } from '../ids.ts';
import type { GapCandidate, KnowledgeArticle, Store, Tenant, TenantTest, User } from '../storage/store.ts';

export interface GapTopic {
  key: string;
  locale: Locale;
  /** The most central question, in the customer's words. */
  question: string;
  terms: string[];
  count: number;
  newest: string;
  /** Up to 5 example questions, newest first. */
  examples: GapCandidate[];
  /** Every question of the topic (what a fix covers). */
  messageIds: string[];
  /** How the bot fared: fallback / clarify / handoff counts. */
  outcomes: Record<string, number>;
}

export interface WeeklyDigest {
  from: string;
  to: string;
  thisWeek: DigestWeek;
  lastWeek: DigestWeek;
  /** Bot containment (share of conversations never handed to a person), this week minus last week, in points. */
  containmentChange: number | null;
  /** Fixes approved this week. */
  fixed: Array<{ action: string; target: string; approvedAt: string | null; questions: number }>;
  /** The largest open gap topics that appeared this week. */
  newGaps: Array<Pick<GapTopic, 'question' | 'count' | 'locale'>>;
}

interface DigestWeek {
  /** First and last day (YYYY-MM-DD) in the tenant's time zone, as the analytics dashboard counts them. */
  from: string;
  to: string;
  /** From the analytics dashboard of the same days (one definition, docs/analytics.md); null when analytics is off. */
  conversations: number | null;
  engaged: number | null;
  handedOff: number | null;
  /** The dashboard's containment: engaged conversations never handed to a person / engaged; null without engaged conversations or analytics. */
  containment: number | null;
  customerMessages: number;
  gapQuestions: number;
  fixes: number;
}

const DAY = 86_400_000;
const MAX_TOPIC_QUESTIONS = 30;

/**
 * The learning loop (issue 10): knowledge gaps from the questions the bot could not answer, and the three ways an admin
 * closes one — write an FAQ answer, promote an agent's actual reply to a draft article (approved later), or add the
 * questions as training phrases of an intent. Every approved fix takes its questions off the gaps, stores a regression
 * conversation test, and moves the tenant's content version on, so every node rebuilds the tenant's engine in the
 * background (no restart) — see EngineRegistry.forTenant.
 */
export function createLearningService(deps: {
  store: Store; engines: EngineRegistry; logger: Logger; tokenizer?: Tokenizer; now?: () => Date;
  /** The analytics the weekly digest takes its conversation numbers from (read when asked: it is set after start-up). */
  analytics?: () => Analytics | undefined;
}) {
  const { store, engines, logger } = deps;
  const tokenizer = deps.tokenizer ?? createTokenizer();
  const now = deps.now ?? (() => new Date());

  /** Starts the tenant's rebuild now rather than on the next customer message (the admin sees "applied" sooner). */
  async function refresh(tenantId: string) {
    const tenant = await store.getTenant(tenantId);
    if (tenant) void engines.forTenant(tenant).catch((error) => logger.error({ err: error, tenantId }, 'tenant engine rebuild failed'));
  }

  async function candidatesOrThrow(tenant: Tenant, messageIds: string[]) {
    const candidates = await store.getGapCandidates(tenant.id, messageIds);
    if (!candidates.length) throw new LingxiError('not_found', 'None of these questions is an open knowledge gap (already fixed, or not a gap).');
    return candidates;
  }

  const uniqueQuestions = (candidates: GapCandidate[]) =>
    [...new Set(candidates.map((candidate) => candidate.text.trim().replace(/\s+/g, ' ')).filter((text) => text.length > 0 && text.length <= 300))].slice(0, MAX_TOPIC_QUESTIONS);

  const majorityLocale = (candidates: GapCandidate[]): Locale =>
    candidates.filter((candidate) => candidate.locale === 'en').length > candidates.length / 2 ? 'en' : 'zh';

  /** A regression test: the topic's most recent questions (up to 3), each in a new conversation, must get the fix. */
  function regressionTests(tenant: Tenant, name: string, candidates: GapCandidate[], expectation: { source?: string; intent?: string }): Array<Pick<TenantTest, 'id' | 'name' | 'spec'>> {
    const picked = uniqueQuestions(candidates).slice(0, 3);
    return picked.map((question, index) => ({
      id: newId('tt'),
      name: `${name} (${index + 1}/${picked.length})`,
      spec: {
        name: `${name}: "${question.slice(0, 60)}"`, pack: tenant.settings.packs[0], packs: tenant.settings.packs,
        locale: candidates.find((candidate) => candidate.text.trim() === question)?.locale ?? majorityLocale(candidates),
        turns: [{ user: question, ...(expectation.source ? { source: expectation.source } : {}), ...(expectation.intent ? { intent: expectation.intent } : {}) }],
      },
    }));
  }

  async function packIntents(tenant: Tenant): Promise<Record<string, { zh: string[]; en: string[] }>> {
    const engine = (await engines.get(tenant.settings)) as Partial<PackEngine>;
    return engine.pack?.intents ?? {};
  }

  return {
    /** Open knowledge gaps of the last `days` days, as topics, largest (or newest) first. */
    async gaps(tenant: Tenant, options: { days?: number; sort?: 'largest' | 'newest'; limit?: number } = {}): Promise<GapTopic[]> {
      const since = new Date(now().getTime() - (options.days ?? 30) * DAY).toISOString();
      const candidates = await store.listGapCandidates(tenant.id, { since, limit: 2000 });
      const topics = clusterQuestions(candidates, tokenizer, { sort: options.sort ?? 'largest' });
      return topics.slice(0, options.limit ?? 50).map((topic) => ({
        // Stable across reloads and re-sorting: named after the topic's central question.
        key: `gap-${topic.representative.messageId}`, locale: topic.locale, question: topic.representative.text, terms: topic.terms, count: topic.items.length, newest: topic.newest,
        examples: topic.items.slice(0, 5), messageIds: topic.items.map((item) => item.messageId),
        outcomes: topic.items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item.outcome]: (counts[item.outcome] ?? 0) + 1 }), {}),
      }));
    },

    /** (a) The admin writes the answer: a published article whose questions are the gap's questions. */
    async answer(tenant: Tenant, user: User, input: { messageIds: string[]; title: string; body: string; locale?: Locale; questions?: string[] }) {
      const candidates = await candidatesOrThrow(tenant, input.messageIds);
      const article = await store.createArticle({
        id: newId('kb'), tenantId: tenant.id, title: input.title, body: input.body, locale: input.locale ?? majorityLocale(candidates), tags: ['learned'],
        questions: [...new Set([...(input.questions ?? []), ...uniqueQuestions(candidates)])].slice(0, 100), status: 'published',
      });
      const tests = regressionTests(tenant, `Knowledge gap: ${input.title}`, candidates, { source: article.id });
      const resolution = await store.recordGapResolution({
        id: newId('gap'), tenantId: tenant.id, action: 'answer', status: 'approved', target: article.id,
        messageIds: candidates.map((candidate) => candidate.messageId), createdBy: user.id, tests,
      });
      await refresh(tenant.id);
      return { article, resolution };
    },

    /**
     * (b) An agent's actual reply in one of those conversations becomes a draft article; it answers customers only
     * after `approveDraft`. The reply is the first agent message after the gap question in its conversation.
     */
    async promoteAgentReply(tenant: Tenant, user: User, input: { messageIds: string[]; replyMessageId?: string }) {
      const candidates = await candidatesOrThrow(tenant, input.messageIds);
      const replies: Array<{ id: string; text: string; conversationId: string }> = [];
      for (const candidate of candidates.slice(0, 20)) {
        const messages = await store.listMessages(tenant.id, candidate.conversationId, { limit: 500 });
        const asked = messages.find((message) => message.id === candidate.messageId);
        const reply = asked && messages.find((message) => message.seq > asked.seq && message.author === 'agent' && message.text.trim().length > 0);
        if (reply) replies.push({ id: reply.id, text: reply.text, conversationId: candidate.conversationId });
      }
      const chosen = input.replyMessageId ? replies.find((reply) => reply.id === input.replyMessageId) : replies[0];
      if (!chosen) throw new LingxiError('conflict', 'No agent replied to these questions yet; write the answer instead.');
      const title = candidates[0].text.trim().slice(0, 300);
      const article = await store.createArticle({
        id: newId('kb'), tenantId: tenant.id, title, body: chosen.text, locale: majorityLocale(candidates), tags: ['learned', 'from-agent'],
        questions: uniqueQuestions(candidates), status: 'draft',
      });
      const resolution = await store.recordGapResolution({
        id: newId('gap'), tenantId: tenant.id, action: 'agent_reply', status: 'pending', target: article.id,
        messageIds: candidates.map((candidate) => candidate.messageId), createdBy: user.id,
      });
      return { article, resolution, replies };
    },

    /** Publishes a draft (edited or not) and approves the fix it came from, with its regression tests. */
    async approveDraft(tenant: Tenant, _user: User, articleId: string, edits: { title?: string; body?: string } = {}): Promise<{ article: KnowledgeArticle }> {
      const draft = await store.getArticle(tenant.id, articleId);
      if (!draft) throw new LingxiError('not_found', `Knowledge article ${articleId} was not found.`);
      if (draft.status !== 'draft') throw new LingxiError('conflict', `Knowledge article ${articleId} is already published.`);
      const article = (await store.updateArticle(tenant.id, articleId, { ...edits, status: 'published' }))!;
      const pending = await store.findPendingResolution(tenant.id, articleId);
      if (pending) {
        const candidates = await store.getGapCandidates(tenant.id, pending.messageIds);
        const tests = regressionTests(tenant, `Knowledge gap: ${article.title}`, candidates, { source: article.id });
        await store.approveGapResolution(tenant.id, pending.id, tests);
      }
      await refresh(tenant.id);
      return { article };
    },

    /** (c) The questions become training phrases of an existing intent of the tenant's packs. */
    async addPhrasesFromGap(tenant: Tenant, user: User, input: { messageIds: string[]; intent: string }) {
      const candidates = await candidatesOrThrow(tenant, input.messageIds);
      const intents = await packIntents(tenant);
      if (!intents[input.intent]) throw new LingxiError('validation_failed', `Unknown intent "${input.intent}" for packs ${tenant.settings.packs.join(', ')}.`);
      const phrases = await store.addIntentPhrases(tenant.id, uniqueQuestions(candidates).map((text) => ({
        id: newId('phr'), intent: input.intent, text, locale: candidates.find((candidate) => candidate.text.trim() === text)?.locale ?? 'zh', createdBy: user.id,
      })));
      const tests = regressionTests(tenant, `Knowledge gap → ${input.intent}`, candidates, { intent: input.intent });
      const resolution = await store.recordGapResolution({
        id: newId('gap'), tenantId: tenant.id, action: 'phrases', status: 'approved', target: input.intent,
        messageIds: candidates.map((candidate) => candidate.messageId), createdBy: user.id, tests,
      });
      await refresh(tenant.id);
      return { phrases, resolution };
    },

    /** The packs' intents with their built-in phrases and the tenant's own. */
    async intents(tenant: Tenant) {
      const [intents, custom] = await Promise.all([packIntents(tenant), store.listIntentPhrases(tenant.id)]);
      return Object.entries(intents).sort(([a], [b]) => a.localeCompare(b)).map(([intent, phrases]) => ({
        intent, phrases, custom: custom.filter((phrase) => phrase.intent === intent),
      }));
    },

    async addPhrases(tenant: Tenant, user: User, intent: string, texts: Array<{ text: string; locale: Locale }>) {
      const intents = await packIntents(tenant);
      if (!intents[intent]) throw new LingxiError('validation_failed', `Unknown intent "${intent}" for packs ${tenant.settings.packs.join(', ')}.`);
      const phrases = await store.addIntentPhrases(tenant.id, texts.map(({ text, locale }) => ({ id: newId('phr'), intent, text: text.trim(), locale, createdBy: user.id })));
      await refresh(tenant.id);
      return phrases;
    },

    async deletePhrase(tenant: Tenant, id: string) {
      if (!(await store.deleteIntentPhrase(tenant.id, id))) throw new LingxiError('not_found', `Phrase ${id} was not found.`);
      await refresh(tenant.id);
    },

    /** The tenant's regression suite in the `*.suite.yaml` shape `lingxi test` runs (with the tenant's content). */
    async suite(tenant: Tenant) {
      const [content, tests] = await Promise.all([store.tenantContent(tenant.id), store.listTenantTests(tenant.id)]);
      return {
        suite: `${tenant.name} — regression tests from approved knowledge fixes`, tenant: tenant.id, exportedAt: now().toISOString(), packs: tenant.settings.packs,
        content: {
          articles: content.articles.map(({ id, title, body, locale, questions, tags }) => ({ id, title, body, locale, questions, tags })),
          phrases: content.phrases.map(({ intent, text }) => ({ intent, text })),
        },
        tests: tests.map((test) => test.spec).filter((spec) => Array.isArray(spec.turns) && spec.turns.length > 0),
      };
    },

    /**
     * What changed in the last 7 days (today and the 6 before, in the tenant's time zone) against the 7 before: gaps,
     * fixes and bot containment. Conversation numbers come from the analytics dashboard of the same days, so the digest
     * and the dashboard cannot disagree (issue 28).
     */
    async digest(tenant: Tenant): Promise<WeeklyDigest> {
      const timeZone = tenant.settings.businessHours?.timeZone ?? 'UTC';
      const today = dayIn(now(), timeZone);
      const analytics = deps.analytics?.();
      if (analytics) await analytics.aggregator.catchUp();
      const week = async (from: string, to: string): Promise<DigestWeek> => {
        const [counts, dashboard] = await Promise.all([
          store.learningCounts(tenant.id, startOfDayIn(from, timeZone).toISOString(), startOfDayIn(shiftDay(to, 1), timeZone).toISOString()),
          analytics ? analytics.queries.dashboard(tenant.id, { from, to }, {}) : null,
        ]);
        return {
          ...counts, from, to,
          conversations: dashboard?.totals.conversations ?? null, engaged: dashboard?.totals.engaged ?? null, handedOff: dashboard?.totals.handedOff ?? null,
          containment: dashboard?.rates.containment ?? null,
        };
      };
      const weekStart = shiftDay(today, -6);
      const [thisWeek, lastWeek, resolutions, topics] = await Promise.all([
        week(weekStart, today), week(shiftDay(weekStart, -7), shiftDay(weekStart, -1)),
        store.listGapResolutions(tenant.id, { since: startOfDayIn(weekStart, timeZone).toISOString() }), this.gaps(tenant, { days: 7 }),
      ]);
      return {
        from: startOfDayIn(weekStart, timeZone).toISOString(), to: now().toISOString(), thisWeek, lastWeek,
        containmentChange: thisWeek.containment !== null && lastWeek.containment !== null ? Math.round((thisWeek.containment - lastWeek.containment) * 1000) / 10 : null,
        fixed: resolutions.filter((resolution) => resolution.status === 'approved')
          .map((resolution) => ({ action: resolution.action, target: resolution.target, approvedAt: resolution.approvedAt, questions: resolution.messageIds.length })),
        newGaps: topics.slice(0, 5).map(({ question, count, locale }) => ({ question, count, locale })),
      };
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
