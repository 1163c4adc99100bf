import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { UnreadNotificationsQuery } from './notifications.graphql';

/**
 * The number of unread notifications beside the menu item, asked again on every page change
 * (marking them read on the notifications page updates it through the cache).
 */
export function UnreadCount() {
  const { t } = useTranslation('notifications');
  const { pathname } = useLocation();
  const [{ data }, refresh] = useQuery({ query: UnreadNotificationsQuery, variables: {} });
  useEffect(() => {
    refresh({ requestPolicy: 'network-only' });
  }, [pathname, refresh]);
  const count = data?.notifications.unreadCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="status-tag nav-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('navCount', { count })}</span>
    </span>
  );
}
