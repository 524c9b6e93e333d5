import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitQuestions } from './question-clauses.ts';

describe('splitQuestions', () => {
  const cases: Array<[string, number]> = [
    ['一节课多长时间？学费能分期吗', 2],
    ['請問一節課上多久？學費可以分期付款嗎', 2],
    ['主任医师的号多少钱啊，还有开车过去有地方停车吗', 2],
    ['how long is each lesson? and if I miss one, can I catch up?', 2],
    ['what time do you open, and where is the car park?', 2],
    ['do you deliver on Sundays', 1],
    ['运费怎么算？', 1],
    ['好的？', 1],
    ['is it open? ok?', 1],
  ];
  it.each(cases)('%s → %i question(s)', (text, count) => {
    expect(splitQuestions(text)).toHaveLength(count);
  });
  it('keeps every character of the message apart from separators', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const joined = splitQuestions(text).join('').replace(/\s/gu, '');
      return joined === text.replace(/\s/gu, '') || text.trim() === '';
    }));
  });
});
