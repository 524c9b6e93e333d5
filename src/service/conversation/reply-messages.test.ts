import { describe, expect, it } from 'vitest';
import { notices, turnOutcome } from './reply-messages.ts';

const knowledge = (coverage?: number) => ({ type: 'knowledge.used' as const, at: '2026-03-01T00:00:00Z', data: { docId: 'kb-1', confidence: 0.6, ...(coverage === undefined ? {} : { coverage }) } });

describe('turnOutcome', () => {
  // Issue 28 item 6: "今天天气怎么样" got the shipping-time article with 0.375 of the question covered — not an answer.
  it('calls a knowledge answer that covers less than half of the question a weak answer (a gap candidate)', () => {
    expect(turnOutcome([knowledge(0.375)], undefined)).toEqual({ outcome: 'weak_answer', knowledge: 'kb-1' });
    expect(turnOutcome([knowledge(0.56)], undefined)).toEqual({ outcome: 'answered', knowledge: 'kb-1' });
    expect(turnOutcome([knowledge()], undefined)).toEqual({ outcome: 'answered', knowledge: 'kb-1' });
    expect(turnOutcome([{ type: 'fallback.triggered', at: '2026-03-01T00:00:00Z', data: {} }], undefined)).toEqual({ outcome: 'fallback' });
  });
});

describe('notices', () => {
  it('titles an agent 客服 once, whether or not the name already says so', () => {
    expect(notices.joined('小王')).toEqual({ zh: '客服 小王 已接入', en: '小王 joined the conversation' });
    expect(notices.joined('客服 Agent')).toEqual({ zh: '客服 Agent 已接入', en: '客服 Agent joined the conversation' });
    expect(notices.transferred('小王').zh).toBe('已转接给客服 小王');
    expect(notices.transferred('客服 Agent').zh).toBe('已转接给客服 Agent');
  });
});
