import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from './resolve-overlaps.ts';
import { recogniseTimes } from './time.ts';
import { expectWellFormed, fragmentText } from './test-support.ts';

/** Times after overlap resolution, keyed by their text. */
function times(text: string): Record<string, string> {
  return Object.fromEntries(resolveOverlaps(recogniseTimes(text), text.length).map((found) => [found.text, found.value]));
}

describe('recogniseTimes — Chinese', () => {
  it('gives parts of day a representative time and meta.partOfDay', () => {
    const [found] = recogniseTimes('下午');
    expect(found).toMatchObject({ value: '15:00', meta: { partOfDay: 'afternoon' } });
    expect(times('早上')).toEqual({ 早上: '08:00' });
    expect(times('中午')).toEqual({ 中午: '12:00' });
    expect(times('傍晚')).toEqual({ 傍晚: '18:00' });
    expect(times('晚上')).toEqual({ 晚上: '20:00' });
  });

  it('reads clock times and moves afternoon hours', () => {
    expect(times('3点')).toEqual({ '3点': '03:00' });
    expect(times('三点半')).toEqual({ 三点半: '03:30' });
    expect(times('15:30')).toEqual({ '15:30': '15:30' });
    expect(times('下午两点')).toEqual({ 下午两点: '14:00' });
    expect(times('两点一刻')).toEqual({ 两点一刻: '02:15' });
    expect(times('晚上八点二十分')).toEqual({ 晚上八点二十分: '20:20' });
    expect(times('晚上12点')).toEqual({ 晚上12点: '00:00' });
    expect(times('中午1点')).toEqual({ 中午1点: '13:00' });
    expect(times('上午10:30')).toEqual({ '上午10:30': '10:30' });
    expect(resolveOverlaps(recogniseTimes('两点'), 2)[0].meta).toEqual({ ambiguousHalfDay: true });
  });

  it('takes the part of day after 今/明 (今晚, 明早)', () => {
    expect(times('今晚8点')).toEqual({ 晚8点: '20:00' });
    expect(times('明早')).toEqual({ 早: '08:00' });
  });

  it('does not read "a little" or "points" as times', () => {
    expect(times('便宜一点 有两点建议 第三点 三点五倍')).toEqual({});
  });
});

describe('recogniseTimes — English', () => {
  it('reads clock times and parts of day', () => {
    expect(times('3pm')).toEqual({ '3pm': '15:00' });
    expect(times('3:30 pm')).toEqual({ '3:30 pm': '15:30' });
    expect(times('12am')).toEqual({ '12am': '00:00' });
    expect(times('11 a.m.')).toEqual({ '11 a.m.': '11:00' });
    expect(times("4 o'clock")).toEqual({ "4 o'clock": '04:00' });
    expect(times('noon')).toEqual({ noon: '12:00' });
    expect(times('morning')).toEqual({ morning: '09:00' });
    expect(times('this afternoon')).toEqual({ 'this afternoon': '15:00' });
    expect(times('evening')).toEqual({ evening: '19:00' });
    expect(times('I have 3 amazing kids, 25:00, 15pm')).toEqual({});
  });

  it('never throws; spans are inside the text; values are HH:MM', () => {
    const fragments = ['下午', '晚上', '点', '半', '一刻', '两', '3', '15:30', 'pm', ' am', 'noon', '今晚', '十二', '分'];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseTimes(text), /^([01]\d|2[0-3]):[0-5]\d$/);
      }),
      { numRuns: 300 },
    );
  });
});
