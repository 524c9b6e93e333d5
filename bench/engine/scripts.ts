import type { Locale } from '../../src/engine/types.ts';

/** One scripted customer conversation of the engine benchmark: the customer's turns, in order. */
export interface BenchScript {
  name: string;
  locale: Locale;
  /** Demo backend: 'tau-retail' (English store A) or 'store-zh' (Chinese store B). */
  db: 'tau-retail' | 'store-zh';
  turns: string[];
}

/**
 * The fixed mix of the engine benchmark: FAQ questions, tracking, cancellation and return flows, refunds, exchanges and
 * a hand-off, in Chinese and English, on both demo stores (customers and orders from the stores' sample data).
 * Order-changing flows end in a confirmation, so each benchmark round runs on a fresh copy of the store data.
 */
export const benchScripts: BenchScript[] = [
  { name: 'en FAQ', locale: 'en', db: 'tau-retail', turns: ['how long does shipping take?', 'how long is the warranty?', 'What is your return policy?', 'thanks!'] },
  { name: 'zh FAQ', locale: 'zh', db: 'store-zh', turns: ['怎么开发票？', '保修期多长时间？', '运费怎么算', '谢谢'] },
  { name: 'en track (not shipped)', locale: 'en', db: 'tau-retail', turns: ['where is my package?', 'raj.lee6137@example.com'] },
  { name: 'en track (zh store, phone)', locale: 'en', db: 'store-zh', turns: ['can you track my parcel?', '17888506065'] },
  { name: 'zh track (delayed)', locale: 'zh', db: 'store-zh', turns: ['帮我查下物流', '13927585713'] },
  { name: 'en cancel', locale: 'en', db: 'tau-retail', turns: ['I want to cancel my order', 'my email is raj.lee6137@example.com', 'I no longer need it', 'yes'] },
  { name: 'zh cancel (declined)', locale: 'zh', db: 'store-zh', turns: ['我想取消订单', '18235816343', '不需要了', '不用了'] },
  { name: 'zh cancel with FAQ digression', locale: 'zh', db: 'store-zh', turns: ['我想取消订单', '18235816343', '退款多久能到账？', '不需要了', '确认'] },
  { name: 'en return', locale: 'en', db: 'tau-retail', turns: ['I want to return the gaming mouse', 'noah.brown7922@example.com', 'yes'] },
  { name: 'zh return', locale: 'zh', db: 'store-zh', turns: ['空气炸锅我要退货', '18625789071', '确认'] },
  { name: 'en refund status', locale: 'en', db: 'tau-retail', turns: ['where is my refund?', 'noah.brown7922@example.com'] },
  { name: 'en exchange', locale: 'en', db: 'tau-retail', turns: ['I want to exchange an item', 'sophia.lee4144@example.com', 'the sunglasses', '1', 'paypal', 'yes'] },
  { name: 'zh exchange', locale: 'zh', db: 'store-zh', turns: ['我要换货', '18625789071', '空气炸锅', '白色', '微信支付', '确认'] },
  { name: 'zh hand-off', locale: 'zh', db: 'store-zh', turns: ['你们这服务太差了，我要投诉！', '转人工'] },
  { name: 'en hand-off', locale: 'en', db: 'tau-retail', turns: ['this is ridiculous, my order is late again', 'let me talk to a human'] },
];
