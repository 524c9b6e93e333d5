import { describe, it, expect } from 'vitest';
import { maskPii, maskPiiDeep } from './mask-pii.ts';

describe('maskPii', () => {
  it('masks phones, e-mails, ID and card numbers in Chinese and English text', () => {
    const masked = maskPii('我的手机是13812345678，邮箱 li.lei@example.com，身份证110101199003071234，卡号 6222 0212 3456 7890 123');
    expect(masked).not.toMatch(/13812345678|li\.lei@|110101199003071234|6222 0212 3456 7890 123/);
    expect(masked).toContain('138****5678');
    expect(masked).toContain('l***@example.com');
    expect(masked).toContain('1101**********1234');
    expect(masked).toContain('****0123');
    expect(maskPii('Call me at +1 202 555 0123 about order #W1234567')).toBe('Call me at +1 ****23 about order #W1234567');
  });

  it('leaves ordinary text and order ids alone', () => {
    expect(maskPii('订单 #W2378156 什么时候到？')).toBe('订单 #W2378156 什么时候到？');
  });

  it('masks strings nested in log objects', () => {
    expect(maskPiiDeep({ body: { text: 'email a@b.cn' }, list: ['13900001111'] })).toEqual({ body: { text: 'email a***@b.cn' }, list: ['139****1111'] });
  });
});
