import type { Locale } from '../types.ts';

export type DetectedLanguage = Locale | 'mixed' | 'unknown';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;

/**
 * Tells whether a message is Chinese, English, mixed or unknown (digits, emoji only).
 * Counts Han characters against Latin words: one Han character weighs about as much as
 * one English word, which matches how much meaning each carries.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const han = text.match(HAN)?.length ?? 0;
  // Order numbers, emails and units are Latin but say nothing about the customer's language.
  const cleaned = text.replace(/#?w\d{5,}|\S+@\S+|\b\d+\s*(?:ml|kg|g|cm|mm|gb|tb|w|v)\b/gi, ' ');
  const words = cleaned.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && words === 0) return 'unknown';
  if (han === 0) return 'en';
  if (words === 0) return 'zh';
  const hanWeight = han / 1.5;
  if (hanWeight >= words * 3) return 'zh';
  if (words >= hanWeight * 3) return 'en';
  return 'mixed';
}

/** The locale to answer in: the detected one, or the conversation's when the message does not say. */
export function chooseLocale(text: string, fallback: Locale): Locale {
  const detected = detectLanguage(text);
  if (detected === 'zh' || detected === 'en') return detected;
  if (detected === 'mixed') return fallback;
  return fallback;
}
