import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { i18n as I18n, ResourceLanguage } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { addCatalogue, isLanguage, DEFAULT_LANGUAGE, type Language } from './i18n';

const KEY = 'klachtpad.language';

export interface LanguageControl {
  language: Language;
  /** Shows Klachtpad in this language from now on, in this tab. */
  choose(language: Language): Promise<void>;
}

const LanguageContext = createContext<LanguageControl | null>(null);

/**
 * Holds the language of the tab. The tab remembers a choice made before signing in (session
 * storage: not personal, gone with the tab); once signed in, the person's own preference on the
 * server decides, so nothing about them stays in the browser.
 */
export function LanguageProvider({
  i18n,
  loadCatalogue,
  children,
}: {
  i18n: I18n;
  loadCatalogue(language: Language): Promise<ResourceLanguage>;
  children: ReactNode;
}) {
  const [language, setLanguage] = useState<Language>(() =>
    isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE,
  );

  const choose = useCallback(
    async (next: Language) => {
      if (!i18n.hasResourceBundle(next, 'common'))
        addCatalogue(i18n, next, await loadCatalogue(next));
      await i18n.changeLanguage(next);
      document.documentElement.lang = next;
      writeTabLanguage(next);
      setLanguage(next);
    },
    [i18n, loadCatalogue],
  );

  const value = useMemo(() => ({ language, choose }), [language, choose]);
  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>
    </I18nextProvider>
  );
}

export function useLanguage(): LanguageControl {
  const control = useContext(LanguageContext);
  if (!control) throw new Error('useLanguage needs a LanguageProvider');
  return control;
}

export function readTabLanguage(): Language {
  try {
    const stored = window.sessionStorage.getItem(KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function writeTabLanguage(language: Language) {
  try {
    window.sessionStorage.setItem(KEY, language);
  } catch {
    // Storage can be disabled; the choice then lasts until the page reloads.
  }
}
