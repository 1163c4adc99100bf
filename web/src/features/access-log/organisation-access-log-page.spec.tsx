import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient, testMe, testSession } from '../../test/render';
import { amsterdamMidnight } from '../case/today';
import { OrganisationAccessLogPage } from './organisation-access-log-page';

const line = (overrides: Record<string, unknown>) => ({
  id: '1',
  occurredAt: '2026-03-02T09:30:00.000Z',
  actorId: 'u-1',
  who: 'Fatima Bakker',
  onBehalfOf: null,
  actorOrganisation: 'Bureau MHR',
  role: 'handler',
  action: 'read',
  outcome: 'allowed',
  bySystem: false,
  caseId: 'case-1',
  caseReference: 'MHR-2026-0001',
  ...overrides,
});

const logAnswer = (hasNextPage = false) => ({
  data: {
    organisationAccessLog: {
      pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
      edges: [
        {
          node: line({
            id: '3',
            who: 'Joost de Vries',
            actorId: 'u-2',
            role: 'confidant',
            onBehalfOf: 'Anna Jansen',
          }),
        },
        {
          node: line({
            id: '2',
            who: 'Lid Commissie',
            actorId: 'u-3',
            role: 'commission',
            actorOrganisation: 'Klachtencommissie Zorg',
          }),
        },
        { node: line({ id: '1', outcome: 'denied' }) },
      ],
    },
  },
});
const peopleAnswer = {
  data: {
    members: [
      { userId: 'u-2', displayName: 'Joost de Vries', roles: ['CONFIDANT'] },
      { userId: 'u-1', displayName: 'Fatima Bakker', roles: ['HANDLER'] },
    ],
  },
};
const verifiedDirector = () =>
  testSession({ roles: ['director'], me: testMe({ mfaEnabled: true, sessionMfaVerified: true }) });
const lastLogCall = (calls: { name: string; variables: unknown }[]) =>
  calls.filter((call) => call.name === 'OrganisationAccessLog').at(-1)?.variables;

describe('the organisation’s access log page', () => {
  it('shows each line by name, with on whose behalf, from which organisation, the case and whether it was allowed', async () => {
    const { client } = testClient({
      OrganisationAccessLog: logAnswer(),
      AccessLogPeople: peopleAnswer,
    });
    renderPage(<OrganisationAccessLogPage />, { client, session: verifiedDirector() });
    const confidant = (
      await screen.findByRole('button', { name: 'Alleen Joost de Vries tonen' })
    ).closest('tr')!;
    expect(confidant.textContent).toContain('namens Anna Jansen');
    expect(confidant.textContent).toContain('Vertrouwenspersoon');
    const member = screen.getByText('Lid Commissie').closest('tr')!;
    expect(member.textContent).toContain('vanuit Klachtencommissie Zorg');
    // The organisation's own people are not said to come from elsewhere.
    expect(confidant.textContent).not.toContain('vanuit');
    const refused = screen
      .getByRole('button', { name: 'Alleen Fatima Bakker tonen' })
      .closest('tr')!;
    expect(within(refused).getByText('Nee, geweigerd')).toBeTruthy();
    expect(refused.textContent).toContain('MHR-2026-0001');
    expect(refused.textContent).toContain('Dossier bekeken');
  });

  it('asks the server for the case, the person and the period the filters say', async () => {
    const { client, calls } = testClient({
      OrganisationAccessLog: logAnswer(),
      AccessLogPeople: peopleAnswer,
    });
    const { router } = renderPage(<OrganisationAccessLogPage />, {
      client,
      session: verifiedDirector(),
    });
    await screen.findByRole('button', { name: 'Alleen Joost de Vries tonen' });
    expect(lastLogCall(calls)).toEqual({ filter: {}, first: 50, after: null });
    fireEvent.change(screen.getByLabelText('Zaak (kenmerk)'), {
      target: { value: ' mhr-2026-0007 ' },
    });
    // The people picker lists everyone by name, alphabetically.
    const person = screen.getByLabelText('Persoon');
    expect(
      within(person)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Iedereen', 'Fatima Bakker', 'Joost de Vries']);
    fireEvent.change(person, { target: { value: 'u-2' } });
    fireEvent.change(screen.getByLabelText('Vanaf datum'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Tot en met datum'), {
      target: { value: '2026-03-31' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() =>
      expect(lastLogCall(calls)).toEqual({
        filter: {
          caseReference: 'MHR-2026-0007',
          actorId: 'u-2',
          from: amsterdamMidnight('2026-03-01'),
          to: amsterdamMidnight('2026-04-01'),
        },
        first: 50,
        after: null,
      }),
    );
    // Kept in the address, so the view can be bookmarked or sent to a colleague director.
    expect(router.state.location.search).toBe(
      '?zaak=mhr-2026-0007&persoon=u-2&van=2026-03-01&tot=2026-03-31',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Alles tonen' }));
    await waitFor(() => expect(lastLogCall(calls)).toEqual({ filter: {}, first: 50, after: null }));
  });

  it('refuses a period that ends before it starts, without asking the server', async () => {
    const { client, calls } = testClient({
      OrganisationAccessLog: logAnswer(),
      AccessLogPeople: peopleAnswer,
    });
    renderPage(<OrganisationAccessLogPage />, { client, session: verifiedDirector() });
    await screen.findByRole('button', { name: 'Alleen Joost de Vries tonen' });
    const asked = calls.length;
    fireEvent.change(screen.getByLabelText('Vanaf datum'), { target: { value: '2026-03-10' } });
    fireEvent.change(screen.getByLabelText('Tot en met datum'), {
      target: { value: '2026-03-01' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    expect(
      (await screen.findAllByText('De einddatum ligt voor de begindatum.')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByLabelText('Tot en met datum').getAttribute('aria-invalid')).toBe('true');
    expect(calls.slice(asked).map((call) => call.name)).not.toContain('OrganisationAccessLog');
  });

  it('narrows to a case or a person from a line, and pages on', async () => {
    const { client, calls } = testClient({
      OrganisationAccessLog: (variables) =>
        (variables as { after: string | null }).after ? logAnswer(false) : logAnswer(true),
      AccessLogPeople: peopleAnswer,
    });
    renderPage(<OrganisationAccessLogPage />, { client, session: verifiedDirector() });
    fireEvent.click(await screen.findByRole('button', { name: 'Meer regels laten zien' }));
    await waitFor(() =>
      expect(lastLogCall(calls)).toEqual({ filter: {}, first: 50, after: 'cursor-1' }),
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'Alleen MHR-2026-0001 tonen' })[0]!);
    await waitFor(() =>
      expect(lastLogCall(calls)).toMatchObject({
        filter: { caseReference: 'MHR-2026-0001' },
        after: null,
      }),
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'Alleen Fatima Bakker tonen' })[0]!);
    await waitFor(() =>
      expect(lastLogCall(calls)).toMatchObject({
        filter: { caseReference: 'MHR-2026-0001', actorId: 'u-1' },
      }),
    );
    expect((screen.getByLabelText('Persoon') as HTMLSelectElement).value).toBe('u-1');
  });

  it('offers a director without two-step verification to set it up, and reads nothing before', async () => {
    const { client, calls } = testClient({
      OrganisationAccessLog: logAnswer(),
      AccessLogPeople: peopleAnswer,
      BeginMfaEnrolment: {
        data: { beginMfaEnrolment: { secret: 'ABCDEFGHABCDEFGH', otpauthUrl: 'otpauth://totp/x' } },
      },
    });
    renderPage(<OrganisationAccessLogPage />, {
      client,
      session: testSession({ roles: ['director'] }),
    });
    expect(
      await screen.findByRole('heading', { name: 'Eerst controle in twee stappen' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Beginnen met instellen' }));
    expect(await screen.findByText('ABCD EFGH ABCD EFGH')).toBeTruthy();
    expect(screen.getByLabelText('Code van 6 cijfers')).toBeTruthy();
    expect(calls.map((call) => call.name)).not.toContain('OrganisationAccessLog');
  });

  it('does not exist for anyone but directors, and only directors find it in the menu', async () => {
    for (const roles of [['manager'], ['handler'], ['client'], ['commission']] as const) {
      const { client, calls } = testClient({ OrganisationAccessLog: logAnswer() });
      const { unmount } = renderPage(<OrganisationAccessLogPage />, {
        client,
        session: testSession({ roles: [...roles], me: testMe({ sessionMfaVerified: true }) }),
      });
      expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
      expect(screen.queryByText('Toegangslogboek')).toBeNull();
      expect(calls.map((call) => call.name)).not.toContain('OrganisationAccessLog');
      expect(navigationFor(roles).map((item) => item.to)).not.toContain('/toegangslogboek');
      unmount();
    }
    expect(navigationFor(['director']).map((item) => item.to)).toContain('/toegangslogboek');
  });
});
