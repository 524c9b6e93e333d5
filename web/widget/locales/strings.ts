import { zh } from './zh.ts';
import { en } from './en.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] };
/** The shape every widget locale file fills (taken from zh.ts, so a missing English string fails typecheck). */
export type WidgetStrings = Widen<typeof zh>;
export type WidgetLocale = 'zh' | 'en';

export const widgetStrings: Record<WidgetLocale, WidgetStrings> = { zh, en };

/** The browser's language mapped to a supported locale (zh-*, else English). */
export function browserLocale(languages: readonly string[]): WidgetLocale {
  const first = languages.find((language) => /^(zh|en)/i.test(language)) ?? 'en';
  return /^zh/i.test(first) ? 'zh' : 'en';
}
