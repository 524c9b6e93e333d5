import { describe, expect, it } from 'vitest';
import { lessonsHeld, refundQuote } from './refund.ts';

describe('refundQuote', () => {
  it('refunds everything before the first lesson', () => {
    expect(refundQuote({ paid: 2400, lessons: 20, attended: 0 })).toMatchObject({ rule: 'before_start', amount: 2400, fee: 0 });
  });
  it('refunds the unused lessons pro rata minus the fee after the start', () => {
    expect(refundQuote({ paid: 2000, lessons: 16, attended: 4 })).toMatchObject({ rule: 'pro_rata', amount: 1400, fee: 100 });
  });
  it('refunds nothing at or after half of the lessons', () => {
    expect(refundQuote({ paid: 2000, lessons: 16, attended: 8 })).toMatchObject({ rule: 'none_after_half', amount: 0 });
    expect(refundQuote({ paid: 2000, lessons: 16, attended: 7 }).rule).toBe('pro_rata');
  });
  it('never goes below zero', () => {
    expect(refundQuote({ paid: 150, lessons: 10, attended: 4 }).amount).toBe(0);
  });
  it('counts weekly lessons held by a date', () => {
    expect(lessonsHeld('2026-12-08', 20, '2026-12-01T10:00:00Z')).toBe(0);
    expect(lessonsHeld('2026-12-08', 20, '2026-12-08T10:00:00Z')).toBe(1);
    expect(lessonsHeld('2026-11-03', 16, '2026-11-25T10:00:00Z')).toBe(4);
  });
});
