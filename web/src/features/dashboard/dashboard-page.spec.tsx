import { act, screen, within } from '@testing-library/react';
import type { OperationResult } from 'urql';
import { describe, expect, it } from 'vitest';
import { makeSubject } from 'wonka';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient, testSession } from '../../test/render';
import { DashboardPage } from './dashboard-page';
import type { ManagementDashboard } from './dashboard.graphql';

const months = ['2026-10', '2026-11', '2026-12'];
const label = (nl: string) => ({ nl, en: nl });

function dashboard(open: number, closedInDecember: number): ManagementDashboard {
  return {
    open,
    closed: 4 + closedInDecember,
    overdue: 1,
    dueSoon: 2,
    stages: [
      { track: 'intern', stage: 'ontvangen', label: label('Ontvangen'), count: open - 1 },
      { track: 'intern', stage: 'horen', label: label('Horen'), count: 1 },
    ],
    leadTimes: {
      since: '2026-01-01',
      closed: 5,
      medianDays: 40,
      p90Days: 56.5,
      withTerm: 5,
      withinTerm: 4,
      legalTermDays: 42,
    },
    receivedByCategory: months.flatMap((month, index) => [
      { month, key: 'bejegening', label: label('Bejegening'), count: index },
      { month, key: 'other', label: label('Overig of zonder soort'), count: 1 },
    ]),
    closedByOutcome: months.flatMap((month) => [
      {
        month,
        key: 'gegrond',
        label: label('Gegrond'),
        count: month === '2026-12' ? closedInDecember : 0,
      },
      { month, key: 'undecided', label: label('Nog geen oordeel'), count: 0 },
    ]),
  };
}

/** A client whose `dashboardUpdated` the test pushes, as the server would. */
function liveClient() {
  const { client, calls } = testClient();
  const feed = makeSubject<OperationResult>();
  const subscribed: string[] = [];
  client.executeSubscription = ((operation: {
    query: { definitions: { name?: { value: string } }[] };
  }) => {
    subscribed.push(operation.query.definitions[0]?.name?.value ?? '');
    return feed.source;
  }) as never;
  const push = (data: ManagementDashboard) =>
    act(() =>
      feed.next({
        data: { dashboardUpdated: data },
        stale: false,
        hasNext: true,
      } as unknown as OperationResult),
    );
  return { client, calls, subscribed, push };
}

const cells = (table: HTMLElement, row: string) =>
  [
    ...within(table).getByRole('rowheader', { name: row }).closest('tr')!.querySelectorAll('td'),
  ].map((td) => td.textContent);
const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map((th) => th.textContent);

describe('the management dashboard', () => {
  it('shows every chart as a table with its caption and headers, and follows every push', async () => {
    const { client, calls, subscribed, push } = liveClient();
    renderPage(<DashboardPage />, { client, session: testSession({ roles: ['director'] }) });
    expect(subscribed).toEqual(['ManagementDashboard']);
    expect(screen.queryByRole('table')).toBeNull();

    await push(dashboard(4, 1));
    const figures = screen.getByRole('region', { name: 'In één oogopslag' });
    const figure = (name: string) =>
      within(figures).getByText(name).closest('div')!.querySelector('dd')!.textContent;
    expect(figure('Open')).toBe('4');
    expect(figure('Te laat')).toBe('1');

    const stages = screen.getByRole('table', { name: 'Open klachten per fase van de procedure' });
    expect(headers(stages)).toEqual(['Fase', 'Open klachten']);
    expect(cells(stages, 'Ontvangen')).toEqual(['3']);
    expect(cells(stages, 'Horen')).toEqual(['1']);

    const lead = screen.getByRole('table', { name: /^Doorlooptijd van de 5 klachten/ });
    expect(lead.querySelector('caption')!.textContent).toContain('1 januari 2026');
    expect(cells(lead, 'Mediaan (de helft was sneller klaar)')).toEqual(['40 dagen']);
    expect(cells(lead, '9 van de 10 klachten binnen')).toEqual(['56,5 dagen']);
    expect(cells(lead, 'Wettelijke beslistermijn')).toEqual(['42 dagen']);
    expect(cells(lead, 'Afgehandeld binnen de eigen beslistermijn')).toEqual(['4 van 5 (80%)']);

    const byCategory = screen.getByRole('table', {
      name: 'Ontvangen klachten per maand en soort, de afgelopen 12 maanden',
    });
    expect(headers(byCategory)).toEqual([
      'Maand',
      'Bejegening',
      'Overig of zonder soort',
      'Totaal',
    ]);
    expect(
      within(byCategory)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['okt 2026', 'nov 2026', 'dec 2026']);
    expect(cells(byCategory, 'dec 2026')).toEqual(['2', '1', '3']);
    for (const th of within(byCategory).getAllByRole('rowheader'))
      expect(th.getAttribute('scope')).toBe('row');
    for (const th of within(byCategory).getAllByRole('columnheader'))
      expect(th.getAttribute('scope')).toBe('col');

    const byOutcome = screen.getByRole('table', { name: /^Klachtonderdelen van de afgehandelde/ });
    expect(cells(byOutcome, 'dec 2026')).toEqual(['1', '0', '1']);

    // A case closes: the next push replaces what is shown, without a query.
    await push(dashboard(3, 2));
    expect(figure('Open')).toBe('3');
    expect(figure('Afgehandeld')).toBe('6');
    expect(cells(stages, 'Ontvangen')).toEqual(['2']);
    expect(cells(byOutcome, 'dec 2026')).toEqual(['2', '0', '2']);
    expect(calls).toHaveLength(0);
    // The charts are drawn beside the tables, and left to the tables for assistive technology.
    for (const chart of document.querySelectorAll('.dashboard-chart'))
      expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelectorAll('.dashboard-chart')).toHaveLength(4);
  });

  it('says so when no complaint is open, rather than drawing an empty chart', async () => {
    const { client, push } = liveClient();
    renderPage(<DashboardPage />, { client, session: testSession({ roles: ['manager'] }) });
    await push({ ...dashboard(1, 0), open: 0, stages: [] });
    expect(screen.getByText('Er staan geen klachten open.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /per fase/ })).toBeNull();
  });

  it.each([['client'], ['confidant'], ['handler'], ['commission']] as const)(
    'is not there for a %s, and asks the server nothing',
    async (role) => {
      const { client, subscribed } = liveClient();
      renderPage(<DashboardPage />, { client, session: testSession({ roles: [role] }) });
      expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeTruthy();
      expect(subscribed).toEqual([]);
      expect(navigationFor([role]).map((item) => item.to)).not.toContain('/dashboard');
    },
  );

  it('is in the menu of managers and directors', () => {
    for (const role of ['manager', 'director'] as const)
      expect(navigationFor([role]).map((item) => item.to)).toContain('/dashboard');
  });
});
