import { loadTemplate } from '@klachtpad/procedures';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient, testSession } from '../../test/render';
import { StaffFilingPage } from './staff-filing-page';

const handler = testSession({ roles: ['handler'] });

const PEOPLE = {
  data: {
    clients: [
      { userId: 'c-1', displayName: 'Cliënt Een' },
      { userId: 'c-2', displayName: 'Łukasz Nowak' },
    ],
    members: [
      { userId: 'c-1', displayName: 'Cliënt Een', roles: ['CLIENT'] },
      { userId: 'c-2', displayName: 'Łukasz Nowak', roles: ['CLIENT'] },
      { userId: 'h-1', displayName: 'Begeleider Bas', roles: ['HANDLER'] },
      { userId: 'k-1', displayName: 'Vertrouwenspersoon Vera', roles: ['CONFIDANT'] },
    ],
  },
};

function api(overrides: Record<string, unknown> = {}) {
  return testClient({
    Procedure: {
      data: {
        procedure: {
          id: 'p-1',
          version: 1,
          label: { nl: 'Regeling', en: 'Procedure' },
          definition: loadTemplate('wkkgz'),
        },
      },
    },
    FilingPeople: PEOPLE,
    UploadRules: { data: { documentUploadRules: { maxBytes: 10_485_760, extensions: ['pdf'] } } },
    FileComplaint: {
      data: {
        fileComplaint: {
          __typename: 'CaseChanged',
          case: { id: 'case-9', reference: 'KP-2026-0009', warnings: [], deadlines: [] },
        },
      },
    },
    FirstMessage: { data: { postMessage: { id: 'm-1' } } },
    ...overrides,
  });
}

const render = (client: ReturnType<typeof testClient>['client'], path: string) =>
  renderPage(<StaffFilingPage />, {
    client,
    session: handler,
    path,
    route: '/werkbak/klacht-registreren',
  });

describe('staff registering a complaint for a client', () => {
  it('asks about the client, how it came in and whom it is about, then files it for them', async () => {
    const { client, calls } = api();
    render(client, '/werkbak/klacht-registreren?client=c-2');
    const user = userEvent.setup();

    // The client chosen in "Cliënt inschrijven" is already chosen; only clients are offered.
    const question = await screen.findByLabelText(/Voor welke cliënt registreert u de klacht/);
    expect((question as HTMLSelectElement).value).toBe('c-2');
    expect(
      within(question)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kies een cliënt', 'Cliënt Een', 'Łukasz Nowak']);
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // How it came in, and on which day: the terms run from that day.
    await screen.findByRole('heading', { level: 2, name: 'Hoe kwam de klacht binnen?' });
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Kies hoe de klacht binnenkwam.',
    );
    await user.click(screen.getByLabelText('Telefonisch'));
    const received = screen.getByLabelText('Ontvangen op');
    await user.clear(received);
    await user.type(received, '2026-11-20');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByRole('heading', { level: 2, name: 'Wie dient de klacht in?' });
    await user.click(screen.getByLabelText('Cliënt'));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // The questions speak of the client, not to them.
    await screen.findByRole('heading', { level: 2, name: 'Waar gaat de klacht over?' });
    await user.type(screen.getByLabelText('Onderdeel 1'), 'De begeleider kwam niet opdagen.');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByRole('heading', { level: 2, name: 'Wanneer is het gebeurd?' });
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    // Staff can name the employee: only staff are offered, never clients or confidants.
    await screen.findByRole('heading', { level: 2, name: 'Over wie gaat de klacht?' });
    const employees = screen.getByRole('group', { name: /Medewerkers over wie de klacht gaat/ });
    expect(within(employees).getAllByRole('checkbox')).toHaveLength(1);
    await user.click(screen.getByLabelText('Begeleider Bas'));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByRole('heading', { level: 2, name: 'Wat wil de cliënt dat er gebeurt?' });
    await user.type(screen.getByLabelText('Wat wil de cliënt dat er gebeurt?'), 'Excuses.');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByRole('heading', { level: 2, name: 'Wilt u bestanden toevoegen?' });
    await user.click(screen.getByRole('button', { name: 'Volgende' }));

    await screen.findByRole('heading', { level: 2, name: 'Controleer uw antwoorden' });
    const review = document.querySelector('dl.review')!;
    expect(review.textContent).toContain('Łukasz Nowak');
    expect(review.textContent).toContain('Telefonisch, 20 november 2026');
    expect(review.textContent).toContain('Begeleider Bas');
    await user.click(screen.getByRole('button', { name: 'Klacht registreren' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'De klacht is geregistreerd' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Naar de klacht' }).getAttribute('href')).toBe(
      '/werkbak/case-9',
    );
    expect(calls.find((call) => call.name === 'FileComplaint')?.variables).toEqual({
      input: {
        complainant: 'client',
        clientId: 'c-2',
        channel: 'phone',
        receivedOn: '2026-11-20',
        entry: 'klacht',
        parts: [{ summary: 'De begeleider kwam niet opdagen.' }],
        subjectIds: ['h-1'],
      },
      language: 'NL',
    });
    expect(calls.find((call) => call.name === 'FirstMessage')?.variables).toEqual({
      input: { caseId: 'case-9', body: 'Wat de cliënt graag wil: Excuses.', visibility: 'SHARED' },
    });
  });

  it('does not take a client from the address who is not among the organisation’s clients', async () => {
    const { client } = api();
    render(client, '/werkbak/klacht-registreren?client=someone-else');
    const question = await screen.findByLabelText(/Voor welke cliënt registreert u de klacht/);
    expect((question as HTMLSelectElement).value).toBe('');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Volgende' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Kies voor welke cliënt u de klacht registreert.',
    );
  });

  it('sends staff to enrol the client first when there are none', async () => {
    const { client } = api({ FilingPeople: { data: { clients: [], members: [] } } });
    render(client, '/werkbak/klacht-registreren');
    expect(await screen.findByText(/Schrijf de cliënt eerst in/)).toBeTruthy();
  });
});
