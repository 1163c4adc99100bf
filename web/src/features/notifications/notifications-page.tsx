import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { isPortalPerson } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import {
  MarkNotificationsReadMutation,
  NotificationsQuery,
  type NotificationItem,
} from './notifications.graphql';

const PAGE_SIZE = 20;

/**
 * "Meldingen": what the procedure says this person must hear, newest first. A notification says
 * only what its reader may see (the server decides); opening one goes to its complaint.
 */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const [after, setAfter] = useState<string[]>([]);
  usePageTitle(t('title'));
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <NotificationPage after={undefined} first />
      {after.map((cursor) => (
        <NotificationPage key={cursor} after={cursor} />
      ))}
      <MoreButton after={after.at(-1)} onMore={(cursor) => setAfter((list) => [...list, cursor])} />
    </>
  );
}

function useNotificationPage(after: string | undefined) {
  return useQuery({ query: NotificationsQuery, variables: { first: PAGE_SIZE, after } });
}

function NotificationPage({ after, first }: { after: string | undefined; first?: boolean }) {
  const { t } = useTranslation('notifications');
  const { t: common } = useTranslation();
  const [{ data, error }] = useNotificationPage(after);
  const [{ fetching: marking }, markRead] = useMutation(MarkNotificationsReadMutation);
  const [markFailure, setMarkFailure] = useState<string | undefined>();
  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return <Loading />;
  const items = data.notifications.edges.map((edge) => edge.node);
  const unread = items.filter((item) => item.readAt === null).map((item) => item.id);
  if (first && items.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <section className="card" aria-label={first ? t('newest') : t('older')}>
      {first ? (
        <p>
          {t('unread', { count: data.notifications.unreadCount })}{' '}
          {unread.length > 0 ? (
            <button
              type="button"
              className="button small"
              disabled={marking}
              onClick={() =>
                void markRead({ ids: unread }).then((result) => {
                  const problem = apiFailure(result.error);
                  setMarkFailure(problem ? generalFailureMessage(problem, common) : undefined);
                })
              }
            >
              {t('markRead')}
            </button>
          ) : null}
        </p>
      ) : null}
      {markFailure ? <AlertMessage>{markFailure}</AlertMessage> : null}
      <ul className="notification-list">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function NotificationRow({ item }: { item: NotificationItem }) {
  const { t } = useTranslation('notifications');
  const format = useFormat();
  const { roles } = useSession();
  const unread = item.readAt === null;
  // Portal people open the complaint in the portal; staff see the reference to look up.
  const link = item.caseId && isPortalPerson(roles) ? `/klachten/${item.caseId}` : undefined;
  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <p>
        {unread ? <strong className="status-tag">{t('new')}</strong> : null}{' '}
        {format.label(item.message)}
      </p>
      <p className="muted">
        <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
        {item.reference ? (
          <>
            {' · '}
            {link ? (
              <Link to={link}>{t('openCase', { reference: item.reference })}</Link>
            ) : (
              item.reference
            )}
          </>
        ) : null}
      </p>
    </li>
  );
}

function MoreButton({
  after,
  onMore,
}: {
  after: string | undefined;
  onMore(cursor: string): void;
}) {
  const { t } = useTranslation('notifications');
  const [{ data }] = useNotificationPage(after);
  const page = data?.notifications.pageInfo;
  if (!page?.hasNextPage || !page.endCursor) return null;
  const cursor = page.endCursor;
  return (
    <button type="button" className="button" onClick={() => onMore(cursor)}>
      {t('more')}
    </button>
  );
}
