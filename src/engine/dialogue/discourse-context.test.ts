import { describe, expect, it } from 'vitest';
import { correctsLastTask, leansOnPrevious, OFFER, rememberOffer } from './discourse-context.ts';

describe('leansOnPrevious: a task request whose object is what was just talked about', () => {
  it.each([
    ['时间可以，帮我报上吧', true],
    ['这门帮我报了，学号S250002', true],
    ['那個科在哪棟樓', true],
    ['Great, sign me up for it.', true],
    ['ok book it', true],
    ['cancel please', true],
    ['我想报名 Python 数据处理，学号 S250002，手机尾号 4444，下周开始能上吗', false],
    ['I would like to enrol in the Business English course starting in December, my student id is S250001', false],
  ])('%s → %s', (text, expected) => {
    expect(leansOnPrevious(text)).toBe(expected);
  });
});

describe('rememberOffer: the one thing the last reply offered', () => {
  const state = () => ({ turns: 3, memory: {} as Record<string, unknown> });
  const actionable = (payload: string) => payload === '申请理赔' || payload === 'talk to a person';

  it('keeps a single actionable quick reply of the last reply that has any', () => {
    const s = state();
    rememberOffer(s, [{ quickReplies: [] }, { quickReplies: [{ payload: '申请理赔' }] }], actionable);
    expect(s.memory[OFFER]).toEqual({ payload: '申请理赔', turn: 3 });
  });

  it('forgets it when the reply offers a menu, a yes/no pair or nothing a task or a person does', () => {
    for (const replies of [[{ quickReplies: [{ payload: '申请理赔' }, { payload: '查物流' }] }], [{ quickReplies: [{ payload: '好的' }] }], []]) {
      const s = state();
      s.memory[OFFER] = { payload: 'talk to a person', turn: 2 };
      rememberOffer(s, replies, actionable);
      expect(s.memory[OFFER]).toBeUndefined();
    }
  });
});

describe('correctsLastTask: a message that takes back what the last request named', () => {
  it.each([
    ['不对不对，是另一单，还没发货的那个', true], ['不好意思搞错了，是那个茶叶的单', true], ['哦 我说错了 是上周那单', true],
    ['oh sorry I meant the one with the coffee maker', true], ['No, I meant the other order', true], ['wrong order, it is the pending one', true],
    ['好的谢谢', false], ['我还想问一下运费', false], ['Thanks, that is all', false], ['不要了', false],
  ])('%s → %s', (text, expected) => {
    expect(correctsLastTask(text)).toBe(expected);
  });
});
