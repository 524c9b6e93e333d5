import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseOrderIds } from './order-id.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recogniseOrderIds', () => {
  it('canonicalises store A ids in every written form', () => {
    for (const text of ['#W2378156', 'W2378156', 'w2378156', '# W2378156', 'order #w2378156 please']) {
      expect(summary(recogniseOrderIds(text))).toContain('order_id:#W2378156');
    }
  });

  it('accepts 7 digits after an order cue, spanning the digits', () => {
    const [found] = recogniseOrderIds('order 2378156');
    expect(found).toMatchObject({ value: '#W2378156', text: '2378156', start: 6, end: 13 });
    expect(summary(recogniseOrderIds('订单2378156'))).toEqual(['order_id:#W2378156']);
    expect(summary(recogniseOrderIds('my order number is 2378156'))).toEqual(['order_id:#W2378156']);
    expect(summary(recogniseOrderIds('订单号：2378156'))).toEqual(['order_id:#W2378156']);
  });

  it('recognises store B ids', () => {
    expect(summary(recogniseOrderIds('#CN2611000123'))).toEqual(['order_id:#CN2611000123']);
    expect(summary(recogniseOrderIds('cn2611000123的订单'))).toEqual(['order_id:#CN2611000123']);
    expect(summary(recogniseOrderIds('订单号 2611000123'))).toEqual(['order_id:#CN2611000123']);
  });

  it('rejects wrong lengths and embedded letters', () => {
    expect(recogniseOrderIds('#W237815 #W23781567 AW2378156 2378156 order 12345678')).toEqual([]);
    expect(recogniseOrderIds('#CN261100012')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are canonical', () => {
    const fragments = ['#', 'W', 'w', 'CN', '2378156', '2611000123', 'order ', '订单', '号', ':', ' '];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseOrderIds(text), /^#(W\d{7}|CN\d{10})$/);
      }),
      { numRuns: 300 },
    );
  });
});
