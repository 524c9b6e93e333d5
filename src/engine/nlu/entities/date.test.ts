import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localToday } from './calendar.ts';
import { recogniseDates } from './date.ts';
import { expectWellFormed, fragmentText } from './test-support.ts';

const TODAY = localToday('2026-11-25T10:00:00+08:00', 'Asia/Shanghai')!; // Wednesday

function dates(text: string): Record<string, string> {
  return Object.fromEntries(recogniseDates(text, TODAY).map((found) => [found.text, found.value]));
}

describe('recogniseDates — Chinese', () => {
  it('resolves relative days', () => {
    expect(dates('今天 明天 后天 大后天 昨天 前天')).toEqual({
      今天: '2026-11-25', 明天: '2026-11-26', 后天: '2026-11-27', 大后天: '2026-11-28', 昨天: '2026-11-24', 前天: '2026-11-23',
    });
  });

  it('resolves weekdays with calendar-week semantics for 这周/下周', () => {
    expect(dates('周三')).toEqual({ 周三: '2026-11-25' }); // plain: today allowed
    expect(dates('星期一')).toEqual({ 星期一: '2026-11-30' });
    expect(dates('礼拜天')).toEqual({ 礼拜天: '2026-11-29' });
    expect(dates('这周五')).toEqual({ 这周五: '2026-11-27' });
    expect(dates('本周一')).toEqual({ 本周一: '2026-11-23' });
    expect(dates('下周一')).toEqual({ 下周一: '2026-11-30' });
    expect(dates('下周五')).toEqual({ 下周五: '2026-12-04' });
    expect(dates('下个星期三')).toEqual({ 下个星期三: '2026-12-02' });
    expect(dates('上周五')).toEqual({ 上周五: '2026-11-20' });
  });

  it('resolves month and day forms', () => {
    expect(dates('下个月3号')).toEqual({ 下个月3号: '2026-12-03' });
    expect(dates('3月5日')).toEqual({ '3月5日': '2026-03-05' });
    expect(dates('三月五号')).toEqual({ 三月五号: '2026-03-05' });
    expect(dates('5号')).toEqual({ '5号': '2026-11-05' });
    expect(dates('二十八号')).toEqual({ 二十八号: '2026-11-28' });
    expect(dates('2026年3月5日')).toEqual({ '2026年3月5日': '2026-03-05' });
    expect(dates('2026-03-05')).toEqual({ '2026-03-05': '2026-03-05' });
    expect(recogniseDates('3月5日', TODAY)[0].meta).toEqual({ inferredYear: true });
  });

  it('splits 今晚 / 明早 so the time recogniser can take the part of day', () => {
    expect(dates('明早')).toEqual({ 明: '2026-11-26' });
    expect(dates('今晚8点')).toEqual({ 今: '2026-11-25' });
  });

  it('ignores look-alikes', () => {
    expect(dates('售后天猫店 3号楼 地铁2号线 7日内发货 建国路8号 说明晚了 每星期一次')).toEqual({});
    expect(dates('2月30日')).toEqual({});
  });
});

describe('recogniseDates — English', () => {
  it('resolves relative days', () => {
    expect(dates('today, tomorrow, yesterday')).toEqual({ today: '2026-11-25', tomorrow: '2026-11-26', yesterday: '2026-11-24' });
    const longest = recogniseDates('the day after tomorrow', TODAY).sort((a, b) => b.text.length - a.text.length)[0];
    expect(longest.value).toBe('2026-11-27');
    expect(dates('in 3 days')).toEqual({ 'in 3 days': '2026-11-28' });
    expect(dates('in two weeks')).toEqual({ 'in two weeks': '2026-12-09' });
    expect(dates('2 days ago')).toEqual({ '2 days ago': '2026-11-23' });
  });

  it('resolves weekdays: next = strictly after today, on/this/plain = coming one', () => {
    expect(dates('next Monday')).toEqual({ 'next Monday': '2026-11-30' });
    expect(dates('next Wednesday')).toEqual({ 'next Wednesday': '2026-12-02' });
    expect(dates('this Friday')).toEqual({ 'this Friday': '2026-11-27' });
    expect(dates('on Friday')).toEqual({ 'on Friday': '2026-11-27' });
    expect(dates('on wednesday')).toEqual({ 'on wednesday': '2026-11-25' });
    expect(dates('last Friday')).toEqual({ 'last Friday': '2026-11-20' });
    expect(dates('I sat down in the sun')).toEqual({});
  });

  it('resolves calendar forms', () => {
    expect(dates('March 5')).toEqual({ 'March 5': '2026-03-05' });
    expect(dates('5 March')).toEqual({ '5 March': '2026-03-05' });
    expect(dates('Mar 5th')).toEqual({ 'Mar 5th': '2026-03-05' });
    expect(dates('December 24, 2027')).toEqual({ 'December 24, 2027': '2027-12-24' });
    expect(dates('3/5')).toEqual({ '3/5': '2026-03-05' });
    expect(dates('12/31/2026')).toEqual({ '12/31/2026': '2026-12-31' });
    expect(dates('2026-03-05')).toEqual({ '2026-03-05': '2026-03-05' });
    expect(dates('13/45')).toEqual({});
  });

  it('skips relative dates without a usable clock but keeps absolute ones', () => {
    expect(recogniseDates('明天 2026-03-05', undefined).map((found) => found.value)).toEqual(['2026-03-05']);
  });

  it('never throws; spans are inside the text; values are ISO dates', () => {
    const fragments = ['明天', '下周', '周五', '3月', '5号', '2026-', '年', 'next ', 'Monday', 'March ', '5th', '/', '12', 'in 3 days', '十'];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseDates(text, TODAY), /^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 300 },
    );
  });
});
