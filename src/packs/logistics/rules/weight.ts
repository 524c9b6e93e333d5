import { CHINESE_NUMERAL_CHARACTERS, parseNumeral } from '../../../engine/nlu/entities/chinese-numerals.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';

const ENGLISH_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, half: 0.5, a: 1, an: 1,
};

const NUMBER = `\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARACTERS}]+|${Object.keys(ENGLISH_NUMBERS).join('|')}`;
const WEIGHT = new RegExp(`(?<![a-z])(半|${NUMBER})\\s*(?:个)?\\s*(kg|公斤|千克|kilos?|kilograms?|斤|lbs?|pounds?)(半)?(?![a-z])`, 'i');

function numberFrom(text: string): number | undefined {
  if (text === '半') return 0.5;
  if (/^\d/.test(text)) return Number(text);
  return ENGLISH_NUMBERS[text.toLowerCase()] ?? parseNumeral(text);
}

/**
 * Parcel weight in kilograms from the way people say it: "3公斤", "3kg", "十公斤", "两斤半" (斤 = 0.5 kg, 半 adds
 * half a unit), "半公斤", "兩公斤" (traditional), "ten kilos", "6 lbs". Null when the message names no weight.
 *
 * @example weightFrom('寄个两斤半的包裹') // 1.25
 */
export function weightFrom(text: string): number | null {
  const match = WEIGHT.exec(normalizeKeepCase(text));
  if (!match) return null;
  const count = numberFrom(match[1]);
  if (count === undefined || !(count > 0)) return null;
  const amount = count + (match[3] ? 0.5 : 0);
  const unit = match[2].toLowerCase();
  if (unit === '斤') return amount / 2;
  if (/^(lb|pound)/.test(unit)) return Math.round(amount * 0.4536 * 100) / 100;
  return amount;
}
