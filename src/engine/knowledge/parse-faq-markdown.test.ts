import { describe, expect, it } from 'vitest';
import { parseFaqMarkdown } from './parse-faq-markdown.ts';

const options = { pack: 'ecommerce', locale: 'zh' as const, file: 'knowledge/faq.zh.md' };

describe('parseFaqMarkdown', () => {
  it('parses entries with id, tags, alternative phrasings and a Markdown answer', () => {
    const docs = parseFaqMarkdown('# 电商常见问题\n\n## 运费怎么算？\nid: shipping-fee\ntags: shipping, fee\nalt: 邮费多少 | 包邮吗\n\n单笔订单满 **99 元**包邮。\n\n- 偏远地区除外\n\n## 多久发货？\nid: ship-time\n\n48 小时内发货。\n', options);
    expect(docs).toEqual([
      { id: 'ecommerce/zh/shipping-fee', locale: 'zh', title: '运费怎么算？', questions: ['运费怎么算？', '邮费多少', '包邮吗'], answer: '单笔订单满 **99 元**包邮。\n\n- 偏远地区除外', source: 'knowledge/faq.zh.md#shipping-fee', tags: ['shipping', 'fee'] },
      { id: 'ecommerce/zh/ship-time', locale: 'zh', title: '多久发货？', questions: ['多久发货？'], answer: '48 小时内发货。', source: 'knowledge/faq.zh.md#ship-time' },
    ]);
  });
  it('names the line of a missing id, a duplicate id and an empty answer', () => {
    expect(() => parseFaqMarkdown('# t\n\n## 问题\n\n答案\n', options)).toThrow(/faq\.zh\.md:3: .*no "id:"/);
    expect(() => parseFaqMarkdown('## a\nid: x\n\n答\n\n## b\nid: x\n\n答\n', options)).toThrow(/faq\.zh\.md:7: duplicate id "x" \(first used on line 2\)/);
    expect(() => parseFaqMarkdown('## a\nid: x\n\n\n## b\nid: y\n\n答\n', options)).toThrow(/faq\.zh\.md:1: entry "x" has an empty answer/);
  });
  it('ignores ## inside code fences and accepts CRLF', () => {
    const docs = parseFaqMarkdown('## q\r\nid: q1\r\n\r\n```\r\n## not a heading\r\n```\r\n', options);
    expect(docs).toHaveLength(1);
    expect(docs[0].answer).toContain('## not a heading');
  });
});
