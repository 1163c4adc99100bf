import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient, testMe, testSession } from '../../test/render';
import { StaffCasePage } from './staff-case-page';

const members = [
  { userId: 'c-1', displayName: 'Anna de Wit', roles: ['CLIENT'] },
  { userId: 'h-1', displayName: 'Fatima Bakker', roles: ['HANDLER'] },
  { userId: 'h-2', displayName: 'Joost de Vries', roles: ['HANDLER'] },
  { userId: 's-1', displayName: 'Karel Jansen', roles: ['HANDLER'] },
  { userId: 'm-1', displayName: 'Mila Manager', roles: ['MANAGER'] },
];

function staffCase(overrides: Record<string, unknown> = {}) {
  return {
    id: 'case-1',
    reference: 'MHR-2026-0001',
    version: 3,
    receivedOn: '2026-11-02',
    createdAt: '2026-11-02T09:00:00Z',
    closed: false,
    channel: 'phone',
    category: 'zorg',
    warnings: [],
    clientId: 'c-1',
    handlerIds: ['h-1'],
    subjectIds: ['s-1'],
    flags: ['tegen-directie'],
    readOnly: false,
    stages: [
      { track: 'intern', stage: 'bemiddeling', label: { nl: 'Bemiddeling', en: 'Mediation' } },
    ],
    parts: [{ id: 'p1', summary: 'Koud eten', outcome: null, decidedOn: null }],
    deadlines: [
      {
        clock: 'afhandeling',
        label: 'Afhandeling',
        due: '2026-12-14',
        status: 'running',
        explanation: '14-12-2026 = ontvangen 02-11-2026 + 6 weken',
      },
    ],
    availableActions: [
      {
        id: 'bemiddeling-afronden',
        label: { nl: 'Bemiddeling afronden', en: 'Finish mediation' },
        decision: false,
        inputs: [
          {
            kind: 'motivation',
            id: 'why',
            label: { nl: 'Toelichting', en: 'Explanation' },
            minLength: 5,
            maxLength: 1000,
          },
        ],
      },
    ],
    timeline: [
      {
        sequence: 1,
        type: 'case-filed',
        occurredAt: '2026-11-02T09:00:00Z',
        payload: {},
        visibility: 'shared',
        bySystem: false,
      },
      {
        sequence: 2,
        type: 'message-posted',
        occurredAt: '2026-11-03T09:00:00Z',
        payload: {},
        visibility: 'internal',
        bySystem: false,
      },
    ],
    messages: [
      {
        id: 'msg-1',
        authorId: 'h-1',
        onBehalfOfId: null,
        addresseeId: null,
        body: 'Eerst de teamleider bellen.',
        postedAt: '2026-11-03T09:00:00Z',
        documentIds: [],
        visibility: 'INTERNAL',
      },
      {
        id: 'msg-2',
        authorId: 'c-1',
        onBehalfOfId: null,
        addresseeId: null,
        body: 'Wanneer hoor ik iets?',
        postedAt: '2026-11-04T09:00:00Z',
        documentIds: [],
        visibility: 'SHARED',
      },
    ],
    meetings: [],
    documents: [],
    consentsAwaited: [],
    pendingNotices: [],
    measures: [],
    confidantGrants: [],
    referrals: [],
    ...overrides,
  };
}

/** A clean, shared upload on the case; `more` makes it a letter, internal, marked, … */
function upload(id: string, name: string, createdAt: string, more: Record<string, unknown> = {}) {
  return {
    id,
    name,
    kind: 'upload',
    letterKind: null,
    mediaType: 'application/pdf',
    size: 1024,
    createdAt,
    sentAt: null,
    downloadPath: `/documents/${id}`,
    visibility: 'shared',
    scanStatus: 'clean',
    consentToExtension: null,
    consentGivenOn: null,
    ...more,
  };
}

function renderCase(
  roles: ('handler' | 'manager' | 'client')[],
  kase = staffCase(),
  me = testMe(),
  answers: Parameters<typeof testClient>[0] = {},
) {
  const { client, calls } = testClient({
    ...answers,
    NameComplaintSubject: {
      data: { nameComplaintSubject: { id: 'case-1', version: 4, subjectIds: ['s-1', 'h-2'] } },
    },
    SignMinutes: {
      data: {
        signMinutes: {
          __typename: 'Minutes',
          id: 'min-1',
          final: true,
          awaitingSignatureIds: [],
          signatures: [],
        },
      },
    },
    StaffCase: { data: { case: kase, members } },
    GenerateLetter: {
      data: {
        generateLetter: {
          __typename: 'LetterGenerated',
          document: {
            id: 'doc-9',
            name: 'Verlenging MHR-2026-0001.pdf',
            kind: 'letter',
            letterKind: 'extension',
            mediaType: 'application/pdf',
            size: 2048,
            createdAt: '2026-11-10T09:00:00Z',
            sentAt: null,
            downloadPath: '/documents/doc-9',
            visibility: 'internal',
          },
        },
      },
    },
    AssignHandler: { data: { assignHandler: { id: 'case-1', handlerIds: ['h-1', 'h-2'] } } },
    PostStaffMessage: {
      data: {
        postMessage: {
          id: 'msg-3',
          authorId: 'h-1',
          onBehalfOfId: null,
          addresseeId: null,
          body: 'x',
          postedAt: '2026-11-05T09:00:00Z',
          documentIds: [],
          visibility: 'INTERNAL',
        },
      },
    },
    ScheduleMeeting: {
      data: {
        scheduleMeeting: {
          id: 'mt-1',
          kind: 'MEETING',
          startsAt: '2026-12-10T09:00:00Z',
          location: null,
          participantIds: ['c-1', 'h-1'],
          presentIds: null,
        },
      },
    },
  });
  renderPage(<StaffCasePage />, {
    client,
    session: testSession({ roles, me }),
    route: '/werkbak/:caseId',
    path: '/werkbak/case-1',
  });
  return calls;
}

describe('the staff case page', () => {
  it('shows client, subject, handler, channel and flags by name, never by id', async () => {
    renderCase(['handler']);
    const header = await screen.findByRole('region', { name: 'Gegevens van de klacht' });
    const text = header.textContent ?? '';
    expect(text).toContain('MHR-2026-0001');
    expect(text).toContain('Anna de Wit');
    expect(text).toContain('Karel Jansen');
    expect(text).toContain('Fatima Bakker');
    expect(text).toContain('Telefoon');
    expect(text).toContain('Tegen de directie');
    for (const id of ['c-1', 's-1', 'h-1']) expect(text).not.toContain(id);
    // A handler does not assign; that is the manager's.
    expect(within(header).queryByRole('combobox')).toBeNull();
    // Each deadline with how it was worked out.
    expect(screen.getByText('14-12-2026 = ontvangen 02-11-2026 + 6 weken')).toBeTruthy();
  });

  it('keeps internal notes and messages with the client in separate, labelled places', async () => {
    renderCase(['handler']);
    const internal = (await screen.findByRole('heading', { name: 'Interne notities' }))
      .parentElement!;
    const shared = screen.getByRole('heading', { name: 'Berichten met de cliënt' }).parentElement!;
    expect(internal.textContent).toContain('Eerst de teamleider bellen.');
    expect(internal.textContent).not.toContain('Wanneer hoor ik iets?');
    expect(shared.textContent).toContain('Wanneer hoor ik iets?');
    expect(shared.textContent).toContain('Anna de Wit');
    expect(shared.textContent).not.toContain('Eerst de teamleider bellen.');
    // The timeline marks what only staff see.
    const timeline = screen.getByRole('region', { name: 'Tijdlijn' });
    expect(within(timeline).getByText('Intern')).toBeTruthy();
  });

  it('posts nothing until the writer chose who reads it, then posts an internal note', async () => {
    const user = userEvent.setup();
    const calls = renderCase(['handler']);
    await user.type(await screen.findByLabelText('Tekst'), 'Teamleider gebeld.');
    await user.click(screen.getByRole('button', { name: 'Plaatsen' }));
    expect(await screen.findAllByText(/Kies wie dit leest/)).not.toHaveLength(0);
    expect(calls.some((call) => call.name === 'PostStaffMessage')).toBe(false);
    await user.click(screen.getByLabelText('Interne notitie: alleen medewerkers'));
    await user.click(screen.getByRole('button', { name: 'Plaatsen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'PostStaffMessage')?.variables).toEqual({
        input: { caseId: 'case-1', body: 'Teamleider gebeld.', visibility: 'INTERNAL' },
      }),
    );
    expect(await screen.findByText('De interne notitie is geplaatst.')).toBeTruthy();
  });

  it('lets a manager assign a handler chosen by name', async () => {
    const user = userEvent.setup();
    const calls = renderCase(['manager']);
    const picker = await screen.findByLabelText(/Behandelaar toewijzen/);
    const names = within(picker)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(names).toEqual(expect.arrayContaining(['Fatima Bakker', 'Joost de Vries']));
    expect(names).not.toContain('Anna de Wit');
    await user.selectOptions(picker, 'Joost de Vries');
    await user.click(screen.getByRole('button', { name: 'Toewijzen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'AssignHandler')?.variables).toEqual({
        caseId: 'case-1',
        handlerId: 'h-2',
      }),
    );
  });

  it('plans a meeting with the people of the case, chosen by name', async () => {
    const user = userEvent.setup();
    const calls = renderCase(['handler']);
    const participants = await screen.findByRole('group', { name: 'Wie nodigt u uit?' });
    // The client and the handler are invited unless unticked; the subject is there to add.
    expect(
      (within(participants).getByLabelText('Anna de Wit (cliënt)') as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(within(participants).getByLabelText('Karel Jansen (over wie de klacht gaat)'));
    await user.type(screen.getByLabelText('Datum en tijd'), '2026-12-10T10:00');
    await user.type(screen.getByLabelText('Plaats (niet verplicht)'), 'Kantoor Utrecht');
    await user.click(screen.getByRole('button', { name: 'Gesprek plannen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'ScheduleMeeting')?.variables).toEqual({
        input: {
          caseId: 'case-1',
          kind: 'MEETING',
          startsAt: new Date('2026-12-10T10:00').toISOString(),
          location: 'Kantoor Utrecht',
          participantIds: ['c-1', 'h-1', 's-1'],
        },
      }),
    );
  });

  it('lets a member of staff who was present sign the minutes, and no one else of staff', async () => {
    const user = userEvent.setup();
    const held = staffCase({
      meetings: [
        {
          id: 'mt-1',
          kind: 'MEETING',
          startsAt: '2026-11-20T09:00:00Z',
          location: 'Kantoor Utrecht',
          participantIds: ['c-1', 'h-1'],
          presentIds: ['c-1', 'h-1'],
          minutes: {
            id: 'min-1',
            text: 'Afgesproken: de teamleider belt elke week.',
            final: false,
            recordedAt: '2026-11-20T11:00:00Z',
            finalAt: null,
            awaitingSignatureIds: ['h-1'],
            signatures: [
              { signerId: 'c-1', signedAt: '2026-11-21T09:00:00Z', dissent: 'Niet elke week.' },
            ],
          },
        },
      ],
    });
    const calls = renderCase(['handler'], held, testMe({ id: 'h-1' }));
    const meetings = await screen.findByRole('region', { name: 'Gesprekken en hoorzittingen' });
    expect(meetings.textContent).toContain('Wacht op de handtekening van: Fatima Bakker.');
    expect(meetings.textContent).toContain('Ondertekend door Anna de Wit');
    expect(meetings.textContent).toContain('Niet elke week.');
    await user.click(within(meetings).getByRole('button', { name: 'Verslag ondertekenen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'SignMinutes')?.variables).toEqual({
        minutesId: 'min-1',
        dissent: null,
      }),
    );
    expect(
      await within(meetings).findByText('Dank u. U heeft het verslag ondertekend.'),
    ).toBeTruthy();
  });

  it('lets staff name whom the complaint is about, among staff not handling it', async () => {
    const user = userEvent.setup();
    const calls = renderCase(['manager'], staffCase(), testMe({ id: 'm-1' }));
    const picker = (await screen.findByLabelText('Over wie gaat de klacht?')) as HTMLSelectElement;
    const offered = [...picker.options].map((option) => option.textContent);
    // Not the client, not the handler of the case, not whom it already names.
    expect(offered).toEqual(['Kies een medewerker', 'Joost de Vries', 'Mila Manager']);
    await user.selectOptions(picker, 'Joost de Vries');
    await user.click(screen.getByRole('button', { name: 'Vastleggen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'NameComplaintSubject')?.variables).toEqual({
        caseId: 'case-1',
        subjectId: 'h-2',
      }),
    );
  });

  it('offers naming the subject to the case’s own handler, not to another handler', async () => {
    renderCase(['handler'], staffCase(), testMe({ id: 'h-1' }));
    expect(await screen.findByLabelText('Over wie gaat de klacht?')).toBeTruthy();
  });

  it('offers it to no handler the case is not assigned to', async () => {
    renderCase(['handler'], staffCase(), testMe({ id: 'h-2' }));
    await screen.findByRole('region', { name: 'Gegevens van de klacht' });
    expect(screen.queryByLabelText('Over wie gaat de klacht?')).toBeNull();
  });

  it('offers no signature to staff who were not present', async () => {
    const held = staffCase({
      meetings: [
        {
          id: 'mt-1',
          kind: 'MEETING',
          startsAt: '2026-11-20T09:00:00Z',
          location: null,
          participantIds: ['c-1', 'h-1'],
          presentIds: ['c-1', 'h-1'],
          minutes: {
            id: 'min-1',
            text: 'Afgesproken.',
            final: false,
            recordedAt: '2026-11-20T11:00:00Z',
            finalAt: null,
            awaitingSignatureIds: ['h-1'],
            signatures: [],
          },
        },
      ],
    });
    renderCase(['manager'], held, testMe({ id: 'm-1' }));
    const meetings = await screen.findByRole('region', { name: 'Gesprekken en hoorzittingen' });
    expect(meetings.textContent).toContain('Afgesproken.');
    expect(within(meetings).queryByRole('button', { name: 'Verslag ondertekenen' })).toBeNull();
  });

  it('offers the actions available now as generated forms', async () => {
    renderCase(['handler']);
    expect(await screen.findByRole('heading', { name: 'Bemiddeling afronden' })).toBeTruthy();
    expect(screen.getByLabelText('Toelichting')).toBeTruthy();
  });

  it('shows the extension letter still owed, to whom by name and by when, and drafts it for the subject', async () => {
    const user = userEvent.setup();
    const owed = staffCase({
      pendingNotices: [
        {
          kind: 'extension-letter',
          clock: 'afhandeling',
          clockLabel: { nl: 'Afhandeling', en: 'Handling' },
          extension: 'afhandeling#1',
          reason: 'Wij vragen eerst de roosters op.',
          sendBefore: '2026-12-14',
          newDue: '2027-01-11',
          awaitsConsent: false,
          owedTo: [{ role: 'subject', personId: 's-1', name: 'Karel Jansen' }],
        },
      ],
    });
    const calls = renderCase(['handler'], owed);
    const notices = await screen.findByRole('region', { name: 'Nog te versturen' });
    expect(notices.textContent).toContain(
      'Verlengingsbrief voor Afhandeling: uiterlijk 14 december 2026 versturen',
    );
    expect(notices.textContent).toContain('Reden: Wij vragen eerst de roosters op.');
    expect(notices.textContent).toContain('11 januari 2027');
    expect(within(notices).getByText('Karel Jansen (over wie de klacht gaat)')).toBeTruthy();
    expect(notices.textContent).not.toContain('s-1');
    expect(notices.textContent).not.toContain('toestemming');
    // The letter goes to the person complained about, chosen by name.
    await user.selectOptions(screen.getByLabelText('Brief opstellen'), 'Verlenging van de termijn');
    const to = screen.getByLabelText('Aan') as HTMLSelectElement;
    expect([...to.options].map((option) => option.textContent)).toEqual([
      'Anna de Wit (cliënt)',
      'Karel Jansen (over wie de klacht gaat)',
    ]);
    await user.selectOptions(to, 'Karel Jansen (over wie de klacht gaat)');
    await user.click(screen.getByRole('button', { name: 'Concept maken' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'GenerateLetter')?.variables).toEqual({
        input: { caseId: 'case-1', kind: 'EXTENSION', subjectId: 's-1' },
      }),
    );
  });

  it('shows no notices when none is owed, and asks no addressee for other letters', async () => {
    const user = userEvent.setup();
    const calls = renderCase(['handler'], staffCase({ pendingNotices: null }));
    await screen.findByRole('region', { name: 'Gegevens van de klacht' });
    expect(screen.queryByRole('region', { name: 'Nog te versturen' })).toBeNull();
    expect(screen.queryByLabelText('Aan')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Concept maken' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'GenerateLetter')?.variables).toEqual({
        input: { caseId: 'case-1', kind: 'OUTCOME' },
      }),
    );
  });

  describe('a further extension waiting for the client’s consent', () => {
    const waiting = staffCase({
      consentsAwaited: [
        {
          extension: 'afhandeling#2',
          clockLabel: { nl: 'Afhandeling', en: 'Handling' },
          since: '2026-11-20',
          until: '2026-12-14',
        },
      ],
      documents: [
        upload('doc-1', 'vooraf.pdf', '2026-11-18T10:00:00Z'),
        upload('doc-2', 'akkoord.pdf', '2026-11-21T10:00:00Z'),
        upload('doc-3', 'scan-loopt.pdf', '2026-11-22T10:00:00Z', { scanStatus: 'pending' }),
        {
          ...upload('doc-4', 'Verlenging.pdf', '2026-11-21T09:00:00Z'),
          kind: 'letter',
          letterKind: 'extension',
          sentAt: '2026-11-21T09:30:00Z',
        },
      ],
    });
    const marked = {
      data: {
        markConsentDocument: {
          id: 'doc-2',
          consentToExtension: 'afhandeling#2',
          consentGivenOn: '2026-11-21',
        },
      },
    };

    it('offers the marking only on an upload that can be the consent, and marks it after confirming', async () => {
      const user = userEvent.setup();
      const calls = renderCase(['handler'], waiting, testMe(), { MarkConsentDocument: marked });
      const documents = await screen.findByRole('region', { name: 'Documenten en brieven' });
      // Not the upload from before the extension, not one still being scanned, not a letter.
      const offered = within(documents).getAllByRole('button', {
        name: /markeren als toestemming van de cliënt/,
      });
      expect(offered.map((button) => button.getAttribute('aria-label'))).toEqual([
        'akkoord.pdf markeren als toestemming van de cliënt',
      ]);
      expect(offered[0]!.textContent).toBe('Markeer als toestemming van de cliënt');
      await user.click(offered[0]!);
      const confirm = within(documents).getByRole('group', {
        name: 'Toestemming van de cliënt bevestigen',
      });
      expect(confirm.textContent).toContain('Is akkoord.pdf de schriftelijke toestemming');
      expect(confirm.textContent).toContain('Afhandeling');
      // Cancelling sends nothing.
      await user.click(within(confirm).getByRole('button', { name: 'Annuleren' }));
      expect(calls.some((call) => call.name === 'MarkConsentDocument')).toBe(false);
      await user.click(
        within(documents).getByRole('button', {
          name: 'akkoord.pdf markeren als toestemming van de cliënt',
        }),
      );
      await user.click(
        within(documents).getByRole('button', { name: 'Ja, markeren als toestemming' }),
      );
      await waitFor(() =>
        expect(calls.find((call) => call.name === 'MarkConsentDocument')?.variables).toEqual({
          documentId: 'doc-2',
        }),
      );
      expect(
        await within(documents).findByText(
          'akkoord.pdf is vastgelegd als toestemming van de cliënt.',
        ),
      ).toBeTruthy();
    });

    it('says in its own words why the server refused the marking', async () => {
      const user = userEvent.setup();
      renderCase(['handler'], waiting, testMe(), {
        MarkConsentDocument: {
          error: new CombinedError({
            graphQLErrors: [new GraphQLError('refused', { extensions: { code: 'CONFLICT' } })],
          }),
        },
      });
      const documents = await screen.findByRole('region', { name: 'Documenten en brieven' });
      await user.click(
        within(documents).getByRole('button', {
          name: 'akkoord.pdf markeren als toestemming van de cliënt',
        }),
      );
      await user.click(
        within(documents).getByRole('button', { name: 'Ja, markeren als toestemming' }),
      );
      expect((await within(documents).findByRole('alert')).textContent).toBe(
        'akkoord.pdf was al als toestemming van de cliënt gemarkeerd.',
      );
    });

    it('offers no marking when no extension waits, and shows a marked document as the consent', async () => {
      renderCase(
        ['handler'],
        staffCase({
          consentsAwaited: [],
          documents: [
            upload('doc-2', 'akkoord.pdf', '2026-11-21T10:00:00Z', {
              consentToExtension: 'afhandeling#2',
              consentGivenOn: '2026-11-21',
            }),
            upload('doc-5', 'foto.pdf', '2026-11-22T10:00:00Z'),
          ],
        }),
      );
      const documents = await screen.findByRole('region', { name: 'Documenten en brieven' });
      expect(documents.textContent).toContain(
        'Toestemming van de cliënt (telt vanaf 21 november 2026)',
      );
      expect(within(documents).queryByRole('button', { name: /toestemming/ })).toBeNull();
    });
  });

  it('offers no way to change a case the viewer only reads (a directie once the bestuur has it)', async () => {
    // Everything that would otherwise offer a change: a meeting awaiting this viewer's
    // signature, an unsent letter, an open measure, an upload while consent is awaited.
    const readOnly = staffCase({
      readOnly: true,
      availableActions: [],
      meetings: [
        {
          id: 'mt-1',
          kind: 'MEETING',
          startsAt: '2026-11-20T09:00:00Z',
          location: null,
          participantIds: ['c-1', 'm-1'],
          presentIds: ['c-1', 'm-1'],
          minutes: {
            id: 'min-1',
            text: 'Afgesproken.',
            final: false,
            recordedAt: '2026-11-20T11:00:00Z',
            finalAt: null,
            awaitingSignatureIds: ['m-1'],
            signatures: [],
          },
        },
      ],
      consentsAwaited: [
        {
          extension: 'afhandeling#2',
          clockLabel: { nl: 'Afhandeling', en: 'Handling' },
          since: '2026-11-20',
          until: '2026-12-14',
        },
      ],
      documents: [
        upload('doc-1', 'akkoord.pdf', '2026-11-21T10:00:00Z'),
        upload('doc-2', 'Uitkomst.pdf', '2026-11-22T10:00:00Z', {
          kind: 'letter',
          letterKind: 'outcome',
          visibility: 'internal',
        }),
      ],
      measures: [
        {
          id: 'ms-1',
          description: 'Rooster aanpassen',
          due: '2026-12-20',
          status: 'OPEN',
          completedOn: null,
          owner: 'Teamleider',
          proof: null,
          parts: ['p1'],
        },
      ],
    });
    renderCase(['manager'], readOnly, testMe({ id: 'm-1' }));
    expect(await screen.findByText(/Het bestuur behandelt deze klacht/)).toBeTruthy();
    // What the case holds is still there to read.
    expect(screen.getByText('Eerst de teamleider bellen.')).toBeTruthy();
    expect(screen.getByText('Afgesproken.')).toBeTruthy();
    expect(screen.getByText('Rooster aanpassen')).toBeTruthy();
    for (const name of [
      'Plaatsen',
      'Gesprek plannen',
      'Verslag ondertekenen',
      'Toewijzen',
      'Concept maken',
      'Uitkomst.pdf versturen',
      'Als uitgevoerd vastleggen',
    ]) {
      expect(screen.queryByRole('button', { name }), name).toBeNull();
    }
    expect(screen.queryByRole('button', { name: /als toestemming van de cliënt/ })).toBeNull();
    expect(screen.queryByLabelText('Over wie gaat de klacht?')).toBeNull();
  });

  it('offers the same changes when the case is not read-only', async () => {
    renderCase(['manager'], staffCase(), testMe({ id: 'm-1' }));
    expect(await screen.findByRole('button', { name: 'Plaatsen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Toewijzen' })).toBeTruthy();
    expect(screen.queryByText(/Het bestuur behandelt deze klacht/)).toBeNull();
  });

  it('is not there for a client, who has the portal page instead', async () => {
    renderCase(['client']);
    expect(await screen.findByRole('heading', { name: /niet gevonden/i })).toBeTruthy();
  });
});
