import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';
import { parseChineseNumeral } from './chinese-numerals.ts';

const DIGITS = /(?<![\d.,A-Za-z#$¥:/_-])(\d{1,12})(?:st|nd|rd|th)?(?![\d_]|[.,:/]\d|[A-Za-z])/g;
const CN_ORDINAL = /第([零一二两三四五六七八九十百\d]{1,6})(?:个|件|项|条|种|款|位|次|台|单|张|款|号)?/g;
const CN_COUNTED = /(?<![第零一二两三四五六七八九十百千万])([零一二两三四五六七八九十百]{1,6})(个|件|台|只|双|条|份|盒|瓶|箱|把|本|张|部|款|套|支|袋|包|副|顶|根|项)/g;
const EN_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const EN_ORDINAL = /\b(?:the\s+)(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?:\s+(?:one|option|item|choice))?/gi;
const EN_CARDINALS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
// "one" is everywhere ("this one", "one of"): only as a clear choice or quantity.
const EN_CARDINAL = /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|\b(?:option|number|choice|just|only)\s+(one)\b/gi;

/**
 * Finds bare integers: digits, Chinese numerals with a measure word (两个), ordinals (第二个, "the second one")
 * and small English number words. Value: the integer as a string; meta.ordinal for ordinals. Numbers have the
 * lowest priority, so they survive only where nothing else (amount, date, order id…) claims the span.
 */
export function recogniseNumbers(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(DIGITS)) {
    const value = match[1].replace(/^0+(?=\d)/, '');
    found.push(candidate('number', value, text, match.index, match.index + match[0].length));
  }
  for (const match of text.matchAll(CN_ORDINAL)) {
    const value = parseChineseNumeral(match[1]);
    if (value === undefined) continue;
    found.push(candidate('number', String(value), text, match.index, match.index + match[0].length, { ordinal: true }));
  }
  for (const match of text.matchAll(CN_COUNTED)) {
    const value = parseChineseNumeral(match[1]);
    if (value === undefined) continue;
    found.push(candidate('number', String(value), text, match.index, match.index + match[0].length));
  }
  for (const match of text.matchAll(EN_ORDINAL)) {
    const value = EN_ORDINALS[match[1].toLowerCase()];
    found.push(candidate('number', String(value), text, match.index, match.index + match[0].length, { ordinal: true }));
  }
  for (const match of text.matchAll(EN_CARDINAL)) {
    const word = (match[1] ?? match[2]).toLowerCase();
    const value = word === 'one' ? 1 : EN_CARDINALS[word];
    const start = match[1] ? match.index : match.index + match[0].length - match[2].length;
    found.push(candidate('number', String(value), text, start, match.index + match[0].length));
  }
  return found;
}
