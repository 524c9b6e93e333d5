import { describe, expect, it } from 'vitest';
import { handoffRequest, HUMAN_HOURS_QUESTION } from './common-hints.ts';

describe('HUMAN_HOURS_QUESTION', () => {
  it.each(['几点有人工客服', '人工客服几点上班', '周末有客服吗', '人工什么时候在线', 'when are your agents available?', 'what are your customer service hours'])('is a question about hours: %s', (text) => {
    expect(HUMAN_HOURS_QUESTION.test(text)).toBe(true);
  });
  it.each(['转人工', '我要人工客服', '给我转真人', 'talk to a person', 'I want a human now', '人工客服在吗，我要投诉'])('is not: %s', (text) => {
    expect(HUMAN_HOURS_QUESTION.test(text)).toBe(false);
  });
});

describe('handoffRequest', () => {
  const handoff = handoffRequest(/转人工|人工客服|\b(human|real person)\b/);
  it('still matches a request for a person, and not a question about their hours', () => {
    expect(handoff.test('我要人工客服')).toBe(true);
    expect(handoff.test('I want a real person')).toBe(true);
    expect(handoff.test('周末有人工客服吗')).toBe(false);
    expect(handoff.test('what are your human agent hours')).toBe(false);
  });
});
