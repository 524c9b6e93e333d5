import { describe, expect, it } from 'vitest';
import { insertAfterReference } from './turn-tickets.ts';
import { formatDue } from './ticket-texts.ts';

describe('insertAfterReference', () => {
  it('puts the promise after the sentence naming the ticket, in Chinese and English', () => {
    expect(insertAfterReference('投诉已登记，工单号 CP_1。需要现在为您转人工吗？', 'CP_1', '客服专员将在 今天 14:00 前联系您。'))
      .toBe('投诉已登记，工单号 CP_1。客服专员将在 今天 14:00 前联系您。需要现在为您转人工吗？');
    expect(insertAfterReference('Filed as ticket CP_1. Want a person?', 'CP_1', 'We will call by today 14:00.'))
      .toBe('Filed as ticket CP_1. We will call by today 14:00. Want a person?');
  });

  it('appends when the reply does not name the ticket', () => {
    expect(insertAfterReference('已登记。', null, '我们会联系您。')).toBe('已登记。我们会联系您。');
    expect(insertAfterReference('Logged', 'CP_9', 'We will call.')).toBe('Logged We will call.');
  });
});

describe('formatDue', () => {
  const now = new Date('2026-12-08T02:00:00Z'); // Tuesday 10:00 in Shanghai
  it('says today, tomorrow or the date with the weekday, in the tenant time zone', () => {
    expect(formatDue(new Date('2026-12-08T06:00:00Z'), now, 'Asia/Shanghai', 'zh')).toBe('今天 14:00');
    expect(formatDue(new Date('2026-12-09T01:30:00Z'), now, 'Asia/Shanghai', 'zh')).toBe('明天 09:30');
    expect(formatDue(new Date('2026-12-11T02:00:00Z'), now, 'Asia/Shanghai', 'zh')).toBe('12月11日（周五）10:00');
    expect(formatDue(new Date('2026-12-08T06:00:00Z'), now, 'Asia/Shanghai', 'en')).toBe('today 14:00');
    expect(formatDue(new Date('2026-12-11T02:00:00Z'), now, 'Asia/Shanghai', 'en')).toBe('Fri 11 Dec 10:00');
    // 16:30 UTC is already tomorrow in Shanghai.
    expect(formatDue(new Date('2026-12-08T16:30:00Z'), now, 'Asia/Shanghai', 'zh')).toBe('明天 00:30');
  });
});
