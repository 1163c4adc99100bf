import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient, testSession } from '../../test/render';
import { amsterdamToday } from '../case/today';
import { InboxPage } from './inbox-page';

const today = amsterdamToday();
const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000)
  .toISOString()
  .slice(0, 10);

const inboxAnswer = {
  data: {
    cases: {
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [
        {
          node: {
            id: 'case-1',
            reference: 'MHR-2026-0001',
            receivedOn: today,
            closed: false,
            stages: [{ track: 'intern', stage: 'melding', label: { nl: 'Melding', en: 'Report' } }],
            parts: [{ id: 'p1', summary: 'Koud eten' }],
            deadlines: [
              {
                clock: 'ontvangst',
                label: 'Ontvangstbevestiging',
                due: yesterday,
                status: 'running',
                explanation: 'Binnen een week.',
              },
            ],
            channel: 'phone',
            category: null,
            handlerIds: ['h-1'],
          },
        },
      ],
    },
  },
};
const handlersAnswer = {
  data: {
    members: [
      { userId: 'h-1', displayName: 'Fatima Bakker' },
      { userId: 'h-2', displayName: 'Joost de Vries' },
    ],
  },
};

describe('the inbox page', () => {
  it('shows each case with its handler by name and marks what is overdue', async () => {
    const { client } = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['manager'] }) });
    expect(await screen.findByText('MHR-2026-0001')).toBeTruthy();
    const row = screen.getByText('MHR-2026-0001').closest('tr')!;
    expect(row.textContent).toContain('Fatima Bakker');
    expect(row.textContent).toContain('Te laat');
    expect(row.textContent).toContain('Telefoon');
    expect(row.textContent).not.toContain('h-1');
  });

  it('asks the server for what the filters say', async () => {
    const { client, calls } = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['handler'] }) });
    await screen.findByText('MHR-2026-0001');
    fireEvent.change(screen.getByLabelText('Termijn'), { target: { value: 'overdue' } });
    fireEvent.change(screen.getByLabelText('Behandelaar'), { target: { value: 'none' } });
    fireEvent.change(screen.getByLabelText('Zoeken'), { target: { value: ' koud ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.name === 'Inbox').at(-1)?.variables).toMatchObject({
        filter: { closed: false, overdue: true, unassigned: true, search: 'koud' },
        order: 'URGENCY',
      }),
    );
  });

  it('narrows the inbox to the cases the viewer is responsible for', async () => {
    const { client, calls } = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['manager'] }) });
    await screen.findByText('MHR-2026-0001');
    const responsible = screen.getByLabelText('Verantwoordelijk') as HTMLSelectElement;
    expect([...responsible.options].map((option) => option.textContent)).toEqual([
      'Iedereen',
      'Mijn verantwoordelijkheden',
    ]);
    fireEvent.change(responsible, { target: { value: 'mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.name === 'Inbox').at(-1)?.variables).toMatchObject({
        filter: { closed: false, responsibleForMe: true },
      }),
    );
    // Wiping the filters asks for everyone's cases again.
    fireEvent.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.name === 'Inbox').at(-1)?.variables).toMatchObject({
        filter: { closed: false },
      }),
    );
    expect(
      (calls.filter((call) => call.name === 'Inbox').at(-1)?.variables as { filter: object })
        .filter,
    ).not.toHaveProperty('responsibleForMe');
  });

  it('orders by stage, handler, category or reference when asked', async () => {
    const { client, calls } = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['manager'] }) });
    await screen.findByText('MHR-2026-0001');
    const order = screen.getByLabelText('Volgorde') as HTMLSelectElement;
    expect([...order.options].map((option) => option.value)).toEqual([
      'URGENCY',
      'NEWEST',
      'REFERENCE',
      'STAGE',
      'HANDLER',
      'CATEGORY',
    ]);
    fireEvent.change(order, { target: { value: 'HANDLER' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.name === 'Inbox').at(-1)?.variables).toMatchObject({
        order: 'HANDLER',
      }),
    );
  });

  it('lets a manager assign a handler by name, and a handler not', async () => {
    const { client, calls } = testClient({
      Inbox: inboxAnswer,
      Handlers: handlersAnswer,
      AssignHandler: { data: { assignHandler: { id: 'case-1', handlerIds: ['h-1', 'h-2'] } } },
    });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['manager'] }) });
    await screen.findByText('MHR-2026-0001');
    fireEvent.change(screen.getByLabelText('Behandelaar toewijzen aan MHR-2026-0001'), {
      target: { value: 'h-2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Toewijzen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'AssignHandler')?.variables).toEqual({
        caseId: 'case-1',
        handlerId: 'h-2',
      }),
    );

    const asHandler = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    const { unmount } = renderPage(<InboxPage />, {
      client: asHandler.client,
      session: testSession({ roles: ['handler'] }),
    });
    await waitFor(() => expect(screen.getAllByText('MHR-2026-0001')).toHaveLength(2));
    expect(screen.getAllByRole('button', { name: 'Toewijzen' })).toHaveLength(1);
    unmount();
  });

  it('does not exist for a client', async () => {
    const { client, calls } = testClient({ Inbox: inboxAnswer, Handlers: handlersAnswer });
    renderPage(<InboxPage />, { client, session: testSession({ roles: ['client'] }) });
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.queryByText('MHR-2026-0001')).toBeNull();
    expect(calls.map((call) => call.name)).not.toContain('Inbox');
  });
});
