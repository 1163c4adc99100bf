import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amsterdamDate,
  loadTemplate,
  routesToEveryStage,
  type Actor,
  type StageRoute,
} from '@klachtpad/procedures';
import { withTenantTransaction } from '../../src/core/db/tenant-session.js';
import { AccessLogEntry } from '../../src/modules/access-log/access-log-entry.entity.js';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type GraphqlResponse,
  type TestServer,
} from '../harness.js';
import { uploadDocumentAs } from '../casework-fixtures.js';
import {
  ACT,
  ASSIGN,
  FILE,
  GRANT,
  LINK,
  MARK_CONSENT_DOCUMENT,
  POST_MESSAGE as POST,
  SCHEDULE_MEETING,
} from './operations.js';

/**
 * The authorization matrix, generated: every relationship a person can have to a case × every
 * probe (each query, mutation and field group that touches a case) × the case they ask about —
 * their own case, another case of the organisation, a case of another organisation, and a case
 * whose referral ended. The expected answer of each cell is written down below as a table, not
 * derived from the code under test. A denied cell must look exactly like a case that does not
 * exist (null or NOT_FOUND) and leave a "denied" line in the access log.
 */

type Relation =
  | 'client'
  | 'otherClient'
  | 'assignedHandler'
  | 'otherHandler'
  | 'manager'
  | 'director'
  | 'subject'
  | 'confidant'
  | 'revokedConfidant'
  | 'commission'
  | 'otherOrganisation';

const RELATIONS: Relation[] = [
  'client',
  'otherClient',
  'assignedHandler',
  'otherHandler',
  'manager',
  'director',
  'subject',
  'confidant',
  'revokedConfidant',
  'commission',
  'otherOrganisation',
];

/** What a probe answers: `denied` is the not-found answer; anything else got past authorization. */
type Answer = 'denied' | 'allowed';

interface Probe {
  name: string;
  run(caseId: string, as: { token: string; organisation: string }): Promise<Answer>;
  /** Whether it writes (then it runs after every read probe, so reads see the arranged case). */
  writes?: boolean;
}

/** The expected table: the relations allowed each probe on their case; everyone else is denied. */
const ALLOWED: Record<string, Relation[]> = {
  'case (header)': [
    'client',
    'assignedHandler',
    'manager',
    'director',
    'subject',
    'confidant',
    'commission',
  ],
  'case internal fields': ['assignedHandler', 'manager', 'director'],
  'timeline: internal events': ['assignedHandler', 'manager', 'director'],
  'timeline: shared events': ['client', 'assignedHandler', 'manager', 'director', 'confidant'],
  'timeline: the commission bundle': [
    'client',
    'assignedHandler',
    'manager',
    'director',
    'confidant',
    'commission',
  ],
  'messages: internal note': ['assignedHandler', 'manager', 'director'],
  'messages: shared message': ['client', 'assignedHandler', 'manager', 'director', 'confidant'],
  'messages: statement of the subject': ['assignedHandler', 'manager', 'director', 'subject'],
  confidantGrants: ['client', 'assignedHandler', 'manager', 'director', 'confidant'],
  referrals: ['assignedHandler', 'manager', 'director', 'commission'],
  accessLog: ['client', 'director'],
  'performAction (stale version)': [
    'client',
    'assignedHandler',
    'manager',
    'director',
    'subject',
    'confidant',
    'commission',
  ],
  'assignHandler (not a handler)': ['manager', 'director'],
  'grantConfidant (not a confidant)': ['client'],
  // A referred commission asks for information with a shared message, bundled (ADR 0088).
  'postMessage (shared)': [
    'client',
    'assignedHandler',
    'manager',
    'director',
    'confidant',
    'commission',
  ],
  // Work as staff on the case (CASL `work`): past the gate, a stranger invited is bad input.
  'scheduleMeeting (a stranger invited)': ['assignedHandler', 'manager', 'director'],
  // The client's own document as their consent: past the gate, no extension waits for it.
  'markConsentDocument (no extension waits)': ['assignedHandler', 'manager', 'director'],
};

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      id
      handlerIds
      timeline {
        type
        visibility
      }
      messages {
        body
      }
      confidantGrants {
        confidantId
      }
      referrals {
        active
      }
    }
  }
`;

interface Look {
  id: string;
  handlerIds: string[] | null;
  timeline: { type: string; visibility: string }[];
  messages: { body: string }[];
  confidantGrants: { confidantId: string }[] | null;
  referrals: { active: boolean }[] | null;
}

const ACTORS: Record<string, Actor> = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
  commission: { roles: ['commission'], relationships: [{ kind: 'referred-commission' }] },
};

describe('the authorization matrix', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  /** The case every relation is about, a second case of the organisation, one elsewhere, one whose referral ended. */
  const cases = { own: '', sameOrganisation: '', otherOrganisation: '', referralEnded: '' };
  /** A document the client uploaded to each of those cases, by case. */
  const documentOf = new Map<string, string>();

  const viewerOf: Record<Relation, () => { token: string; organisation: string; userId: string }> =
    {
      client: () => member('client'),
      otherClient: () => member('client2'),
      assignedHandler: () => member('handler'),
      otherHandler: () => member('handler2'),
      manager: () => member('manager'),
      director: () => member('director'),
      subject: () => member('employee'),
      confidant: () => member('confidant'),
      revokedConfidant: () => member('exconfidant'),
      commission: () => ({
        token: tokens.commission!,
        organisation: org.slug,
        userId: commission.people.member!.id,
      }),
      otherOrganisation: () => ({
        token: tokens.otherDirector!,
        organisation: other.slug,
        userId: other.people.director!.id,
      }),
    };
  function member(name: string) {
    return { token: tokens[name]!, organisation: org.slug, userId: org.people[name]!.id };
  }
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  async function gqlOk<T>(query: string, variables: Record<string, unknown>, who: string) {
    const result = await server.gql<T>(query, variables, as(who));
    expect(result.errors, `${who}: ${JSON.stringify(result.errors)}`).toBeUndefined();
    return result.data!;
  }

  /** Files a case as `client` and takes it along a route through the API. */
  async function walk(route: StageRoute, client: string): Promise<string> {
    const filed = await gqlOk<{ fileComplaint: { case: { id: string; version: number } } }>(
      FILE,
      {
        input: {
          entry: route.filing.entry,
          complainant: route.filing.complainant,
          parts: route.filing.parts,
          category: route.filing.category,
          eventDate: route.filing.eventDate,
          lastContactDate: route.filing.lastContactDate,
          subjectIds: [org.people.employee!.id],
        },
      },
      client,
    );
    const caseId = filed.fileComplaint.case.id;
    let version = filed.fileComplaint.case.version;
    await gqlOk(ASSIGN, { caseId, handlerId: org.people.handler!.id }, 'manager');
    for (const step of route.steps) {
      server.clock.advanceTo(new Date(`${step.on}T10:00:00.000Z`));
      if (step.kind === 'wait') continue;
      const acted = await server.gql<{ performAction: { case?: { version: number } } }>(
        ACT,
        {
          input: { caseId, action: step.action, expectedVersion: version, payload: step.payload },
        },
        as(step.actor === 'handler' ? 'handler' : step.actor),
      );
      expect(acted.data?.performAction.case, `${route.stage}: ${step.action}`).toBeDefined();
      version = acted.data!.performAction.case!.version;
    }
    return caseId;
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        SESSION_IDLE_MINUTES: String(60 * 24 * 800),
        SESSION_ABSOLUTE_HOURS: String(24 * 800),
      },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      client3: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
      confidant: ['confidant'],
      exconfidant: ['confidant'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      client: ['client'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, 'mo', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'mo', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.otherClient = await signIn(server, other.people.client!);
    tokens.commission = await signIn(server, commission.people.member!);
    const procedure = loadTemplate('mo');
    for (const { id } of procedure.commissions) {
      await gqlOk(
        LINK,
        { input: { commissionId: id, commissionOrganisation: commission.slug, termDays: 1000 } },
        'director',
      );
    }

    // The own case: referred to the commission, and still referred.
    const routes = routesToEveryStage(
      { ...procedure, version: 1 },
      { actors: ACTORS, filedOn: amsterdamDate(server.clock.now()) },
    );
    const referred = [...routes.values()].find(
      (r) => r.state.referrals.some((x) => x.active) && !r.state.closed,
    );
    const ended = [...routes.values()].find(
      (r) => r.state.referrals.length > 0 && r.state.referrals.every((x) => !x.active),
    );
    if (!referred || !ended) throw new Error('mo has no route through its commission');
    cases.own = await walk(referred, 'client');
    cases.referralEnded = await walk(ended, 'client');

    // Items of every audience on the own case.
    await gqlOk(
      POST,
      { input: { caseId: cases.own, body: 'Interne notitie', visibility: 'INTERNAL' } },
      'manager',
    );
    await gqlOk(
      POST,
      { input: { caseId: cases.own, body: 'Gedeeld bericht', visibility: 'SHARED' } },
      'handler',
    );
    await gqlOk(
      POST,
      {
        input: {
          caseId: cases.own,
          body: 'Mijn kant',
          visibility: 'SUBJECT',
          addresseeId: org.people.employee!.id,
        },
      },
      'employee',
    );
    // A confidant with a live grant, and one whose grant was revoked.
    for (const confidant of ['confidant', 'exconfidant']) {
      await gqlOk(
        GRANT,
        { input: { caseId: cases.own, confidantId: org.people[confidant]!.id, scopes: ['view'] } },
        'client',
      );
    }
    await gqlOk(
      /* GraphQL */ `
        mutation Revoke($caseId: ID!, $confidantId: ID!) {
          revokeConfidant(caseId: $caseId, confidantId: $confidantId) {
            live
          }
        }
      `,
      { caseId: cases.own, confidantId: org.people.exconfidant!.id },
      'client',
    );
    // A case in another organisation, same procedure.
    const elsewhere = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: {
          complainant: referred.filing.complainant,
          category: referred.filing.category,
          eventDate: referred.filing.eventDate,
          parts: [{ summary: 'Elders' }],
        },
      },
      { token: tokens.otherClient, organisation: other.slug },
    );
    cases.otherOrganisation = elsewhere.data!.fileComplaint.case.id;
    // Another case of the same organisation: someone else's, with nobody assigned or complained about.
    const sameOrganisation = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: {
          complainant: referred.filing.complainant,
          category: referred.filing.category,
          eventDate: referred.filing.eventDate,
          parts: [{ summary: 'Iets anders' }],
        },
      },
      as('client3'),
    );
    cases.sameOrganisation = sameOrganisation.data!.fileComplaint.case.id;
    for (const [caseId, client] of [
      [cases.own, as('client')],
      [cases.referralEnded, as('client')],
      [cases.sameOrganisation, as('client3')],
      [cases.otherOrganisation, { token: tokens.otherClient, organisation: other.slug }],
    ] as const)
      documentOf.set(caseId, await uploadDocumentAs(server, client, caseId));
  }, 120_000);
  afterAll(() => server?.close());

  const look = async (caseId: string, who: { token: string; organisation: string }) =>
    (await server.gql<{ case: Look | null }>(LOOK, { id: caseId }, who)).data?.case ?? null;
  const seenIf = (ok: boolean): Answer => (ok ? 'allowed' : 'denied');
  /** A mutation or query is denied when it answers exactly as for a case that does not exist. */
  const answerOf = (result: GraphqlResponse<unknown>): Answer => {
    const code = result.errors?.[0]?.extensions?.code;
    return code === 'NOT_FOUND' ? 'denied' : 'allowed';
  };

  const PROBES: Probe[] = [
    { name: 'case (header)', run: async (id, who) => seenIf((await look(id, who)) !== null) },
    {
      name: 'case internal fields',
      run: async (id, who) => seenIf(((await look(id, who))?.handlerIds ?? null) !== null),
    },
    {
      name: 'timeline: internal events',
      run: async (id, who) =>
        seenIf(!!(await look(id, who))?.timeline.some((e) => e.visibility === 'internal')),
    },
    {
      name: 'timeline: shared events',
      run: async (id, who) =>
        seenIf(!!(await look(id, who))?.timeline.some((e) => e.type === 'case-filed')),
    },
    {
      name: 'timeline: the commission bundle',
      run: async (id, who) =>
        seenIf(!!(await look(id, who))?.timeline.some((e) => e.type === 'referred')),
    },
    ...(
      [
        ['messages: internal note', 'Interne notitie'],
        ['messages: shared message', 'Gedeeld bericht'],
        ['messages: statement of the subject', 'Mijn kant'],
      ] as const
    ).map(([name, body]) => ({
      name,
      run: async (id: string, who: { token: string; organisation: string }) =>
        seenIf(!!(await look(id, who))?.messages.some((m) => m.body === body)),
    })),
    {
      name: 'confidantGrants',
      run: async (id, who) => seenIf(((await look(id, who))?.confidantGrants ?? null) !== null),
    },
    {
      name: 'referrals',
      run: async (id, who) => seenIf(((await look(id, who))?.referrals ?? null) !== null),
    },
    {
      name: 'accessLog',
      run: async (id, who) =>
        answerOf(
          await server.gql(
            /* GraphQL */ `
              query Log($caseId: ID!) {
                accessLog(caseId: $caseId) {
                  action
                }
              }
            `,
            { caseId: id },
            who,
          ),
        ),
    },
    {
      name: 'performAction (stale version)',
      writes: true,
      run: async (id, who) =>
        answerOf(
          await server.gql(
            ACT,
            { input: { caseId: id, action: 'withdraw', expectedVersion: 9999, payload: {} } },
            who,
          ),
        ),
    },
    {
      name: 'assignHandler (not a handler)',
      writes: true,
      run: async (id, who) =>
        answerOf(await server.gql(ASSIGN, { caseId: id, handlerId: org.people.client2!.id }, who)),
    },
    {
      name: 'grantConfidant (not a confidant)',
      writes: true,
      run: async (id, who) =>
        answerOf(
          await server.gql(
            GRANT,
            { input: { caseId: id, confidantId: org.people.client2!.id, scopes: ['view'] } },
            who,
          ),
        ),
    },
    {
      name: 'postMessage (shared)',
      writes: true,
      run: async (id, who) =>
        answerOf(
          await server.gql(
            POST,
            { input: { caseId: id, body: 'Nog een vraag', visibility: 'SHARED' } },
            who,
          ),
        ),
    },
    {
      name: 'scheduleMeeting (a stranger invited)',
      writes: true,
      run: async (id, who) =>
        answerOf(
          await server.gql(
            SCHEDULE_MEETING,
            {
              input: {
                caseId: id,
                kind: 'MEETING',
                startsAt: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
                participantIds: [other.people.client!.id],
              },
            },
            who,
          ),
        ),
    },
    {
      name: 'markConsentDocument (no extension waits)',
      writes: true,
      run: async (id, who) =>
        answerOf(await server.gql(MARK_CONSENT_DOCUMENT, { documentId: documentOf.get(id) }, who)),
    },
  ];

  it('writes down an expectation for every probe', () => {
    expect(PROBES.map((p) => p.name).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  async function deniedLines(organisation: string, userId: string, caseId: string) {
    const organisationId = organisation === org.slug ? org.id : other.id;
    return withTenantTransaction(server.ownerOrm, { organisationId }, (em) =>
      em.count(AccessLogEntry, { userId, caseId, outcome: 'denied' }),
    );
  }

  async function expectCell(probe: Probe, relation: Relation, caseId: string, expected: Answer) {
    const viewer = viewerOf[relation]();
    const before = await deniedLines(viewer.organisation, viewer.userId, caseId);
    const answer = await probe.run(caseId, viewer);
    expect(answer, `${probe.name} × ${relation}`).toBe(expected);
    if (expected === 'denied' && probe.name in DENIAL_IS_LOGGED) {
      const after = await deniedLines(viewer.organisation, viewer.userId, caseId);
      expect(after, `${probe.name} × ${relation}: a denied line in the access log`).toBeGreaterThan(
        before,
      );
    }
  }

  /**
   * Probes whose denial is a refusal to open the case (logged); the other probes read parts of a
   * case the viewer may open, so hiding a part is not an access attempt of its own.
   */
  const DENIAL_IS_LOGGED: Record<string, true> = {
    'case (header)': true,
    accessLog: true,
    'performAction (stale version)': true,
    'assignHandler (not a handler)': true,
    'grantConfidant (not a confidant)': true,
    'postMessage (shared)': true,
    'scheduleMeeting (a stranger invited)': true,
    // Not `markConsentDocument`: a document of another organisation is not found before any case
    // is named, so its denied line names no case to count it by.
  };

  const ordered = () => [...PROBES.filter((p) => !p.writes), ...PROBES.filter((p) => p.writes)];
  // Each sweep asks hundreds of requests one after another: seconds on a quiet machine, minutes
  // on a loaded one. The time only catches a hang; the answers are the test.
  const SWEEP = { timeout: 300_000 };

  it('answers every relation on its own case as the table says', SWEEP, async () => {
    for (const probe of ordered()) {
      for (const relation of RELATIONS) {
        const expected = (ALLOWED[probe.name] ?? []).includes(relation) ? 'allowed' : 'denied';
        await expectCell(probe, relation, cases.own, expected);
      }
    }
  });

  it(
    'denies every relation another case of the organisation, unless they see all cases',
    SWEEP,
    async () => {
      const seesAll: Relation[] = ['manager', 'director'];
      for (const probe of ordered()) {
        for (const relation of RELATIONS) {
          const allowed =
            seesAll.includes(relation) && (ALLOWED[probe.name] ?? []).includes(relation);
          // Another case has no messages, bundle or referral of its own to find.
          if (allowed && /messages|bundle|referrals|internal events/.test(probe.name)) continue;
          await expectCell(probe, relation, cases.sameOrganisation, allowed ? 'allowed' : 'denied');
        }
      }
    },
  );

  it(
    'denies everyone a case of another organisation, whatever their role there',
    SWEEP,
    async () => {
      for (const probe of ordered()) {
        for (const relation of RELATIONS.filter((r) => r !== 'otherOrganisation')) {
          await expectCell(probe, relation, cases.otherOrganisation, 'denied');
        }
      }
    },
  );

  it('shuts the commission out once the referral has ended', async () => {
    for (const probe of ordered())
      await expectCell(probe, 'commission', cases.referralEnded, 'denied');
  });
});
