import { useTranslation } from 'react-i18next';
import { ErrorScreen } from '../shared/page/error-screen';

/** A page whose code could not load (an old tab after an update, or no connection). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return <ErrorScreen message={t('failure.pageLoad')} onRetry={() => window.location.reload()} />;
}
