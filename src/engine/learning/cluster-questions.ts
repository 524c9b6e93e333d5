import { detectLanguage } from '../text/language.ts';
import { normalize } from '../text/normalize.ts';
import type { Tokenizer } from '../text/tokenize.ts';
import type { Locale } from '../types.ts';

/** A question to cluster: any record with a text and a time; the item itself is kept in the result. */
export interface ClusterInput {
  text: string;
  createdAt: string;
}

export interface QuestionCluster<T extends ClusterInput> {
  /** Stable within one clustering: the id of the representative question's position. */
  key: string;
  locale: Locale;
  /** The most central question: what the topic is about, in the customers' words. */
  representative: T;
  /** The topic's most characteristic words (up to 4). */
  terms: string[];
  /** Newest first. */
  items: T[];
  newest: string;
}

export interface ClusterOptions {
  /** Cosine similarity to a topic's centroid needed to join it (0 … 1). Default 0.25 (chosen on hand-written paraphrase sets, see the test). */
  threshold?: number;
  /** Order of the topics: 'largest' (count, then newest) or 'newest'. */
  sort?: 'largest' | 'newest';
}

type Vector = Map<string, number>;

/** Words that say how someone asks, not what about (the tokenizer's own stop list is shorter, for classification). */
const STOP = new Set(['你们', '我们', '可以', '能不能', '有没有', '怎么', '怎么样', '什么', '为什么', '吗', '呢', '吧', '想要', '想', '请问', '一下',
  'do', 'does', 'you', 'your', 'can', 'could', 'is', 'are', 'there', 'the', 'a', 'an', 'to', 'my', 'i', 'me', 'what', 'how', 'why', 'please', 'possible']);

function cosine(a: Vector, b: Vector, bNorm: number): number {
  let dot = 0;
  let aNorm = 0;
  for (const [term, weight] of a) {
    aNorm += weight * weight;
    const other = b.get(term);
    if (other) dot += weight * other;
  }
  return aNorm && bNorm ? dot / Math.sqrt(aNorm * bNorm) : 0;
}

/**
 * Groups customer questions into topics (issue 10, knowledge gaps), Chinese and English apart: TF-IDF vectors over the
 * engine's own features (jieba words, Chinese character bigrams, stemmed English words) and single-pass leader
 * clustering against running centroids, oldest question first so that topics grow as they did. Written here rather
 * than taken from a library because it must use the engine's tokenizer and run in milliseconds on a few thousand
 * questions without any model; the result is what an admin reads, so each topic carries its central question and words.
 */
export function clusterQuestions<T extends ClusterInput>(items: T[], tokenizer: Tokenizer, options: ClusterOptions = {}): Array<QuestionCluster<T>> {
  const threshold = options.threshold ?? 0.25;
  const prepared = items.map((item) => {
    const text = normalize(item.text);
    const detected = detectLanguage(text);
    const locale: Locale = detected === 'en' ? 'en' : 'zh';
    // Words in jieba's search mode, so that compounds meet their parts (专用发票 → 专用, 发票, 专用发票); single Chinese
    // characters and question words say little about the topic.
    const words = (tokenizer.searchWords ?? tokenizer.words)(text).filter((word) => !STOP.has(word) && (word.length > 1 || /\d/.test(word)));
    const features = words;
    return { item, locale, features: features.length ? features : [text], words: [...new Set(tokenizer.words(text))].filter((word) => !STOP.has(word) && (word.length > 1 || /\d/.test(word))) };
  });
  const documentFrequency = new Map<string, number>();
  for (const entry of prepared) for (const feature of new Set(entry.features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const total = prepared.length;
  const vectorOf = (features: string[]): Vector => {
    const vector: Vector = new Map();
    for (const feature of features) vector.set(feature, (vector.get(feature) ?? 0) + 1);
    for (const [feature, count] of vector) vector.set(feature, (1 + Math.log(count)) * Math.log(1 + total / (documentFrequency.get(feature) ?? 1)));
    return vector;
  };

  interface Working { locale: Locale; centroid: Vector; norm: number; members: Array<{ entry: (typeof prepared)[number]; vector: Vector }> }
  const clusters: Working[] = [];
  const ordered = prepared.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.item.createdAt.localeCompare(b.entry.item.createdAt) || a.index - b.index);
  for (const { entry } of ordered) {
    const vector = vectorOf(entry.features);
    let best: Working | null = null;
    let bestScore = threshold;
    for (const cluster of clusters) {
      if (cluster.locale !== entry.locale) continue;
      const score = cosine(vector, cluster.centroid, cluster.norm);
      if (score >= bestScore) { best = cluster; bestScore = score; }
    }
    if (!best) {
      best = { locale: entry.locale, centroid: new Map(), norm: 0, members: [] };
      clusters.push(best);
    }
    best.members.push({ entry, vector });
    for (const [feature, weight] of vector) best.centroid.set(feature, (best.centroid.get(feature) ?? 0) + weight);
    best.norm = [...best.centroid.values()].reduce((sum, weight) => sum + weight * weight, 0);
  }

  const result = clusters.map((cluster, index) => {
    const central = cluster.members.reduce((top, member) => {
      const score = cosine(member.vector, cluster.centroid, cluster.norm);
      return score > top.score ? { member, score } : top;
    }, { member: cluster.members[0], score: -1 }).member;
    const wordCounts = new Map<string, number>();
    for (const member of cluster.members) for (const word of new Set(member.entry.words)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    const terms = [...wordCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4).map(([word]) => word);
    const members = cluster.members.map((member) => member.entry.item).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { key: `topic-${index + 1}`, locale: cluster.locale, representative: central.entry.item, terms, items: members, newest: members[0].createdAt };
  });
  const byNewest = (a: QuestionCluster<T>, b: QuestionCluster<T>) => b.newest.localeCompare(a.newest);
  return result.sort(options.sort === 'newest' ? byNewest : (a, b) => b.items.length - a.items.length || byNewest(a, b));
}
