import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeSubject } from 'wonka';
import type { OperationResult } from 'urql';
import { renderPage, testClient, testSession } from '../../test/render';
import { DashboardSummary } from './dashboard-summary';

function dashboard(open: number, overdue: number, stages: [string, number][]) {
  return {
    dashboardUpdated: {
      open,
      closed: 3,
      overdue,
      dueSoon: 1,
      stages: stages.map(([stage, count]) => ({
        track: 'intern',
        stage,
        label: { nl: stage === 'melding' ? 'Melding' : 'Bemiddeling', en: stage },
        count,
      })),
    },
  };
}

/** The werkbak's counts follow `dashboardUpdated`: each push replaces what is shown. */
describe('the live dashboard of the werkbak', () => {
  it('shows the first push and every later one, without asking a query', async () => {
    const { client, calls } = testClient();
    const feed = makeSubject<OperationResult>();
    let subscribed: string | undefined;
    client.executeSubscription = ((operation: {
      query: { definitions: { name?: { value: string } }[] };
    }) => {
      subscribed = operation.query.definitions[0]?.name?.value;
      return feed.source;
    }) as never;
    const push = (data: unknown) =>
      act(() => feed.next({ data, stale: false, hasNext: true } as unknown as OperationResult));
    renderPage(<DashboardSummary />, { client, session: testSession({ roles: ['manager'] }) });
    expect(subscribed).toBe('Dashboard');
    // Nothing to show before the first push.
    expect(screen.queryByRole('heading', { name: 'In één oogopslag' })).toBeNull();

    await push(dashboard(4, 2, [['melding', 4]]));
    const section = screen.getByRole('region', { name: 'In één oogopslag' });
    const figure = (name: string) =>
      within(section).getByText(name).closest('div')!.querySelector('dd')!.textContent;
    expect(figure('Open')).toBe('4');
    expect(figure('Te laat')).toBe('2');
    expect(within(section).getByText('Melding: 4')).toBeTruthy();

    await push(
      dashboard(5, 1, [
        ['melding', 3],
        ['bemiddeling', 2],
      ]),
    );
    expect(figure('Open')).toBe('5');
    expect(figure('Te laat')).toBe('1');
    expect(within(section).getByText('Melding: 3')).toBeTruthy();
    expect(within(section).getByText('Bemiddeling: 2')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });
});
