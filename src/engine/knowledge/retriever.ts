import type { Locale } from '../types.ts';
import type { Tokenizer } from '../text/tokenize.ts';
import type { KnowledgeDoc, KnowledgeHit, Retriever } from './types.ts';
import { createBm25Index } from './bm25-index.ts';
import { createQuestionMatcher, type MatcherParams } from './question-matcher.ts';
import type { TextProfile } from './pair-features.ts';

export interface RetrieverConfig {
  docs: KnowledgeDoc[];
  /** Matcher params; default: the ones fitted on AFQMC train. */
  matcher?: MatcherParams;
  /** Weight of the answer text in BM25 relative to title and questions (1). */
  answerWeight?: number;
  /** Share of `confidence` that comes from the matcher's best question similarity (the rest from BM25). */
  matcherShare?: number;
}

/** How many BM25 candidates the question matcher re-scores. */
export const RERANK_CANDIDATES = 25;

/** BM25 terms: words (jieba, stemmed English) plus Chinese character bigrams. */
function terms(text: string, tokenizer: Tokenizer): string[] {
  return tokenizer.features(text).filter((feature) => !feature.startsWith('c:'));
}

/**
 * Creates the FAQ retriever: BM25 over title + questions + (down-weighted) answer, re-scored with the question
 * matcher's best query↔question similarity. `confidence` = matcherShare · similarity + (1 − matcherShare) ·
 * BM25 relative to a perfect self-match of the best question, both in 0…1.
 */
export function createRetriever(config: RetrieverConfig, deps: { tokenizer: Tokenizer }): Retriever {
  const { tokenizer } = deps;
  const docs = config.docs;
  const answerWeight = config.answerWeight ?? 0.3;
  const matcherShare = config.matcherShare ?? 0.6;
  const matcher = createQuestionMatcher(config.matcher, deps);
  const index = createBm25Index(docs.map((doc) => [
    { terms: doc.questions.flatMap((question) => terms(question, tokenizer)), weight: 1 },
    { terms: doc.questions.includes(doc.title) ? [] : terms(doc.title, tokenizer), weight: 1 },
    { terms: terms(doc.answer, tokenizer), weight: answerWeight },
  ]));
  const profiles: TextProfile[][] = docs.map((doc) => doc.questions.map((question) => matcher.profile(question)));

  function retrieve(query: string, options: { locale?: Locale; limit?: number } = {}): KnowledgeHit[] {
    const limit = options.limit ?? 5;
    const queryTerms = terms(query, tokenizer);
    if (queryTerms.length === 0) return [];
    const bm25 = index.search(queryTerms);
    // A perfect BM25 score for this query: the query matched against itself is not available, so normalise by the
    // best score in the candidate set, damped so that a lone weak hit does not look perfect.
    let best = 0;
    for (const score of bm25.values()) best = Math.max(best, score);
    const reference = Math.max(best, 2 * queryTerms.length ** 0.5);
    const queryProfile = matcher.profile(query);
    const hits: KnowledgeHit[] = [];
    // Re-rank only the best BM25 candidates: the pair features (edit similarity, common substrings) are the
    // expensive part of a turn, and a question with little term overlap never wins on similarity alone.
    const candidates = [...bm25].filter(([d]) => !options.locale || docs[d].locale === options.locale)
      .sort((a, b) => b[1] - a[1]).slice(0, RERANK_CANDIDATES);
    for (const [d, score] of candidates) {
      const doc = docs[d];
      let similarity = 0;
      for (const profile of profiles[d]) similarity = Math.max(similarity, matcher.similarityOfProfiles(queryProfile, profile));
      const confidence = matcherShare * similarity + (1 - matcherShare) * Math.min(1, score / reference);
      hits.push({ doc, score, confidence });
    }
    return hits.sort((a, b) => b.confidence - a.confidence || b.score - a.score).slice(0, limit);
  }

  return { retrieve, size: () => docs.length };
}
