import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../text/tokenize.ts';
import { createRandom } from './softmax-trainer.ts';
import { trainIntentClassifier } from './intent-classifier.ts';
import { CONFIDENCE_COSINE_WEIGHTS, fitClassCosineStats, fitRejectionWeights, inScopeScore, rejectionFeatures } from './rejection-model.ts';

const tokenizer = createTokenizer();

describe('rejection model', () => {
  it('computes confidence, margin, normalised entropy, cosine, its class z-score and the max logit', () => {
    const stats = { mean: [0.6, 0.3], deviation: [0.1, 0.1] };
    const features = rejectionFeatures([0.7, 0.2, 0.1], 0, 0.8, 3.5, stats);
    expect(features[0]).toBeCloseTo(Math.log(0.7), 9);
    expect(features[1]).toBeCloseTo(0.5, 9);
    const entropy = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3);
    expect(features[2]).toBeCloseTo(entropy, 9);
    expect(features[3]).toBeCloseTo(Math.log(0.801), 9);
    expect(features[4]).toBeCloseTo(2, 9);
    expect(features[5]).toBe(3.5);
    // The default weights reproduce the former score ln(confidence) + 2 · ln(cosine + 0.001).
    expect(inScopeScore(features, CONFIDENCE_COSINE_WEIGHTS)).toBeCloseTo(Math.log(0.7) + 2 * Math.log(0.801), 9);
  });

  it('shrinks the cosine stats of a class with few held-out utterances towards the pooled stats', () => {
    const stats = fitClassCosineStats([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 3);
    expect(stats.mean[0]).toBeGreaterThan(stats.mean[1]);
    expect(stats.mean[1]).toBeGreaterThan(0.2); // one utterance does not decide
    expect(stats.mean[2]).toBeCloseTo((0.9 * 10 + 0.2) / 11, 3); // no data: pooled mean
    expect(Math.min(...stats.deviation)).toBeGreaterThanOrEqual(0.05);
  });

  it('learns from separable rows which feature marks out-of-scope', () => {
    const random = createRandom(3);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i++) {
      const inScope = i % 4 === 0 ? 0 : 1;
      rows.push([random(), inScope ? 0.6 + 0.4 * random() : 0.4 * random()]);
      labels.push(inScope);
    }
    const model = fitRejectionWeights(rows, labels);
    expect(model.weights[1]).toBeGreaterThan(0);
    expect(Math.abs(model.weights[0])).toBeLessThan(model.weights[1]);
    expect(inScopeScore([0.5, 0.9], model)).toBeGreaterThan(inScopeScore([0.5, 0.1], model));
  });

  it('fitted on one pseudo-out-of-scope intent, flags a different made-up far-away intent as unknown (zh and en)', () => {
    const phrases: Record<string, string[]> = {
      card_lost: ['我的银行卡丢了', '卡片遗失怎么办', '银行卡被偷了', '挂失我的卡', '卡丢了要挂失', '我的卡找不到了', 'I lost my card', 'my card was stolen', 'report a lost card', 'freeze my stolen card', 'card is missing', 'someone stole my card'],
      transfer_failed: ['转账失败了', '汇款没有成功', '转账被退回', '为什么转不了账', '转账一直失败', '转账出错了', 'my transfer failed', 'the transfer did not go through', 'why was my transfer declined', 'payment to a friend failed', 'bank transfer error', 'transfer keeps failing'],
      top_up: ['怎么充值', '给账户充钱', '充值没到账', '用银行卡充值', '充值限额是多少', '充值失败', 'how do I top up', 'add money to my account', 'top up with a card', 'my top up is missing', 'top up limit', 'put money in my account'],
      exchange_rate: ['汇率是多少', '换外币的汇率', '美元汇率怎么算', '汇率不对', '兑换汇率', '今天的汇率', 'what is the exchange rate', 'currency exchange rate', 'wrong exchange rate applied', 'rate for dollars', 'how is the rate calculated', 'euro exchange rate today'],
    };
    const train = Object.entries(phrases).flatMap(([label, texts]) => texts.filter((_, i) => i % 6 !== 5).map((text) => ({ text, label })));
    const inScope = Object.entries(phrases).flatMap(([label, texts]) => texts.filter((_, i) => i % 6 === 5).map((text) => ({ text, label })));
    // Pseudo-out-of-scope intent used to fit the weights (weather), and a different one to judge them (music and films).
    const weather = ['今天天气怎么样', '明天会下雨吗', '北京气温多少', '要带伞吗', 'what is the weather like', 'will it rain tomorrow', 'how hot is it outside', 'is it snowing'];
    const farAway = ['推荐一部电影', '给我唱首歌', '播放周杰伦的歌', '今晚有什么好看的电视剧', 'play some jazz', 'sing me a song', 'recommend a good novel', 'who won the football game'];
    const probe = trainIntentClassifier(train, {}, { tokenizer });
    const rows = [...inScope.map(({ text }) => probe.rejectionFeatures(text).features), ...weather.map((text) => probe.rejectionFeatures(text).features)];
    const weights = fitRejectionWeights(rows, [...inScope.map(() => 1), ...weather.map(() => 0)]);
    // Threshold: accept every in-scope paraphrase; the far-away intent must then mostly fall below it.
    const score = (text: string) => inScopeScore(probe.rejectionFeatures(text).features, weights);
    const threshold = Math.min(...inScope.map(({ text }) => score(text)));
    expect(farAway.filter((text) => score(text) < threshold).length).toBeGreaterThanOrEqual(6);
    const fitted = trainIntentClassifier(train, { rejection: weights }, { tokenizer });
    expect(fitted.classify('I lost my card yesterday').label).toBe('card_lost');
    expect(fitted.classify('转账失败怎么办').label).toBe('transfer_failed');
  });
});
