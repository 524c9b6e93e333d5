import { ApiError, type ApiClient } from '../shared/api-client.ts';
import type { Article } from '../shared/api-types.ts';

type Locale = 'zh' | 'en';

/** A question the bot could not answer (mirrors candidateSchema in src/service/learning/learning-http.ts). */
export interface GapQuestion {
  messageId: string; conversationId: string; text: string; locale: Locale; outcome: string;
  intent: string | null; confidence: number | null; createdAt: string;
}
/** A cluster of such questions (topicSchema). */
export interface GapTopic {
  key: string; locale: Locale; question: string; terms: string[]; count: number; newest: string;
  examples: GapQuestion[]; messageIds: string[]; outcomes: Record<string, number>;
}
/** Conversation numbers and containment come from the analytics dashboard of the same tenant-zone days (null when analytics is off). */
export interface DigestWeek { from: string; to: string; conversations: number | null; engaged: number | null; handedOff: number | null; containment: number | null; customerMessages: number; gapQuestions: number; fixes: number }
/** GET /v1/admin/learning/digest: the last 7 days against the 7 before. */
export interface WeeklyDigest {
  from: string; to: string; thisWeek: DigestWeek; lastWeek: DigestWeek; containmentChange: number | null;
  fixed: Array<{ action: string; target: string; approvedAt: string | null; questions: number }>;
  newGaps: Array<{ question: string; count: number; locale: Locale }>;
}
export interface IntentPhrase { id: string; intent: string; text: string; locale: Locale; createdBy: string | null; createdAt: string }
/** An intent of the tenant's packs with its built-in phrases and the tenant's own. */
export interface IntentEntry { intent: string; phrases: { zh: string[]; en: string[] }; custom: IntentPhrase[] }
export interface LearningStatus { contentVersion: number; liveVersion: number; applied: boolean }
export interface AgentReply { id: string; text: string; conversationId: string }

/**
 * Typed calls of the learning-loop admin routes (issue 10), on the session's token. Kept beside the pages that use
 * them rather than in the shared client, which the console bundles too.
 */
export function createLearningApi(api: Pick<ApiClient, 'token'>) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${api.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, data.error ?? 'internal', data.message ?? response.statusText);
    return data as T;
  }
  const encode = encodeURIComponent;
  return {
    gaps: (options: { days: number; sort: 'largest' | 'newest' }) =>
      call<{ topics: GapTopic[] }>('GET', `/v1/admin/learning/gaps?days=${options.days}&sort=${options.sort}`),
    digest: () => call<WeeklyDigest>('GET', '/v1/admin/learning/digest'),
    status: () => call<LearningStatus>('GET', '/v1/admin/learning/status'),
    answer: (input: { messageIds: string[]; title: string; body: string; locale?: Locale }) => call<{ article: Article }>('POST', '/v1/admin/learning/gaps/answer', input),
    promote: (messageIds: string[], replyMessageId?: string) =>
      call<{ article: Article; replies: AgentReply[] }>('POST', '/v1/admin/learning/gaps/promote', { messageIds, replyMessageId }),
    approve: (id: string, edits: { title?: string; body?: string } = {}) => call<{ article: Article }>('POST', `/v1/admin/learning/drafts/${encode(id)}/approve`, edits),
    phrasesFromGap: (messageIds: string[], intent: string) => call<{ phrases: IntentPhrase[] }>('POST', '/v1/admin/learning/gaps/phrases', { messageIds, intent }),
    intents: () => call<{ intents: IntentEntry[] }>('GET', '/v1/admin/intents'),
    addPhrases: (intent: string, phrases: Array<{ text: string; locale: Locale }>) =>
      call<{ phrases: IntentPhrase[] }>('POST', `/v1/admin/intents/${encode(intent)}/phrases`, { phrases }),
    deletePhrase: (id: string) => call<{ deleted: true }>('DELETE', `/v1/admin/intents/phrases/${encode(id)}`),
    /**
     * Publishes a draft through the approve route (which also closes the knowledge gap the draft came from, with its
     * regression tests), or takes a published article back to draft.
     */
    async setArticleStatus(id: string, status: Article['status']): Promise<Article> {
      if (status === 'published') return (await call<{ article: Article }>('POST', `/v1/admin/learning/drafts/${encode(id)}/approve`, {})).article;
      return call<Article>('PUT', `/v1/knowledge/${encode(id)}`, { status });
    },
    /** Saves the tenant regression suite (YAML) as a file: the route needs the bearer token, so a plain link cannot fetch it. */
    async downloadSuite() {
      const response = await fetch('/v1/admin/learning/suite', { headers: { authorization: `Bearer ${api.token}` } });
      if (!response.ok) throw new ApiError(response.status, 'internal', response.statusText);
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'tenant.suite.yaml';
      const url = URL.createObjectURL(await response.blob());
      Object.assign(document.createElement('a'), { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  };
}

export type LearningApi = ReturnType<typeof createLearningApi>;
