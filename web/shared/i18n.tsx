import { createContext, useContext, useState, type ReactNode } from 'react';
import { en } from './locales/en.ts';
import type { Strings } from './locales/strings.ts';
import { zh } from './locales/zh.ts';

export type UiLocale = 'zh' | 'en';
const all: Record<UiLocale, Strings> = { zh, en };
const I18n = createContext<{ t: Strings; locale: UiLocale; setLocale(locale: UiLocale): void }>({ t: zh, locale: 'zh', setLocale: () => {} });

/** Locale for the console and admin: saved choice, else the browser's language; switchable at runtime. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const initial = (localStorage.getItem('lingxi:ui-locale') as UiLocale | null) ?? (/^zh/i.test(navigator.language) ? 'zh' : 'en');
  const [locale, set] = useState<UiLocale>(initial);
  const setLocale = (next: UiLocale) => {
    localStorage.setItem('lingxi:ui-locale', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    set(next);
  };
  return <I18n.Provider value={{ t: all[locale], locale, setLocale }}>{children}</I18n.Provider>;
}

export const useI18n = () => useContext(I18n);
