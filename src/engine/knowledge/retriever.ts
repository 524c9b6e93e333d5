import type { Locale } from '../types.ts';
import type { Tokenizer } from '../text/tokenize.ts';
import type { KnowledgeDoc, KnowledgeHit, Retriever } from './types.ts';
import { createBm25Index } from './bm25-index.ts';
import { createQuestionMatcher, type MatcherParams } from './question-matcher.ts';
import type { TextProfile } from './pair-features.ts';
import { normalize } from '../text/normalize.ts';

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

/** How a question is asked, not what about: left out of coverage. */
const QUESTION_WORDS = new Set(['怎么', '怎么样', '怎样', '什么', '为什么', '为啥', '可以', '能', '能不能', '可不可以', '有没有', '是不是', '吗', '呢', '吧', '你们',
  '我们', '我', '您', '如何', '能用', '可以用', '能吃', '可以吃', '好用', '有用', '行不行', '可不可以', '是否', '这个', '那个', '这些', '那些', '它', '多久', '几天', '哪里', '哪儿', '哪个', '一下', '请问', '想', '要', '会', '用', '支持', '还', '呀', '啊',
  'do', 'doe', 'does', 'can', 'could', 'how', 'what', 'why', 'where', 'when', 'which', 'is', 'are', 'any', 'there', 'you', 'your', 'it', 'my', 'i', 'get', 'use', 'will', 'would', 'should']);

/** A query's content words with their weights, worked out once per query and reused for every candidate. */
interface CoverageQuery {
  words: Array<{ word: string; weight: number; chars: string[] | null }>;
  total: number;
}

/**
 * Coverage of a query by a document: IDF-weighted share of the query's content words that occur in the document's
 * title, questions or answer (a Chinese word whose characters occur only partly earns half of that share). The IDF is
 * over the knowledge base itself, so a word the knowledge base never mentions ("狗狗", "比特币") weighs most — a
 * question about it is not answered by any document, however similar its phrasing. Hand-written because it must use
 * the engine's tokenizer and the same documents as BM25; cheap (a few substring checks per query word). `prepare`
 * tokenises the query once; `of` is then called for each candidate document.
 */
function createCoverage(docs: KnowledgeDoc[], tokenizer: Tokenizer) {
  const texts = docs.map((doc) => normalize([doc.title, ...doc.questions, doc.answer].join(' ')));
  const idfCache = new Map<string, number>();
  const idf = (word: string) => {
    let value = idfCache.get(word);
    if (value === undefined) {
      const df = texts.reduce((count, text) => count + (text.includes(word) ? 1 : 0), 0);
      value = Math.log((texts.length + 1) / (df + 0.5));
      if (idfCache.size < 50_000) idfCache.set(word, value);
    }
    return value;
  };
  const prepare = (query: string): CoverageQuery => {
    const words: CoverageQuery['words'] = [];
    let total = 0;
    for (const word of new Set(tokenizer.words(query))) {
      // Single Chinese characters are mostly function words (在, 的, 了); words of two letters say little in English.
      if (QUESTION_WORDS.has(word) || /^\p{Script=Han}$/u.test(word) || /^[a-z]{1,2}$/.test(word)) continue;
      const weight = Math.max(0, idf(word));
      total += weight;
      words.push({ word, weight, chars: /^\p{Script=Han}{2,}$/u.test(word) ? Array.from(word) : null });
    }
    return { words, total };
  };
  const of = (query: CoverageQuery, d: number): number => {
    const text = texts[d];
    let covered = 0;
    for (const { word, weight, chars } of query.words) {
      if (text.includes(word)) covered += weight;
      else if (chars) covered += (weight * chars.filter((char) => text.includes(char)).length) / chars.length / 2;
    }
    return query.total > 0 ? covered / query.total : 1;
  };
  return { prepare, of };
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
  const coverage = createCoverage(docs, tokenizer);

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
    const coverageQuery = coverage.prepare(query);
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
      hits.push({ doc, score, confidence, coverage: coverage.of(coverageQuery, d) });
    }
    return hits.sort((a, b) => b.confidence - a.confidence || b.score - a.score).slice(0, limit);
  }

  return { retrieve, size: () => docs.length };
}
