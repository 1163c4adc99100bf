import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import type { ExecutionResult } from 'graphql';
import type { ReactNode } from 'react';
import { MyComplaintsPage } from '../../features/complaints/my-complaints-page';
import { UnreadCount } from '../../features/notifications/unread-count';
import { renderPage } from '../../test/render';
import { LIVE_RESTART_MS, LiveUpdates } from './live-updates';

/** A case line as the server answers it, with the type names urql's cache adds to every query. */
function caseNode(id: string, reference: string, summary: string) {
  return {
    __typename: 'Case',
    id,
    reference,
    receivedOn: '2026-12-01',
    closed: false,
    stages: [
      {
        __typename: 'CaseStage',
        track: 'intern',
        stage: 'melding',
        label: { __typename: 'Label', nl: 'Melding', en: 'Report' },
      },
    ],
    parts: [{ __typename: 'ComplaintPart', id: `${id}-p`, summary }],
    deadlines: [],
  };
}

/**
 * A real urql client with the portal's exchanges, whose server is this test: queries are answered
 * from `state` as it is at the moment they arrive, and `push` sends a subscription result as the
 * WebSocket would.
 */
function liveClient(state: { cases: ReturnType<typeof caseNode>[]; unread: number }) {
  const asked: string[] = [];
  const subscribed: string[] = [];
  const feeds = new Map<string, { next(result: ExecutionResult): void; error(e: unknown): void }>();
  const answer = (name: string): unknown => {
    if (name === 'MyCases')
      return {
        cases: {
          __typename: 'CaseConnection',
          totalCount: state.cases.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: state.cases.map((node) => ({ __typename: 'CaseEdge', node })),
        },
      };
    if (name === 'UnreadNotifications')
      return {
        notifications: {
          __typename: 'NotificationConnection',
          unreadCount: state.unread,
          edges: [],
        },
      };
    return null;
  };
  const client = new Client({
    url: 'http://klachtpad.test/graphql',
    preferGetMethod: false,
    fetch: async (_input, init) => {
      const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
      asked.push(operationName);
      return new Response(JSON.stringify({ data: answer(operationName) }), {
        headers: { 'content-type': 'application/json' },
      });
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe(sink) {
            subscribed.push(request.operationName ?? '');
            feeds.set(request.operationName ?? '', sink);
            return { unsubscribe: () => feeds.delete(request.operationName ?? '') };
          },
        }),
      }),
    ],
  });
  const feed = async (name: string) => {
    await waitFor(() => expect(feeds.has(name)).toBe(true));
    return feeds.get(name)!;
  };
  return {
    client,
    asked,
    subscribed,
    async push(name: string, data: Record<string, unknown>) {
      (await feed(name)).next({ data });
    },
    /** What the server pushes when the case with this id changed. */
    async pushCase(id: string, cursor: string) {
      (await feed('LiveCases')).next({
        data: {
          caseUpdated: { __typename: 'CaseUpdate', cursor, case: { __typename: 'Case', id } },
        },
      });
    },
    async refuse(name: string) {
      (await feed(name)).error({ code: 4403, reason: 'Forbidden' });
    },
  };
}

/** A page as the shell shows it: beside the feed that refreshes it. */
function renderWithLiveUpdates(page: ReactNode, client: Client) {
  renderPage(
    <>
      {page}
      <LiveUpdates />
    </>,
    { client },
  );
}

describe('live updates', () => {
  it('shows a new complaint in the list when a case changes, without reloading', async () => {
    const state = { cases: [caseNode('c1', 'MHR-2026-0001', 'Koud eten')], unread: 0 };
    const live = liveClient(state);
    renderWithLiveUpdates(<MyComplaintsPage />, live.client);
    await screen.findByText('MHR-2026-0001');
    expect(screen.queryByText('MHR-2026-0002')).toBeNull();

    state.cases = [caseNode('c2', 'MHR-2026-0002', 'Geen antwoord'), ...state.cases];
    await live.pushCase('c2', 'k1');
    expect(await screen.findByText('MHR-2026-0002')).toBeTruthy();
    expect(screen.getByText('MHR-2026-0001')).toBeTruthy();
    expect(live.asked.filter((name) => name === 'MyCases')).toHaveLength(2);
  });

  it('lets an empty list learn of its first complaint', async () => {
    const state = { cases: [] as ReturnType<typeof caseNode>[], unread: 0 };
    const live = liveClient(state);
    renderWithLiveUpdates(<MyComplaintsPage />, live.client);
    await screen.findByText(/nog geen klachten/i);
    state.cases = [caseNode('c1', 'MHR-2026-0001', 'Koud eten')];
    await live.pushCase('c1', 'k1');
    expect(await screen.findByText('MHR-2026-0001')).toBeTruthy();
  });

  it('counts a new notification in the menu as it arrives', async () => {
    const state = { cases: [], unread: 0 };
    const live = liveClient(state);
    renderWithLiveUpdates(<UnreadCount />, live.client);
    await waitFor(() => expect(live.asked).toContain('UnreadNotifications'));
    expect(screen.queryByText('1 ongelezen')).toBeNull();
    state.unread = 1;
    await live.push('LiveNotifications', {
      notificationReceived: { __typename: 'Notification', id: 'n1' },
    });
    expect(await screen.findByText('1 ongelezen')).toBeTruthy();
  });

  it('asks who is signed in when the server ends the feed, then listens again', async () => {
    const live = liveClient({ cases: [], unread: 0 });
    renderPage(<LiveUpdates />, { client: live.client });
    await live.refuse('LiveCases');
    await waitFor(() => expect(live.asked).toContain('Me'));
    // After a pause, both feeds start anew (the session gate has meanwhile had its answer).
    await waitFor(
      () => expect(live.subscribed.filter((name) => name === 'LiveCases')).toHaveLength(2),
      { timeout: LIVE_RESTART_MS * 3 },
    );
  });
});
