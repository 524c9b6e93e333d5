import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';
import { parseChineseNumeral } from './chinese-numerals.ts';

const NUMBER = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,12}(?:\\.\\d{1,2})?)';
const CN_NUMBER = '([零一二两三四五六七八九十百千万]{1,12})';
const JIAO = '(?:([1-9一二三四五六七八九])(?:毛|角)?(?![\\d个件台只双条份盒瓶箱把本张部款套支袋包副顶根项天号]))?';
// 块 is also a measure word (三块电池, "three batteries"): after it we accept only these characters.
const AFTER_KUAI = /^(?:$|[^\p{Script=Han}]|[钱的了吗呢吧啊呀嘛左多就还以内不也都嘛一])/u;

const RULES: Array<{ pattern: RegExp; currency: 'CNY' | 'USD'; chinese?: boolean }> = [
  { pattern: new RegExp(`(?:¥|\\bRMB|\\bCNY|人民币)\\s?${NUMBER}(?![\\d.])`, 'gi'), currency: 'CNY' },
  { pattern: new RegExp(`(?<![\\d.,])${NUMBER}\\s?(元|块钱|块|圆|人民币|rmb\\b|cny\\b|yuan\\b)${JIAO}`, 'gi'), currency: 'CNY' },
  { pattern: new RegExp(`${CN_NUMBER}(元|块钱|块|圆)${JIAO}`, 'g'), currency: 'CNY', chinese: true },
  { pattern: new RegExp(`(?:\\bUS)?\\$\\s?${NUMBER}(?![\\d.])`, 'gi'), currency: 'USD' },
  { pattern: new RegExp(`(?:\\bUSD|\\bUS\\s+dollars?)\\s?${NUMBER}(?![\\d.])`, 'gi'), currency: 'USD' },
  { pattern: new RegExp(`(?<![\\d.,])${NUMBER}\\s?(dollars?\\b|bucks\\b|usd\\b|美元|美金)`, 'gi'), currency: 'USD' },
];

/**
 * Finds money amounts: ¥199, 199元, 199块, 一百九十九元, 九块九, $49.99, 49.99 dollars, USD 50.
 * Value: decimal string with two decimals ('199.00'); meta.currency 'CNY' or 'USD'.
 */
export function recogniseAmounts(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const unit = match[2];
      const end = match.index + match[0].length;
      if (unit === '块' && !match[3] && !AFTER_KUAI.test(text.slice(end, end + 1))) continue;
      const value = rule.chinese ? fromChinese(match[1], match[3]) : fromDigits(match[1], match[3]);
      if (value === undefined) continue;
      found.push(candidate('amount', value, text, match.index, end, { currency: rule.currency }));
    }
  }
  return found;
}

/** '1,299.5' → '1299.50'; an extra jiao digit (9块9) becomes the first decimal. */
function fromDigits(number: string, jiao: string | undefined): string | undefined {
  const [integer, fraction = ''] = number.replace(/,/g, '').split('.');
  const whole = integer.replace(/^0+(?=\d)/, '');
  if (jiao !== undefined) {
    if (fraction) return undefined;
    const tenth = parseChineseNumeral(jiao);
    return tenth === undefined ? undefined : `${whole}.${tenth}0`;
  }
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

function fromChinese(number: string, jiao: string | undefined): string | undefined {
  const whole = parseChineseNumeral(number);
  if (whole === undefined) return undefined;
  return fromDigits(String(whole), jiao);
}
