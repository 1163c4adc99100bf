import { useCallback, useEffect, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import { MeQuery } from '../../features/auth/auth.graphql';
import { LiveCasesSubscription, LiveNotificationsSubscription } from './live.graphql';

/**
 * What each push makes stale. urql's document cache re-executes every active query whose result
 * held one of these types (a case list, one case, the inbox, the unread count); a connection is
 * named too, so an empty list learns of its first case. Constants: a new context object per
 * render would start a new subscription.
 */
const CASES_CHANGED = { additionalTypenames: ['Case', 'CaseConnection'] };
const NOTIFICATIONS_CHANGED = { additionalTypenames: ['Notification', 'NotificationConnection'] };

/** How long a feed that ended (a refusal, a resume from too far back) waits before it starts anew. */
export const LIVE_RESTART_MS = 5_000;

/**
 * Keeps what the signed-in person sees up to date without reloading (ADR 0077): while it is
 * mounted, changes of the cases they may see and their new notifications arrive over the
 * organisation's WebSocket and refresh the pages showing them. Renders nothing.
 */
export function LiveUpdates() {
  const [attempt, setAttempt] = useState(0);
  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  return <LiveFeeds key={attempt} onEnded={restart} />;
}

function LiveFeeds({ onEnded }: { onEnded(): void }) {
  const client = useClient();
  const [cases] = useSubscription({
    query: LiveCasesSubscription,
    variables: { after: null },
    context: CASES_CHANGED,
  });
  const [notifications] = useSubscription({
    query: LiveNotificationsSubscription,
    variables: {},
    context: NOTIFICATIONS_CHANGED,
  });
  const ended = Boolean(cases.error ?? notifications.error);
  useEffect(() => {
    if (!ended) return;
    // A feed ends when the server refuses it: the session or membership may be gone. Asking who
    // is signed in lets the session gate show the sign-in page or leave the organisation.
    void client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const timer = setTimeout(onEnded, LIVE_RESTART_MS);
    return () => clearTimeout(timer);
  }, [ended, client, onEnded]);
  return null;
}
