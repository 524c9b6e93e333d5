import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../text/tokenize.ts';
import { createQuestionMatcher, DEFAULT_MATCHER_PARAMS } from './question-matcher.ts';

const tokenizer = createTokenizer();

const pairs = [
  ['运费怎么算', '邮费多少钱', true], ['怎么申请退货', '退货流程是什么', true], ['多久发货', '什么时候发货', true], ['可以开发票吗', '能开发票吗', true],
  ['运费怎么算', '怎么申请退货', false], ['多久发货', '可以开发票吗', false], ['退货要运费吗', '运费怎么算', false], ['发票怎么开', '多久发货', false],
  ['how much is shipping', 'what does delivery cost', true], ['how do I return an item', 'return policy for items', true],
  ['how much is shipping', 'how do I return an item', false], ['can I pay with paypal', 'how much is shipping', false],
  ['订单号123的物流', '订单号456的物流', false], ['订单号123的物流', '查一下123订单物流', true],
].map(([a, b, same]) => ({ a: a as string, b: b as string, same: same as boolean }));

function accuracy(matcher: ReturnType<typeof createQuestionMatcher>): number {
  return pairs.filter(({ a, b, same }) => matcher.matches(a, b) === same).length / pairs.length;
}

describe('question matcher', () => {
  it('scores paraphrases above unrelated questions with the default (AFQMC-fitted) params', () => {
    const matcher = createQuestionMatcher(undefined, { tokenizer });
    expect(matcher.params()).toEqual(DEFAULT_MATCHER_PARAMS);
    expect(matcher.similarity('运费怎么算', '运费怎么算呢')).toBeGreaterThan(matcher.similarity('运费怎么算', '怎么申请退货'));
    expect(matcher.similarity('how much is shipping', 'how much does shipping cost')).toBeGreaterThan(matcher.similarity('how much is shipping', 'return policy'));
    const value = matcher.similarity('a', 'b');
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  });
  it('fitting on labelled pairs improves over the defaults', () => {
    const matcher = createQuestionMatcher(undefined, { tokenizer });
    const before = accuracy(matcher);
    const params = matcher.fit(pairs);
    expect(params.weights).toHaveLength(params.features.length);
    expect(accuracy(matcher)).toBeGreaterThan(before);
    expect(accuracy(createQuestionMatcher(params, { tokenizer }))).toBe(accuracy(matcher));
  });
  it('learns from the words that differ (花呗 vs 借呗) with hashed difference weights', () => {
    const topics = ['怎么还款', '额度多少', '可以提前还吗', '逾期会怎样', '怎么开通', '利息怎么算', '为什么用不了', '能分期吗'];
    const training = topics.flatMap((topic) => [
      { a: `花呗${topic}`, b: `借呗${topic}`, same: false },
      { a: `借呗${topic}`, b: `花呗${topic}呢`, same: false },
      { a: `花呗${topic}`, b: `我的花呗${topic}`, same: true },
      { a: `借呗${topic}`, b: `请问借呗${topic}`, same: true },
    ]);
    const matcher = createQuestionMatcher(undefined, { tokenizer });
    const params = matcher.fit(training, { buckets: 256, epochs: 20, learningRate: 0.3, heldOutShare: 0 });
    expect(params.hashed).toHaveLength(256);
    expect(matcher.similarity('花呗怎么关闭', '借呗怎么关闭')).toBeLessThan(matcher.similarity('花呗怎么关闭', '我的花呗怎么关闭'));
    expect(matcher.matches('借呗怎么关闭', '花呗怎么关闭')).toBe(false);
  });
});

