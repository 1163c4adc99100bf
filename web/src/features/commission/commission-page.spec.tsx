import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Client } from 'urql';
import { describe, expect, it } from 'vitest';
import type { MembershipView } from '../auth/auth.graphql';
import { renderPage, testClient, testMe, testSession } from '../../test/render';
import { CommissionCasePage } from './commission-case-page';
import { CommissionPage, OrganisationClients } from './commission-page';

const membership = (slug: string, name: string, kind: string): MembershipView => ({
  organisationId: `org-${slug}`,
  slug,
  name,
  kind,
  roles: ['COMMISSION'],
  mfaRequiredForStaff: false,
});

/** The demo's commission member: their commission, and two care organisations it serves. */
function commissionSession(activeSlug = 'klachtencommissie') {
  const memberships = [
    membership('klachtencommissie', 'Klachtencommissie', 'commission'),
    membership('mo', 'De Haven', 'care'),
    membership('bureau-mhr', 'Bureau MHR', 'care'),
  ];
  const active = memberships.find((m) => m.slug === activeSlug)!;
  const me = testMe({
    email: 'member@klachtencommissie.example',
    memberships,
    activeOrganisation: {
      organisationId: active.organisationId,
      slug: active.slug,
      name: active.name,
      roles: ['COMMISSION'],
    },
  });
  return testSession({ me, active: me.activeOrganisation!, roles: ['commission'] });
}

function summary(id: string, reference: string) {
  return {
    id,
    reference,
    receivedOn: '2026-11-02',
    closed: false,
    stages: [
      {
        track: 'extern',
        stage: 'commissie-advies',
        label: { nl: 'Advies van de commissie', en: 'Commission advice' },
      },
    ],
    parts: [
      { id: 'p1', summary: 'Mijn plan is gewijzigd.' },
      { id: 'p2', summary: 'Mijn begeleider is vervangen.' },
    ],
    deadlines: [],
    referrals: [{ active: true, endsAt: '2027-05-10T09:00:00Z' }],
  };
}

const casesOf = (...nodes: ReturnType<typeof summary>[]) => ({
  data: { cases: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } },
});

describe('the commission workspace', () => {
  it('lists the referred cases of each served organisation under its name, asked of that organisation', async () => {
    const perOrganisation: Record<string, ReturnType<typeof testClient>> = {
      mo: testClient({ CommissionCases: casesOf(summary('case-mo', 'MO-2026-0007')) }),
      'bureau-mhr': testClient({ CommissionCases: casesOf() }),
    };
    const session = commissionSession();
    renderPage(
      <OrganisationClients.Provider value={(slug) => perOrganisation[slug]!.client as Client}>
        <CommissionPage />
      </OrganisationClients.Provider>,
      { session },
    );
    const mo = await screen.findByRole('region', { name: 'De Haven' });
    expect(await within(mo).findByRole('link', { name: 'Klacht MO-2026-0007' })).toBeTruthy();
    expect(mo.textContent).toContain('2 klachtonderdelen');
    const mhr = screen.getByRole('region', { name: 'Bureau MHR' });
    expect(
      await within(mhr).findByText('Er zijn nu geen klachten naar de commissie verwezen.'),
    ).toBeTruthy();
    // The commission's own organisation holds none of the cases it serves: not asked, not shown.
    expect(screen.queryByRole('region', { name: 'Klachtencommissie' })).toBeNull();
    for (const { calls } of Object.values(perOrganisation))
      expect(calls.map((call) => call.name)).toEqual(['CommissionCases']);

    // A case of an organisation the tab does not act in now: enter that organisation first.
    await userEvent.click(within(mo).getByRole('link', { name: 'Klacht MO-2026-0007' }));
    expect(session.switchOrganisation).toHaveBeenCalledWith('mo');
  });

  it('does not exist for staff, and asks nothing', async () => {
    const { client, calls } = testClient({ CommissionCases: casesOf() });
    renderPage(
      <OrganisationClients.Provider value={() => client}>
        <CommissionPage />
      </OrganisationClients.Provider>,
      { session: testSession({ roles: ['handler'] }) },
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
    ).toBeTruthy();
    expect(calls).toEqual([]);
  });
});

function referredCase(overrides: Record<string, unknown> = {}) {
  return {
    ...summary('case-mo', 'MO-2026-0007'),
    version: 4,
    createdAt: '2026-11-02T09:00:00Z',
    channel: 'portal',
    warnings: [],
    referrals: [
      {
        id: 'r-case-mo',
        active: true,
        referredAt: '2026-11-10T09:00:00Z',
        endsAt: '2027-05-10T09:00:00Z',
        commission: { id: 'org-klachtencommissie', name: 'Klachtencommissie' },
      },
    ],
    parts: [
      { id: 'p1', summary: 'Mijn plan is gewijzigd.', outcome: null, decidedOn: null },
      { id: 'p2', summary: 'Mijn begeleider is vervangen.', outcome: null, decidedOn: null },
    ],
    availableActions: [
      {
        id: 'commission-advice',
        label: { nl: 'Advies uitbrengen', en: 'Give advice' },
        decision: true,
        inputs: [
          {
            kind: 'complaint-parts',
            id: 'advice',
            label: { nl: 'Oordeel per klachtonderdeel', en: 'Judgment per complaint part' },
            outcomes: ['gegrond', 'ongegrond'],
            allParts: true,
          },
          {
            kind: 'motivation',
            id: 'reasoning',
            label: { nl: 'Advies met motivering', en: 'Advice with reasons' },
            minLength: 5,
            maxLength: 5000,
          },
        ],
      },
    ],
    timeline: [{ sequence: 3, type: 'referred', occurredAt: '2026-11-10T09:00:00Z', payload: {} }],
    messages: [
      {
        id: 'msg-1',
        authorId: 'c-1',
        onBehalfOfId: null,
        body: 'Hier is mijn oude plan.',
        postedAt: '2026-11-11T09:00:00Z',
        documentIds: [],
      },
    ],
    meetings: [
      {
        id: 'mt-1',
        kind: 'HEARING',
        startsAt: '2026-12-01T13:00:00Z',
        location: 'Zaal 1',
        participantIds: ['c-1', 'h-1'],
        presentIds: null,
        minutes: null,
      },
    ],
    documents: [],
    measures: [],
    confidantGrants: null,
    ...overrides,
  };
}

function renderReferredCase(kase = referredCase()) {
  const { client, calls } = testClient({
    CommissionCase: { data: { case: kase } },
    PostMessage: {
      data: {
        postMessage: {
          id: 'msg-2',
          authorId: 'me-1',
          body: 'x',
          postedAt: '2026-11-12T09:00:00Z',
          documentIds: [],
        },
      },
    },
    PerformAction: {
      data: { performAction: { __typename: 'CaseChanged', case: kase } },
    },
  });
  renderPage(<CommissionCasePage />, {
    client,
    session: commissionSession('mo'),
    path: '/commissie/case-mo',
    route: '/commissie/:caseId',
  });
  return calls;
}

describe('a referred case in the commission workspace', () => {
  it('shows the bundle, the hearing and who shared what without naming anyone', async () => {
    const calls = renderReferredCase();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Klacht MO-2026-0007' }),
    ).toBeTruthy();
    expect(screen.getByText(/Van De Haven/)).toBeTruthy();
    const requests = screen.getByRole('region', { name: 'Verzoeken om informatie' });
    expect(within(requests).getByText('Gedeeld uit het dossier')).toBeTruthy();
    expect(within(requests).getByText('Hier is mijn oude plan.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Hoorzitting' })).toBeTruthy();
    expect(
      screen.getByRole('region', { name: 'Advies of uitspraak per klachtonderdeel' }),
    ).toBeTruthy();
    // No one is named by id, and no list of the organisation's people is asked.
    expect(document.body.textContent).not.toContain('c-1');
    expect(new Set(calls.map((call) => call.name))).toEqual(
      new Set(['CommissionCase', 'UploadRules']),
    );
  });

  it('sends a request for information to all parties', async () => {
    const calls = renderReferredCase();
    await userEvent.type(
      await screen.findByLabelText('Vraag om informatie'),
      'Wilt u het oude plan meesturen?',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Verzoek versturen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'PostMessage')?.variables).toEqual({
        input: { caseId: 'case-mo', body: 'Wilt u het oude plan meesturen?', visibility: 'SHARED' },
      }),
    );
  });

  it('gives the advice as an outcome per part, and asks for every part first', async () => {
    const calls = renderReferredCase();
    const form = await screen.findByRole('group', { name: 'Oordeel per klachtonderdeel' });
    await userEvent.type(
      screen.getByLabelText('Advies met motivering'),
      'Het plan is eenzijdig gewijzigd.',
    );
    const first = within(form).getByRole('group', { name: 'Mijn plan is gewijzigd.' });
    await userEvent.click(within(first).getByLabelText('Gegrond'));
    await userEvent.click(screen.getByRole('button', { name: 'Advies uitbrengen' }));
    expect(
      (await screen.findAllByText(/Kies bij Oordeel per klachtonderdeel een oordeel/)).length,
    ).toBeGreaterThan(0);
    expect(calls.map((call) => call.name)).not.toContain('PerformAction');

    const second = within(form).getByRole('group', { name: 'Mijn begeleider is vervangen.' });
    await userEvent.click(within(second).getByLabelText('Ongegrond'));
    await userEvent.click(screen.getByRole('button', { name: 'Advies uitbrengen' }));
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'PerformAction')?.variables).toMatchObject({
        input: {
          caseId: 'case-mo',
          action: 'commission-advice',
          expectedVersion: 4,
          payload: {
            advice: [
              { part: 'p1', outcome: 'gegrond' },
              { part: 'p2', outcome: 'ongegrond' },
            ],
            reasoning: 'Het plan is eenzijdig gewijzigd.',
          },
        },
      }),
    );
  });

  it('answers a case that is not (or no longer) referred as not found', async () => {
    const { client } = testClient({ CommissionCase: { data: { case: null } } });
    renderPage(<CommissionCasePage />, {
      client,
      session: commissionSession('mo'),
      path: '/commissie/elders',
      route: '/commissie/:caseId',
    });
    expect(
      await screen.findByText(
        'Deze klacht is niet gevonden, of is niet (meer) naar uw commissie verwezen.',
      ),
    ).toBeTruthy();
  });
});
