import { describe, expect, it } from 'vitest';
import { candidate } from './candidate.ts';
import { resolveOverlaps } from './resolve-overlaps.ts';

const TEXT = 'order 2378156 costs 199元 tomorrow';

describe('resolveOverlaps', () => {
  it('keeps the longest span, then the stronger type, and sorts by position', () => {
    const kept = resolveOverlaps(
      [
        candidate('number', '199', TEXT, 20, 23),
        candidate('amount', '199.00', TEXT, 20, 24),
        candidate('number', '2378156', TEXT, 6, 13),
        candidate('phone', '2378156', TEXT, 6, 13),
        candidate('order_id', '#W2378156', TEXT, 6, 13),
        candidate('date', '2026-11-26', TEXT, 25, 33),
      ],
      TEXT.length,
    );
    expect(kept.map((found) => found.type)).toEqual(['order_id', 'amount', 'date']);
  });

  it('drops empty or out-of-range candidates', () => {
    expect(resolveOverlaps([candidate('number', '1', TEXT, 5, 5), candidate('number', '1', TEXT, 30, 99)], TEXT.length)).toEqual([]);
  });
});
