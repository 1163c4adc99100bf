import { useEffect, useRef } from 'react';
import { useMutation } from 'urql';
import { SetLanguageMutation } from '../features/auth/auth.graphql';
import { DEFAULT_LANGUAGE, type Language } from '../shared/i18n/i18n';
import { useLanguage } from '../shared/i18n/language-context';

type SavedLanguage = 'NL' | 'EN' | null;

const toApi = (language: Language) => (language === 'en' ? 'EN' : 'NL');
const fromApi = (saved: 'NL' | 'EN'): Language => (saved === 'EN' ? 'en' : 'nl');

/**
 * Keeps the tab's language and the person's saved preference together once they are signed in:
 * a saved choice is applied on arrival; a choice made in the tab (before signing in, or with the
 * switch) is saved for them, so it follows them to any device and nothing stays in this browser.
 */
export function LanguagePreference({ saved }: { saved: SavedLanguage }) {
  const { language, choose } = useLanguage();
  const [, save] = useMutation(SetLanguageMutation);
  const arrived = useRef(false);
  const switchingTo = useRef<Language | null>(null);

  useEffect(() => {
    if (!arrived.current) {
      arrived.current = true;
      if (saved && fromApi(saved) !== language) {
        switchingTo.current = fromApi(saved);
        void choose(switchingTo.current);
        return;
      }
    }
    if (switchingTo.current && language !== switchingTo.current) return;
    switchingTo.current = null;
    // Nobody chose anything yet: Dutch by default, nothing to remember.
    if (saved === null && language === DEFAULT_LANGUAGE) return;
    if (saved !== toApi(language)) void save({ language: toApi(language) });
  }, [saved, language, choose, save]);

  return null;
}
