import { describe, expect, it } from 'vitest';
import { conversationPriority, needsSupervisor } from './priority.ts';
import type { Sentiment } from '../../engine/nlu/types.ts';

const s = (emotion: Sentiment['emotion'], polarity: number, urgency = 0): Sentiment => ({ emotion, polarity, urgency, label: polarity < -0.1 ? 'negative' : polarity > 0.1 ? 'positive' : 'neutral' });

describe('conversation priority', () => {
  it('ranks furious over angry over anxious over calm', () => {
    expect(conversationPriority(0, s('anger', -0.9), null)).toBe(3);
    expect(conversationPriority(0, s('anger', -0.4), null)).toBe(2);
    expect(conversationPriority(0, s('neutral', -0.2), 'complaint')).toBe(2);
    expect(conversationPriority(0, s('anxiety', -0.3), null)).toBe(1);
    expect(conversationPriority(0, s('neutral', 0, 0.8), null)).toBe(1);
    expect(conversationPriority(0, s('satisfaction', 0.8), null)).toBe(0);
  });
  it('never falls during a conversation', () => {
    expect(conversationPriority(3, s('satisfaction', 0.9), null)).toBe(3);
  });
  it('alerts supervisors for very negative messages and anger handoffs', () => {
    expect(needsSupervisor(s('anger', -0.85), undefined)).toBe(true);
    expect(needsSupervisor(s('anger', -0.3), 'negative_sentiment')).toBe(true);
    expect(needsSupervisor(s('anxiety', -0.3), 'customer_request')).toBe(false);
  });
});
