import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../text/tokenize.ts';
import { createMemoryCache, type ModelCache } from '../../ports.ts';
import type { TrainingExample } from '../types.ts';
import { loadIntentClassifier, trainIntentClassifier } from './intent-classifier.ts';
import { trainOrLoadIntentClassifier } from './train-or-load.ts';

const tokenizer = createTokenizer();

const phrases: Record<string, string[]> = {
  return_item: ['我要退货', '这个商品怎么退', '申请退货退款', '东西不喜欢想退掉', '退货流程是什么', 'I want to return this', 'how do I return an item', 'return my order please', 'can I send it back', 'start a return'],
  track_order: ['我的快递到哪了', '物流信息查一下', '包裹什么时候到', '订单发货了吗', '查询物流进度', 'where is my package', 'track my order', 'when will my parcel arrive', 'has my order shipped', 'shipping status please'],
  change_address: ['修改收货地址', '地址填错了要改', '换一个收货地址', '帮我改下地址', '收货地址写错了', 'change my shipping address', 'update the delivery address', 'I entered the wrong address', 'ship to a different address', 'edit my address'],
  cancel_order: ['取消订单', '我不想要了帮我取消', '订单能取消吗', '撤销刚下的单', '取消刚才的购买', 'cancel my order', 'I want to cancel the purchase', 'please cancel it', 'stop my order', 'can I cancel before it ships'],
};
const examples: TrainingExample[] = Object.entries(phrases).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('intent classifier', () => {
  const classifier = trainIntentClassifier(examples, {}, { tokenizer });

  it('learns zh and en intents from a few examples each', () => {
    expect(classifier.labels()).toEqual(['cancel_order', 'change_address', 'return_item', 'track_order']);
    expect(classifier.classify('我想退掉这件商品').ranking[0].label).toBe('return_item');
    expect(classifier.classify('快递到哪里了').ranking[0].label).toBe('track_order');
    expect(classifier.classify('how can I cancel my order').ranking[0].label).toBe('cancel_order');
    expect(classifier.classify('wrong address, please change it').ranking[0].label).toBe('change_address');
    const prediction = classifier.classify('where is my parcel');
    expect(prediction.label).toBe('track_order');
    expect(prediction.status).not.toBe('unknown');
    expect(prediction.ranking).toHaveLength(4);
    expect(prediction.ranking[0].confidence).toBeGreaterThanOrEqual(prediction.ranking[1].confidence);
  });

  it('accepts most unseen in-scope phrasings of a small pack (not `unknown`)', () => {
    const heldOut = Object.entries(phrases).flatMap(([label, texts]) => [texts[3], texts[8]].map((text) => ({ text, label })));
    const small = trainIntentClassifier(examples.filter((example) => !heldOut.some((held) => held.text === example.text)), {}, { tokenizer });
    const predictions = heldOut.map(({ text }) => small.classify(text));
    expect(predictions.filter((prediction) => prediction.status === 'unknown').length).toBeLessThanOrEqual(2);
    expect(predictions.filter((prediction, i) => prediction.ranking[0].label === heldOut[i].label).length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...predictions.map((prediction) => prediction.confidence))).toBeLessThan(0.9); // not sure of everything
  });

  it('rejects gibberish as unknown', () => {
    for (const text of ['qzxv blorp wug', '😀😀😀', '', '鬣蜥犰狳']) {
      const prediction = classifier.classify(text);
      expect(prediction.status).toBe('unknown');
      expect(prediction.label).toBeNull();
    }
  });

  it('serialises and loads to an identical classifier', () => {
    const loaded = loadIntentClassifier(classifier.serialize(), { tokenizer });
    for (const text of ['我要退货', 'track my order', '随便说点什么', 'cancel']) expect(loaded.classify(text)).toEqual(classifier.classify(text));
    expect(loaded.serialize()).toBe(classifier.serialize());
    expect(() => loadIntentClassifier('{"version":0}', { tokenizer })).toThrow(/not a serialised/);
  });

  it('is deterministic', () => {
    expect(trainIntentClassifier(examples, {}, { tokenizer }).serialize()).toBe(classifier.serialize());
  });

  it('caches by a hash of the examples and config: a second start skips training', async () => {
    const memory = createMemoryCache();
    let sets = 0;
    const cache: ModelCache = { get: (key) => memory.get(key), set: async (key, value) => { sets++; await memory.set(key, value); } };
    const first = await trainOrLoadIntentClassifier(examples, {}, { tokenizer, cache });
    const started = performance.now();
    const second = await trainOrLoadIntentClassifier(examples, {}, { tokenizer, cache });
    expect(sets).toBe(1);
    expect(second.serialize()).toBe(first.serialize());
    expect(performance.now() - started).toBeLessThan(200);
    await trainOrLoadIntentClassifier(examples.slice(1), {}, { tokenizer, cache });
    expect(sets).toBe(2);
  });

  it('logit adjustment (priorCorrection) raises the recall of a rare class on an imbalanced set', () => {
    const singers = ['周杰伦', '王菲', '陈奕迅', '林俊杰', '邓紫棋', '张学友', '孙燕姿', '刘德华', '蔡依林', '李宗盛', 'Adele', 'Taylor Swift', 'Coldplay', 'Beyonce', 'Queen', 'Eminem', 'Drake', 'Madonna', 'Oasis', 'Abba'];
    const music = singers.flatMap((name) => [`播放${name}的歌`, `我想听${name}唱的歌曲`, `play songs by ${name}`, `I want to hear ${name}`]).map((text) => ({ text, label: 'music' }));
    const stories = ['播放小红帽的故事', '讲一个西游记的故事', 'tell me the story of Cinderella', 'play the story of Peter Pan'].map((text) => ({ text, label: 'story' }));
    const chat = ['你好呀', '你是谁', '今天心情不错', '陪我聊聊天', 'hello there', 'who are you', 'let us chat', 'I feel happy today'].map((text) => ({ text, label: 'chat' }));
    // Borderline phrasings: a story without the word "story" looks like a music request to a prior-heavy model.
    const rare = ['讲白雪公主', '讲个三国', '播放龟兔赛跑', '我想听小王子的童话', 'tell me about Mulan', 'tell Aladdin', 'play the tale of Pinocchio', 'I want to hear Snow White'];
    const recall = (tau: number) => {
      const classifier = trainIntentClassifier([...music, ...stories, ...chat], { classBalance: 0, priorCorrection: tau }, { tokenizer });
      const story = rare.map((text) => classifier.classify(text).ranking.find(({ label }) => label === 'story')?.confidence ?? 0);
      return { hits: rare.filter((text) => classifier.classify(text).ranking[0].label === 'story').length, confidence: story.reduce((a, b) => a + b) / story.length };
    };
    const plain = recall(0);
    const adjusted = recall(1);
    expect(adjusted.hits).toBeGreaterThan(plain.hits);
    expect(adjusted.confidence).toBeGreaterThan(plain.confidence);
  });
});
