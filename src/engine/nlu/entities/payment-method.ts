import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

export type PaymentMethod = 'credit_card' | 'paypal' | 'gift_card' | 'alipay' | 'wechat_pay' | 'bank_card';

const METHODS: Array<{ pattern: RegExp; method: PaymentMethod }> = [
  { pattern: /\b(?:credit\s*card|visa(?:\s+card)?|master\s?card|amex|american\s+express|discover\s+card)\b|信用卡/gi, method: 'credit_card' },
  { pattern: /\bpay\s?pal\b|贝宝/gi, method: 'paypal' },
  { pattern: /\bgift\s*cards?\b|礼品卡|购物卡|储值卡/gi, method: 'gift_card' },
  { pattern: /\bali\s?pay\b|支付宝/gi, method: 'alipay' },
  // A bare "微信" is a payment only where a payment is chosen: "用微信", "改成微信", "退到微信", or the whole answer.
  { pattern: /\b(?:wechat|weixin)\s*pay(?:ment)?\b|微信支付|微信付款?|微信钱包|(?<=(?:用|走|改成|换成|改为|换为|改用|退|退到|退回|退至|退回到|打到|转到)\s*)微信(?!号|群|好友|联系|上|里)|^\s*微信\s*(?:吧|的|就行|就好)?\s*[。.!！]?\s*$/gi, method: 'wechat_pay' },
  { pattern: /\b(?:debit|bank)\s*cards?\b|银行卡|借记卡|储蓄卡/gi, method: 'bank_card' },
  // "my card ending in 1234" with no kind named: a stored card, most often a credit card.
  { pattern: /\b(?:my\s+)?card(?=\s+(?:ending|that\s+ends)\b)/gi, method: 'credit_card' },
];
// "ending in 1234", "ending with 1234", "last four 1234", "尾号1234", "末四位是1234" right after the method.
const LAST_FOUR = /^\s*[,(（]?\s*(?:(?:that\s+)?(?:ending|ends)\s+(?:in|with)|last\s+(?:four|4)(?:\s+digits)?(?:\s+(?:is|are))?:?|尾号(?:是|为)?|末四位(?:是|为)?|后四位(?:是|为)?)\s*(\d{4})(?![0-9])\s*[)）]?/i;

/**
 * Finds payment methods. Value: one of {@link PaymentMethod}. When the last four digits follow ("credit card
 * ending in 1234", "信用卡尾号1234") the span covers them and meta.lastFour holds them.
 */
export function recognisePaymentMethods(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const { pattern, method } of METHODS) {
    for (const match of text.matchAll(pattern)) {
      let end = match.index + match[0].length;
      const meta: Record<string, string> = {};
      const tail = LAST_FOUR.exec(text.slice(end, end + 40));
      if (tail) {
        meta.lastFour = tail[1];
        end += tail[0].trimEnd().length;
      }
      if (method === 'credit_card' && /visa|master|amex|american|discover/i.test(match[0])) {
        meta.brand = match[0].toLowerCase().replace(/\s+card$/, '').replace(/\s+/g, '');
      }
      found.push(candidate('payment_method', method, text, match.index, end, Object.keys(meta).length > 0 ? meta : undefined));
    }
  }
  return found;
}
