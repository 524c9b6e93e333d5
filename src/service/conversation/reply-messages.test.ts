import { describe, expect, it } from 'vitest';
import { turnOutcome } from './reply-messages.ts';

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
