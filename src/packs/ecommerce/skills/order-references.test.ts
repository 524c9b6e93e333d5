import { describe, expect, it } from 'vitest';
import { excludedText, mentionsSeveralOrders } from './order-references.ts';

describe('excludedText', () => {
  it.each([
    ['cancel the one with the office chair, NOT the one with the keyboard', 'keyboard'],
    ['please cancel everything except the skateboard order', 'skateboard'],
    ['the keyboard order is fine, leave that one', 'keyboard'],
    ['取消办公椅那单，机械键盘那单保留', '机械键盘'],
    ['除了滑板那单，其他都取消', '滑板'],
    ['還有一單（有滑板那個）保留不動', '滑板'], // traditional characters
  ])('%s leaves out %s', (text, kept) => {
    expect(excludedText(text)).toContain(kept);
  });

  it.each(['cancel the chair order please', '帮我取消办公椅那单', 'cancel both orders'])('%s leaves out nothing', (text) => {
    expect(excludedText(text).trim()).toBe('');
  });
});

describe('mentionsSeveralOrders', () => {
  it.each(['cancel both of them', 'pls cancel all my pending orders', '两个待发货的都取消', '这俩订单都不要了'])('%s names several', (text) => {
    expect(mentionsSeveralOrders(text)).toBe(true);
  });
  it.each(['cancel my pending order', '取消这个订单'])('%s names one', (text) => {
    expect(mentionsSeveralOrders(text)).toBe(false);
  });
});
