import type { Locale } from '../types.ts';

/** One FAQ entry or article. `questions` are the ways customers ask; `answer` is Markdown. */
export interface KnowledgeDoc {
  id: string;
  locale: Locale;
  title: string;
  questions: string[];
  answer: string;
  /** Where the answer comes from (file path, URL or article id) — shown to the customer as the source. */
  source: string;
  tags?: string[];
}

export interface KnowledgeHit {
  doc: KnowledgeDoc;
  /** Raw retrieval score (BM25 + question similarity). */
  score: number;
  /** 0 … 1, calibrated so that ≥ the retriever's threshold means "this answers the question". */
  confidence: number;
  /**
   * 0 … 1: the share of the query's distinctive words (IDF-weighted over the knowledge base) that the document mentions.
   * Near 0 means the document is about something else even when the phrasing matches ("狗狗能吃吗" vs an exchange policy).
   */
  coverage: number;
}

export interface Retriever {
  retrieve(query: string, options?: { locale?: Locale; limit?: number }): KnowledgeHit[];
  size(): number;
}
