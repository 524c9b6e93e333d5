import { parse } from 'yaml';
import { z } from 'zod';
import { LingxiError } from '../../errors.ts';
import type { Locale } from '../../types.ts';
import { EMOTIONS, type Emotion } from './sentiment-model.ts';

/** One labelled phrase of data/emotions.yaml. */
export interface EmotionPhrase {
  text: string;
  emotion: Emotion;
  locale: Locale;
}

const phraseList = z.array(z.string().min(1)).default([]);
const fileSchema = z.record(z.enum(EMOTIONS), z.object({ zh: phraseList, en: phraseList }));

/** Reads the emotion phrase file: `{ anger: { zh: [...], en: [...] }, anxiety: …, … }`. */
export function parseEmotionPhrases(content: string): EmotionPhrase[] {
  const parsed = fileSchema.safeParse(parse(content));
  if (!parsed.success) throw new LingxiError('malformed_file', `emotions.yaml: ${parsed.error.message}`, { cause: parsed.error });
  const phrases: EmotionPhrase[] = [];
  for (const emotion of EMOTIONS) {
    const entry = parsed.data[emotion];
    if (!entry) continue;
    for (const locale of ['zh', 'en'] as const) for (const text of entry[locale]) phrases.push({ text, emotion, locale });
  }
  return phrases;
}
