import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../shared/contract';
import { en } from './en';
import { ja } from './ja';

export const SUPPORTED = ['ja', 'en'] as const;
export type UiLanguage = (typeof SUPPORTED)[number];

/** The OS locale as the browser (or Electron's Chromium) reports it, narrowed to what we ship. */
export function systemLanguage(): UiLanguage {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

export function resolveLanguage(setting: Language): UiLanguage {
  return setting === 'system' ? systemLanguage() : setting;
}

export function applyLanguage(language: UiLanguage): void {
  document.documentElement.lang = language;
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ja: { translation: ja } },
  lng: systemLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
