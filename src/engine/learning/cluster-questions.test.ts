import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../text/tokenize.ts';
import { clusterQuestions } from './cluster-questions.ts';

const tokenizer = createTokenizer();
let minute = 0;
const q = (text: string) => ({ text, createdAt: new Date(Date.UTC(2026, 10, 1, 8, minute++)).toISOString() });

describe('clusterQuestions', () => {
  const questions = [
    q('你们支持开发票吗'), q('可以开增值税专用发票吗'), q('发票怎么开'), q('我想要电子发票'),
    q('有没有学生优惠'), q('学生买有折扣吗'),
    q('Do you ship to Canada?'), q('Can you ship my order to Canada'), q('shipping to canada possible?'),
    q('Is there a student discount?'), q('student discount available'),
    q('门店几点关门'),
  ];
  const topics = clusterQuestions(questions, tokenizer);

  it('groups paraphrases of the same question in Chinese and English, and keeps the languages apart', () => {
    const topicOf = (text: string) => topics.find((topic) => topic.items.some((item) => item.text === text))!;
    expect(topicOf('我想要电子发票')).toBe(topicOf('发票怎么开'));
    expect(topicOf('我想要电子发票')).toBe(topicOf('你们支持开发票吗'));
    expect(topicOf('有没有学生优惠')).toBe(topicOf('学生买有折扣吗'));
    expect(topicOf('Can you ship my order to Canada')).toBe(topicOf('shipping to canada possible?'));
    expect(topicOf('student discount available')).toBe(topicOf('Is there a student discount?'));
    expect(topicOf('有没有学生优惠')).not.toBe(topicOf('Is there a student discount?'));
    expect(topicOf('发票怎么开')).not.toBe(topicOf('有没有学生优惠'));
    expect(topicOf('门店几点关门').items).toHaveLength(1);
    for (const topic of topics) expect(new Set(topic.items.map((item) => item.text.match(/[a-z]/i) ? 'en' : 'zh')).size).toBe(1);
  });

  it('orders topics largest first, then newest; items newest first; names each topic by its words', () => {
    expect(topics[0].items.length).toBeGreaterThanOrEqual(topics[1].items.length);
    const invoices = topics.find((topic) => topic.items.some((item) => item.text === '发票怎么开'))!;
    expect(invoices.terms).toContain('发票');
    expect(invoices.items[0].text).toBe('我想要电子发票');
    expect(invoices.newest).toBe(invoices.items[0].createdAt);
    const newest = clusterQuestions(questions, tokenizer, { sort: 'newest' });
    expect(newest[0].items.map((item) => item.text)).toContain('门店几点关门');
  });

  it('handles no questions, one question and unusual text', () => {
    expect(clusterQuestions([], tokenizer)).toEqual([]);
    const single = clusterQuestions([q('？？？')], tokenizer);
    expect(single).toHaveLength(1);
    expect(single[0].representative.text).toBe('？？？');
  });
});
