import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cancelReasonFrom, reasonsByOrder } from './cancel-reason.ts';

describe('cancelReasonFrom', () => {
  it.each([
    ['honestly we just dont need it anymore, pls cancel', 'no longer needed'],
    ['Changed my mind about the chair.', 'no longer needed'],
    ['cancel it, I found one cheaper elsewhere', 'no longer needed'],
    ['我们家已经有一台了，用不上了，取消吧', 'no longer needed'],
    ['这个不想要了', 'no longer needed'],
    ['麻烦取消，暂时不要了', 'no longer needed'],
    ['my kid clicked buy by accident lol', 'ordered by mistake'],
    ['I ordered the wrong size, cancel it', 'ordered by mistake'],
    ['oops placed it twice, it is a duplicate order', 'ordered by mistake'],
    ['手滑多拍了一单', 'ordered by mistake'],
    ['昨天拍错了，帮我取消', 'ordered by mistake'],
    ['下錯單了', 'ordered by mistake'], // traditional characters
    ['拍错颜色了，本来不想买这个色的', 'ordered by mistake'], // "did not mean to buy", not "no longer want"
    ['这个不想买了', 'no longer needed'],
    ['bought it by mistake... actually no, I just don\'t need it anymore', 'no longer needed'],
    ['the lamp order, no wait sorry wrong one, the chair order. we dont need it', 'no longer needed'],
    ['不对，是另一单，那个不需要了', 'no longer needed'],
  ])('%s → %s', (text, reason) => {
    expect(cancelReasonFrom(text)).toBe(reason);
  });

  it.each(['cancel my order please', '帮我取消订单', 'can you cancel #W8770097?', '我要取消'])('%s gives no reason', (text) => {
    expect(cancelReasonFrom(text)).toBeNull();
  });

  it('never throws and only returns a store value', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      expect([null, 'no longer needed', 'ordered by mistake']).toContain(cancelReasonFrom(text));
    }), { numRuns: 200 });
  });
});

describe('reasonsByOrder', () => {
  it('shares one reason said once for every order', () => {
    expect(reasonsByOrder('both were ordered by mistake: #W8770097 and #W5183325', ['#W8770097', '#W5183325']))
      .toEqual({ '#W8770097': 'ordered by mistake', '#W5183325': 'ordered by mistake' });
    expect(reasonsByOrder('#W8770097、#W5183325 这两单都用不上了', ['#W8770097', '#W5183325']))
      .toEqual({ '#W8770097': 'no longer needed', '#W5183325': 'no longer needed' });
  });

  it('gives each order the reason said after it, and "and" shares the next one', () => {
    expect(reasonsByOrder('cancel #W7007896 and #W1302858, we dont need those anymore, and #W7756209 was a mistake', ['#W7007896', '#W1302858', '#W7756209']))
      .toEqual({ '#W7007896': 'no longer needed', '#W1302858': 'no longer needed', '#W7756209': 'ordered by mistake' });
    expect(reasonsByOrder('#W7007896是拍错的，#W1302858不想要了', ['#W7007896', '#W1302858']))
      .toEqual({ '#W7007896': 'ordered by mistake', '#W1302858': 'no longer needed' });
  });

  it('reads reasons attached to products when a lookup is given', () => {
    const products: Record<string, string> = { '#A1': 'chair', '#B2': 'keyboard' };
    const mentions = (clause: string, id: string) => clause.includes(products[id]);
    expect(reasonsByOrder('cancel #A1 and #B2: the chair I just dont need anymore and the keyboard I ordered by accident', ['#A1', '#B2'], mentions))
      .toEqual({ '#A1': 'no longer needed', '#B2': 'ordered by mistake' });
  });

  it('leaves an order without a reason when the message mixes both and says nothing about it', () => {
    expect(reasonsByOrder('#W7007896 by mistake. #W1302858? also #W7756209 we dont need', ['#W7007896', '#W1302858', '#W7756209'])['#W1302858']).toBeNull();
  });
});
