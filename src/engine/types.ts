/** Shared vocabulary of the engine. Everything here is plain data: serialisable, no classes. */

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];

export type Tone = 'neutral' | 'warm' | 'apologetic' | 'concise';
export const TONES: readonly Tone[] = ['neutral', 'warm', 'apologetic', 'concise'];

/** Text in both languages. Packs write every customer-facing string this way. */
export type Localized<T = string> = Record<Locale, T>;
