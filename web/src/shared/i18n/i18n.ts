import i18next, { type i18n as I18n, type ResourceLanguage } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';

/** The languages Klachtpad speaks; Dutch first and by default. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The locale for dates and numbers in each language. */
export const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * One i18next instance with ICU messages (plurals, selects, dates) for the whole client. Only the
 * catalogues given are loaded; others are added when a person switches (`addCatalogue`).
 */
export function createI18n(
  language: Language,
  catalogues: Partial<Record<Language, ResourceLanguage>>,
): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      defaultNS: 'common',
      resources: Object.fromEntries(
        Object.entries(catalogues).map(([lng, catalogue]) => [lng, catalogue]),
      ),
      // React escapes every value it renders; i18next must not escape them a second time.
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      react: { useSuspense: false },
    });
  return instance;
}

export function addCatalogue(instance: I18n, language: Language, catalogue: ResourceLanguage) {
  for (const [namespace, messages] of Object.entries(catalogue)) {
    instance.addResourceBundle(language, namespace, messages, true, true);
  }
}
