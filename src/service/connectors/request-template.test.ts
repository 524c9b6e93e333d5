import { describe, expect, it } from 'vitest';
import { renderBody, renderPath, renderQuery } from './request-template.ts';

describe('request templates', () => {
  const values = { order_id: '#CN1/../admin', reason: 'ordered by mistake', count: 2, items: ['a', 'b'], customer_id: 'u1' };

  it('keeps the type of a whole placeholder and interpolates text inside strings; missing values leave fields out', () => {
    expect(renderBody({ id: '{{order_id}}', n: '{{count}}', items: '{{items}}', note: '取消原因：{{reason}} ({{count}})', missing: '{{nothing}}', fixed: true, list: ['{{customer_id}}', '{{nothing}}'] }, values))
      .toEqual({ id: '#CN1/../admin', n: 2, items: ['a', 'b'], note: '取消原因：ordered by mistake (2)', fixed: true, list: ['u1'] });
  });

  it('URL-encodes path arguments so they stay one segment, and refuses a missing one', () => {
    expect(renderPath('/orders/{order_id}/cancel', values)).toBe('/orders/%23CN1%2F..%2Fadmin/cancel');
    expect(() => renderPath('/users/{user_id}', values)).toThrow(/needs "user_id"/);
  });

  it('drops empty query parameters', () => {
    expect(renderQuery({ customer: '{{customer_id}}', q: '{{nothing}}', lang: 'zh' }, values).toString()).toBe('customer=u1&lang=zh');
  });
});
