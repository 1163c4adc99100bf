import { useTranslation } from 'react-i18next';

/** Shown while the first answer is on its way; announced politely, once. */
export function LoadingScreen({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <main className="centred" aria-busy="true">
      <p role="status" className="loading">
        {label ?? t('loading.app')}
      </p>
    </main>
  );
}

/** A part of a page that is still loading. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {label ?? t('loading.page')}
    </p>
  );
}
