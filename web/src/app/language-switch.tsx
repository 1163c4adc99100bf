import { useTranslation } from 'react-i18next';
import { useLanguage } from '../shared/i18n/language-context';

/**
 * One button that offers the other language, named in that language ("English" / "Nederlands"),
 * so someone who cannot read the current one still finds it.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, choose } = useLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="button small language-switch"
      lang={other}
      onClick={() => void choose(other)}
    >
      <span aria-hidden="true">{t('language.other')}</span>
      <span className="visually-hidden">{t('language.switchTo')}</span>
    </button>
  );
}
