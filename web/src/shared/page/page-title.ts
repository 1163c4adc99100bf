import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The document title of a page: "Mijn klachten – Klachtpad", and "Fout: …" first while a form on
 * it has errors, so a screen-reader user hears at once that sending did not work.
 */
export function usePageTitle(title: string, failed = false): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = failed ? t('title.failed', { title }) : t('title.page', { title });
  }, [title, failed, t]);
}
