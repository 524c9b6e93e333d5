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
}

export interface Retriever {
  retrieve(query: string, options?: { locale?: Locale; limit?: number }): KnowledgeHit[];
  size(): number;
}
