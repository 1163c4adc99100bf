import { useTranslation } from 'react-i18next';
import { AlertMessage } from './alert-message';
import { PageHeading } from './page-heading';
import { usePageTitle } from './page-title';

export interface ErrorScreenProps {
  message: string;
  onRetry(): void;
}

/** When the first answer does not come: say so plainly and offer one way forward. */
export function ErrorScreen({ message, onRetry }: ErrorScreenProps) {
  const { t } = useTranslation();
  usePageTitle(t('errorScreen.title'), true);
  return (
    <main className="centred">
      <div className="card narrow">
        <PageHeading>{t('errorScreen.title')}</PageHeading>
        <AlertMessage>{message}</AlertMessage>
        <button type="button" className="button primary" onClick={onRetry}>
          {t('errorScreen.retry')}
        </button>
      </div>
    </main>
  );
}
