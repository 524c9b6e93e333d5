import { describe, expect, it } from 'vitest';
import { isEllipticalFollowUp } from './elliptical-follow-up.ts';

describe('isEllipticalFollowUp', () => {
  const cases: Array<[string, boolean]> = [
    ['那周四呢', true],
    ['那要是走特快呢？', true],
    ['換成上海呢', true],
    ['那明天呢', true],
    ['what about Monday?', true],
    ['and what about the express service', true],
    ['and for 5 kg?', true],
    ['呢', false],
    ['我要取消订单', false],
    ['那我要取消订单，另外帮我把地址改一下，还有发票怎么开呢', false],
    ['what is the refund policy?', false],
    ['and I want to cancel my order.', false],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(isEllipticalFollowUp(text)).toBe(expected);
  });
});
