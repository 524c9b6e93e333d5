/** Characters that can appear in a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARACTERS = '〇零一二两三四五六七八九十百千万';

const DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};
const UNITS: Record<string, number> = { '十': 10, '百': 100, '千': 1000 };

/**
 * Parses a Chinese numeral (or plain ASCII digits) into a non-negative integer below 100 million, or returns
 * `undefined` when the text is not a numeral. Positional forms such as '二〇二六' are read digit by digit.
 *
 * @example parseChineseNumeral('十一') // 11
 * @example parseChineseNumeral('两百零五') // 205
 * @example parseChineseNumeral('二〇二六') // 2026
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0 || text.length > 16) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  for (const character of text) {
    if (!(character in DIGITS) && !(character in UNITS) && character !== '万') return undefined;
  }
  if (!/[十百千万]/.test(text)) {
    // Positional: 二〇二六, 一二三. A single digit is its own value.
    let value = 0;
    for (const character of text) value = value * 10 + DIGITS[character];
    return value;
  }
  const tenThousands = text.indexOf('万');
  if (tenThousands !== text.lastIndexOf('万')) return undefined;
  if (tenThousands >= 0) {
    const high = tenThousands === 0 ? 1 : parseBelowTenThousand(text.slice(0, tenThousands));
    const rest = text.slice(tenThousands + 1);
    // 一万五 is 15000: a lone digit after 万 counts thousands.
    const low = rest === '' ? 0 : rest.length === 1 && rest in DIGITS ? DIGITS[rest] * 1000 : parseBelowTenThousand(rest);
    if (high === undefined || low === undefined) return undefined;
    return high * 10_000 + low;
  }
  return parseBelowTenThousand(text);
}

function parseBelowTenThousand(text: string): number | undefined {
  let total = 0;
  let pending: number | undefined;
  let lastUnit = 10_000;
  let afterUnit = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character in DIGITS) {
      // 两百五 is 250 and 三千五 is 3500: a digit right after 百/千 (no 零) counts the next unit down.
      const colloquial = afterUnit && lastUnit >= 100 && DIGITS[character] !== 0 && index === text.length - 1;
      afterUnit = false;
      if (colloquial) {
        return total + DIGITS[character] * (lastUnit / 10);
      }
      if (pending !== undefined && DIGITS[character] !== 0) return undefined; // 三四 without a unit
      pending = DIGITS[character] === 0 ? undefined : DIGITS[character];
      continue;
    }
    const unit = UNITS[character];
    if (unit === undefined || unit >= lastUnit) return undefined;
    total += (pending ?? (unit === 10 ? 1 : Number.NaN)) * unit;
    if (Number.isNaN(total)) return undefined;
    pending = undefined;
    lastUnit = unit;
    afterUnit = true;
  }
  return total + (pending ?? 0);
}

/** Reads a numeral written either in ASCII digits or in Chinese. */
export function parseNumeral(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
}
