import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../text/tokenize.ts';
import { parseFaqMarkdown } from './parse-faq-markdown.ts';
import { createRetriever } from './retriever.ts';

const tokenizer = createTokenizer();
const zh = parseFaqMarkdown(`# 常见问题
## 运费怎么算？
id: shipping-fee
alt: 邮费多少 | 包邮吗 | 满多少包邮

单笔订单实付满 99 元包邮，不满收 8 元运费。

## 多久能发货？
id: ship-time
alt: 什么时候发货 | 下单后几天发出

付款后 48 小时内从仓库发出。

## 怎么申请退货？
id: return
alt: 七天无理由退货怎么操作 | 退货流程

在订单详情页点击“申请售后”，选择退货并填写原因。

## 支持哪些付款方式？
id: payment
alt: 能用花呗吗 | 可以信用卡支付吗

支持支付宝、微信支付和银行卡。
`, { pack: 'shop', locale: 'zh', file: 'faq.zh.md' });
const en = parseFaqMarkdown(`## How much is shipping?
id: shipping-fee
alt: Is shipping free? | delivery cost

Orders over $35 ship free; otherwise shipping is $5.

## How do I return an item?
id: return
alt: return policy | send something back

Open the order, choose "Return items" and print the label.

## Which payment methods do you accept?
id: payment
alt: can I pay with PayPal

Credit cards, PayPal and gift cards.
`, { pack: 'shop', locale: 'en', file: 'faq.en.md' });

describe('retriever', () => {
  const retriever = createRetriever({ docs: [...zh, ...en] }, { tokenizer });

  it('ranks the right FAQ first for Chinese paraphrases', () => {
    const cases: Array<[string, string]> = [['买多少钱可以免运费', 'shop/zh/shipping-fee'], ['下单以后几天能发出去', 'shop/zh/ship-time'], ['我想退货要怎么弄', 'shop/zh/return'], ['可以用微信付款吗', 'shop/zh/payment']];
    for (const [query, id] of cases) expect(retriever.retrieve(query, { locale: 'zh' })[0]?.doc.id, query).toBe(id);
  });
  it('ranks the right FAQ first for English paraphrases', () => {
    const cases: Array<[string, string]> = [['is delivery free for my order', 'shop/en/shipping-fee'], ['how can I send an item back', 'shop/en/return'], ['do you take paypal', 'shop/en/payment']];
    for (const [query, id] of cases) expect(retriever.retrieve(query, { locale: 'en' })[0]?.doc.id, query).toBe(id);
  });
  it('returns sorted hits with confidence in 0…1, the source, the locale filter and the limit', () => {
    const hits = retriever.retrieve('运费多少钱', { locale: 'zh', limit: 2 });
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits[0].doc.source).toBe('faq.zh.md#shipping-fee');
    for (const hit of hits) expect(hit.confidence).toBeGreaterThanOrEqual(0);
    for (const hit of hits) expect(hit.confidence).toBeLessThanOrEqual(1);
    expect(hits.every((hit) => hit.doc.locale === 'zh')).toBe(true);
    expect(retriever.retrieve('', {})).toEqual([]);
    expect(retriever.size()).toBe(7);
  });
  it('is more confident for an exact question than for an unrelated one', () => {
    const exact = retriever.retrieve('运费怎么算', { locale: 'zh' })[0].confidence;
    const unrelated = retriever.retrieve('运动鞋尺码偏大吗', { locale: 'zh' })[0]?.confidence ?? 0;
    expect(exact).toBeGreaterThan(unrelated + 0.2);
  });
  it('measures coverage: how much of what the customer asks about a document mentions', () => {
    const covered = retriever.retrieve('邮费多少钱', { locale: 'zh' })[0];
    expect(covered.coverage).toBeGreaterThan(0.5);
    // Phrased like an FAQ question, but about something no document mentions.
    for (const query of ['能用比特币吗', '狗狗能吃吗']) {
      const hit = retriever.retrieve(query, { locale: 'zh' })[0];
      if (hit) expect(hit.coverage, query).toBeLessThan(0.15);
    }
    const english = retriever.retrieve('can my cat use it', { locale: 'en' })[0];
    if (english) expect(english.coverage).toBeLessThan(0.15);
    expect(retriever.retrieve('do you take paypal', { locale: 'en' })[0].coverage).toBeGreaterThan(0.3);
  });
});
