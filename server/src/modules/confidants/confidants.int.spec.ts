import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type GraphqlResponse,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Case } from '../cases/case.entity.js';
import { ConfidantGrant } from './confidant-grant.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          channel
        }
      }
      ... on ActionRefused {
        code
        reasons {
          message {
            en
          }
        }
      }
    }
  }
`;
const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      id
      version
      handlerIds
      subjectIds
      availableActions {
        id
      }
      timeline {
        type
        visibility
      }
      confidantGrants {
        confidantId
        confidantName
        scopes
        live
        revokedAt
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    cases(first: 50) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`;
const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantConfidantInput!) {
    grantConfidant(input: $input) {
      clientName
      confidantId
      confidantName
      scopes
      live
    }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($caseId: ID!, $confidantId: ID!) {
    revokeConfidant(caseId: $caseId, confidantId: $confidantId) {
      confidantId
      live
      revokedAt
    }
  }
`;
const AUTHORISE = /* GraphQL */ `
  mutation Authorise($input: AuthoriseConfidantInput!) {
    authoriseConfidant(input: $input) {
      clientId
      confidantId
      scopes
      live
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($confidantId: ID!) {
    withdrawConfidantAuthorisation(confidantId: $confidantId) {
      live
    }
  }
`;
const AUTHORISATIONS = /* GraphQL */ `
  query {
    myConfidantAuthorisations {
      clientId
      clientName
      confidantId
      confidantName
      scopes
      live
    }
  }
`;
const CONFIDANTS = /* GraphQL */ `
  query {
    confidants {
      id
      name
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          version
        }
      }
      ... on ActionRefused {
        code
      }
    }
  }
`;

interface SeenCase {
  id: string;
  version: number;
  handlerIds: string[] | null;
  subjectIds: string[] | null;
  availableActions: { id: string }[];
  timeline: { type: string; visibility: string }[];
  confidantGrants:
    { confidantId: string; confidantName: string; scopes: string[]; live: boolean }[] | null;
}

const complaint = (extra: Record<string, unknown> = {}) => ({
  input: {
    entry: 'informeel',
    complainant: 'client',
    category: 'klacht',
    parts: [{ summary: 'Mijn spullen zijn zonder overleg weggehaald.' }],
    ...extra,
  },
});

/**
 * Shared arrangements: a shelter (mo procedure) with two clients, staff, two confidants and the
 * person complained about; another organisation with its own client and confidant.
 */
async function arrange() {
  const server = await startTestServer();
  const mo = await arrangeOrganisation(server.ownerOrm, {
    client: ['client'],
    client2: ['client'],
    handler: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
    confidant: ['confidant'],
    confidant2: ['confidant'],
  });
  const other = await arrangeOrganisation(server.ownerOrm, {
    director: ['director'],
    client: ['client'],
    confidant: ['confidant'],
  });
  // The shelter's confidant supports clients of the other organisation too.
  await addMembership(server.ownerOrm, other.id, mo.people.confidant!.id, ['confidant']);
  await publishTemplate(server.ownerOrm, mo, 'mo', mo.people.director!);
  await publishTemplate(server.ownerOrm, other, 'mo', other.people.director!);
  const tokens: Record<string, string> = {};
  for (const name of Object.keys(mo.people)) tokens[name] = await signIn(server, mo.people[name]!);
  for (const name of Object.keys(other.people))
    tokens[`other:${name}`] = await signIn(server, other.people[name]!);
  const as = (name: string, organisation: ArrangedOrganisation = mo) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
  const inMo = <T>(work: Parameters<typeof withTenantTransaction<T>>[2]) =>
    withTenantTransaction(server.ownerOrm, { organisationId: mo.id }, work);
  return { server, mo, other, as, inMo };
}

type Arranged = Awaited<ReturnType<typeof arrange>>;

const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;

describe('a client gives a confidant access to their complaint, and takes it back', () => {
  let t: Arranged;
  let caseId: string;
  const seen = async (name: string, organisation?: ArrangedOrganisation) =>
    (await t.server.gql<{ case: SeenCase | null }>(CASE, { id: caseId }, t.as(name, organisation)))
      .data?.case ?? null;
  const count = async (name: string, organisation?: ArrangedOrganisation) =>
    (await t.server.gql<{ cases: { totalCount: number } }>(LIST, {}, t.as(name, organisation)))
      .data!.cases.totalCount;

  beforeAll(async () => {
    t = await arrange();
    const filed = await t.server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      complaint({ subjectIds: [t.mo.people.employee!.id] }),
      t.as('client'),
    );
    caseId = filed.data!.fileComplaint.case.id;
    // Staff work leaves internal events the client side must never see.
    await t.server.gql(
      /* GraphQL */ `
        mutation ($caseId: ID!, $handlerId: ID!) {
          assignHandler(caseId: $caseId, handlerId: $handlerId) {
            id
          }
        }
      `,
      { caseId, handlerId: t.mo.people.handler!.id },
      t.as('manager'),
    );
  });
  afterAll(() => t.server.close());

  it('lets the client choose from the organisation’s confidants, by name only', async () => {
    const listed = await t.server.gql<{ confidants: { id: string; name: string }[] }>(
      CONFIDANTS,
      {},
      t.as('client'),
    );
    expect(listed.data!.confidants).toEqual([
      { id: t.mo.people.confidant!.id, name: 'confidant' },
      { id: t.mo.people.confidant2!.id, name: 'confidant2' },
    ]);
    const elsewhere = await t.server.gql<{ confidants: { id: string }[] }>(
      CONFIDANTS,
      {},
      t.as('other:client', t.other),
    );
    expect(elsewhere.data!.confidants.map((c) => c.id).sort()).toEqual(
      [t.other.people.confidant!.id, t.mo.people.confidant!.id].sort(),
    );
    // Confidants need not browse each other.
    expect(codeOf(await t.server.gql(CONFIDANTS, {}, t.as('confidant')))).toBe('FORBIDDEN');
  });

  it('shows a confidant nothing of a case before the client grants access', async () => {
    expect(await seen('confidant')).toBeNull();
    expect(await count('confidant')).toBe(0);
  });

  it('refuses a forged confidant id or scope with a clear error, and writes nothing', async () => {
    const grantsBefore = await t.inMo((em) => em.count(ConfidantGrant, {}));
    const eventsBefore = await t.inMo((em) => em.count(CaseEvent, { caseId }));
    const attempt = (confidantId: string, scopes: string[] = ['view']) =>
      t.server.gql(GRANT, { input: { caseId, confidantId, scopes } }, t.as('client'));
    for (const forged of [
      t.mo.people.client2!.id, // a client, not a confidant
      t.mo.people.handler!.id, // staff
      t.other.people.confidant!.id, // a confidant of another organisation only
      randomUUID(),
    ]) {
      const refused = await attempt(forged);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'confidantId',
      });
      expect(refused.errors?.[0]?.message).toBe('Onbekende persoon in deze organisatie.');
    }
    expect(codeOf(await attempt(t.mo.people.client!.id))).toBe('BAD_USER_INPUT');
    expect(codeOf(await attempt(t.mo.people.confidant!.id, ['submit']))).toBe('BAD_USER_INPUT');
    expect(codeOf(await attempt(t.mo.people.confidant!.id, ['view', 'everything']))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await attempt('not-an-id'))).toBe('BAD_USER_INPUT');
    expect(await t.inMo((em) => em.count(ConfidantGrant, {}))).toBe(grantsBefore);
    expect(await t.inMo((em) => em.count(CaseEvent, { caseId }))).toBe(eventsBefore);
    expect(await seen('confidant')).toBeNull();
  });

  it('answers anyone but the client exactly as for a case that does not exist', async () => {
    const grant = (name: string, id = caseId, organisation?: ArrangedOrganisation) =>
      t.server.gql(
        GRANT,
        { input: { caseId: id, confidantId: t.mo.people.confidant!.id, scopes: ['view'] } },
        t.as(name, organisation),
      );
    const missing = await grant('client2', randomUUID());
    expect(codeOf(missing)).toBe('NOT_FOUND');
    for (const name of ['client2', 'manager', 'director', 'handler', 'confidant']) {
      expect(await grant(name)).toEqual(missing);
    }
    expect(await grant('other:client', caseId, t.other)).toEqual(missing);
    const revoke = await t.server.gql(
      REVOKE,
      { caseId, confidantId: t.mo.people.confidant!.id },
      t.as('manager'),
    );
    expect(revoke.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
      missing.errors?.map((e) => [e.message, e.extensions?.code]),
    );
    const denied = await t.inMo((em) =>
      em.find(AccessLogEntry, { caseId, action: 'grant-confidant', outcome: 'denied' }),
    );
    expect(denied.map((e) => e.userId)).toEqual(
      expect.arrayContaining([t.mo.people.client2!.id, t.mo.people.manager!.id]),
    );
    expect(await seen('confidant')).toBeNull();
  });

  it('shows the granted confidant the case as the client sees it, never internal events or fields', async () => {
    const granted = await t.server.gql<{ grantConfidant: Record<string, unknown> }>(
      GRANT,
      { input: { caseId, confidantId: t.mo.people.confidant!.id, scopes: ['view', 'view'] } },
      t.as('client'),
    );
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantConfidant).toEqual({
      // The confidant sees whose case it is: the client who granted it.
      clientName: 'client',
      confidantId: t.mo.people.confidant!.id,
      confidantName: 'confidant',
      scopes: ['view'],
      live: true,
    });

    const confidant = (await seen('confidant'))!;
    const client = (await seen('client'))!;
    const staff = (await seen('manager'))!;
    expect(confidant.id).toBe(caseId);
    expect(confidant.handlerIds).toBeNull();
    expect(confidant.subjectIds).toBeNull();
    expect(staff.timeline.some((e) => e.visibility === 'internal')).toBe(true);
    expect(confidant.timeline.every((e) => e.visibility === 'shared')).toBe(true);
    expect(confidant.timeline).toEqual(client.timeline);
    expect(confidant.timeline.at(-1)).toEqual({ type: 'confidant-granted', visibility: 'shared' });
    expect(await count('confidant')).toBe(1);
    expect(await count('confidant2')).toBe(0);
    // The confidant reads on the client's behalf: the access log says so.
    const reads = await t.inMo((em) =>
      em.find(AccessLogEntry, { caseId, userId: t.mo.people.confidant!.id, outcome: 'allowed' }),
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.onBehalfOfId === t.mo.people.client!.id)).toBe(true);
  });

  it('shows who holds a grant to the client and staff, a confidant only their own, the subject nothing', async () => {
    await t.server.gql(
      GRANT,
      { input: { caseId, confidantId: t.mo.people.confidant2!.id, scopes: ['view'] } },
      t.as('client'),
    );
    const holders = (c: SeenCase | null) => c?.confidantGrants?.map((g) => g.confidantName).sort();
    expect(holders(await seen('client'))).toEqual(['confidant', 'confidant2']);
    expect(holders(await seen('manager'))).toEqual(['confidant', 'confidant2']);
    expect(holders(await seen('confidant'))).toEqual(['confidant']);
    expect(holders(await seen('confidant2'))).toEqual(['confidant2']);
    const subject = await seen('employee');
    expect(subject?.id).toBe(caseId);
    expect(subject?.confidantGrants).toBeNull();
    await t.server.gql(REVOKE, { caseId, confidantId: t.mo.people.confidant2!.id }, t.as('client'));
  });

  it('lets the confidant act for the client only with the submit scope', async () => {
    const version = (await seen('confidant'))!.version;
    const fileOfficial = () =>
      t.server.gql<{ performAction: { __typename: string; code?: string } }>(
        PERFORM,
        {
          input: {
            caseId,
            action: 'file-official-complaint',
            expectedVersion: version,
            payload: { complaint: 'Namens de cliënt: een officiële klacht.' },
          },
        },
        t.as('confidant'),
      );
    expect((await seen('confidant'))!.availableActions).toEqual([]);
    expect((await fileOfficial()).data!.performAction).toEqual({
      __typename: 'ActionRefused',
      code: 'role-not-allowed',
    });

    t.server.clock.advance(60_000);
    const changed = await t.server.gql<{ grantConfidant: { scopes: string[] } }>(
      GRANT,
      {
        input: { caseId, confidantId: t.mo.people.confidant!.id, scopes: ['submit', 'view'] },
      },
      t.as('client'),
    );
    expect(changed.data!.grantConfidant.scopes).toEqual(['view', 'submit']);
    const history = (await seen('client'))!.confidantGrants!.filter(
      (g) => g.confidantId === t.mo.people.confidant!.id,
    );
    expect(history.map((g) => [g.scopes, g.live])).toEqual([
      [['view', 'submit'], true],
      [['view'], false],
    ]);
    expect((await seen('confidant'))!.availableActions.map((a) => a.id)).toContain(
      'file-official-complaint',
    );

    expect((await fileOfficial()).data!.performAction.__typename).toBe('CaseChanged');
    const events = await t.inMo((em) =>
      em.find(CaseEvent, { caseId, actorId: t.mo.people.confidant!.id }),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.onBehalfOfId === t.mo.people.client!.id)).toBe(true);
    const logged = await t.inMo((em) =>
      em.findOneOrFail(AccessLogEntry, {
        caseId,
        action: 'perform:file-official-complaint',
        outcome: 'allowed',
      }),
    );
    expect(logged).toMatchObject({
      userId: t.mo.people.confidant!.id,
      onBehalfOfId: t.mo.people.client!.id,
    });
  });

  it('does not open the case to the confidant in another organisation they serve', async () => {
    expect(await seen('confidant', t.other)).toBeNull();
    expect(await count('confidant', t.other)).toBe(0);
    expect(await seen('other:confidant', t.other)).toBeNull();
    const notAMember = await t.server.gql(CASE, { id: caseId }, t.as('other:confidant'));
    expect(codeOf(notAMember)).toBe('FORBIDDEN');
  });

  it('ends access on the very next request once the client revokes it', async () => {
    expect(await count('confidant')).toBe(1);
    const lastLine = await t.inMo((em) =>
      em.findOneOrFail(AccessLogEntry, { organisationId: t.mo.id }, { orderBy: { id: 'desc' } }),
    );
    const revoked = await t.server.gql<{ revokeConfidant: { live: boolean } }>(
      REVOKE,
      { caseId, confidantId: t.mo.people.confidant!.id },
      t.as('client'),
    );
    expect(revoked.data!.revokeConfidant.live).toBe(false);

    const missing = await t.server.gql(CASE, { id: randomUUID() }, t.as('confidant'));
    expect(await t.server.gql(CASE, { id: caseId }, t.as('confidant'))).toEqual(missing);
    expect(await count('confidant')).toBe(0);
    const acting = await t.server.gql(
      PERFORM,
      { input: { caseId, action: 'withdraw', expectedVersion: 1, payload: {} } },
      t.as('confidant'),
    );
    expect(codeOf(acting)).toBe('NOT_FOUND');

    const client = (await seen('client'))!;
    expect(client.timeline.at(-1)).toEqual({ type: 'confidant-revoked', visibility: 'shared' });
    expect(client.confidantGrants!.every((g) => !g.live)).toBe(true);
    const kase = await t.inMo((em) => em.findOneOrFail(Case, { id: caseId }));
    expect(kase.confidantIds).toEqual([]);
    const deniedAfter = await t.inMo((em) =>
      em.find(AccessLogEntry, {
        id: { $gt: lastLine.id },
        caseId,
        userId: t.mo.people.confidant!.id,
        outcome: 'denied',
      }),
    );
    expect(deniedAfter.map((e) => e.action).sort()).toEqual(['perform:withdraw', 'read']);

    const again = await t.server.gql(
      REVOKE,
      { caseId, confidantId: t.mo.people.confidant!.id },
      t.as('client'),
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'confidantId',
    });
  });

  it('never lets in a confidant the complaint is about, whatever the client wishes', async () => {
    const aboutConfidant = await t.server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      complaint({ subjectIds: [t.mo.people.confidant2!.id] }),
      t.as('client2'),
    );
    const recused = await t.server.gql(
      GRANT,
      {
        input: {
          caseId: aboutConfidant.data!.fileComplaint.case.id,
          confidantId: t.mo.people.confidant2!.id,
          scopes: ['view'],
        },
      },
      t.as('client2'),
    );
    expect(recused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'confidantId',
    });
  });
});

describe('a confidant files a complaint on a client’s behalf', () => {
  let t: Arranged;
  const caseCount = () => t.inMo((em) => em.count(Case, {}));
  const fileFor = (clientId: string, name = 'confidant', organisation?: ArrangedOrganisation) =>
    t.server.gql<{ fileComplaint: { __typename: string; case: { id: string; channel: string } } }>(
      FILE,
      complaint({ clientId }),
      t.as(name, organisation),
    );

  beforeAll(async () => {
    t = await arrange();
  });
  afterAll(() => t.server.close());

  it('is refused without an authorisation, exactly as for a client who does not exist', async () => {
    const before = await caseCount();
    const unknown = await fileFor(randomUUID());
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'clientId',
    });
    expect(await fileFor(t.mo.people.client!.id)).toEqual(unknown);
    expect(await fileFor(t.other.people.client!.id)).toEqual(unknown);
    // The other organisation's confidant is no one here, and unknown to the client there.
    expect(codeOf(await fileFor(t.mo.people.client!.id, 'other:confidant'))).toBe('FORBIDDEN');
    expect(await fileFor(t.mo.people.client!.id, 'other:confidant', t.other)).toEqual(unknown);
    expect(await caseCount()).toBe(before);
  });

  it('refuses forged authorisations with a clear error and lets only clients authorise', async () => {
    const authorise = (confidantId: string, name = 'client') =>
      t.server.gql(AUTHORISE, { input: { confidantId, scopes: ['view', 'submit'] } }, t.as(name));
    for (const forged of [t.mo.people.client2!.id, t.other.people.confidant!.id, randomUUID()]) {
      expect((await authorise(forged)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'confidantId',
      });
    }
    expect(codeOf(await authorise(t.mo.people.confidant!.id, 'manager'))).toBe('FORBIDDEN');
    expect(codeOf(await authorise(t.mo.people.confidant!.id, 'confidant2'))).toBe('FORBIDDEN');
    expect(await t.inMo((em) => em.count(ConfidantGrant, {}))).toBe(0);
  });

  it('files with the client’s authorisation: channel confidant, on the client’s behalf, with a grant on the new case', async () => {
    const authorised = await t.server.gql<{ authoriseConfidant: Record<string, unknown> }>(
      AUTHORISE,
      { input: { confidantId: t.mo.people.confidant!.id, scopes: ['view', 'submit'] } },
      t.as('client'),
    );
    expect(authorised.data!.authoriseConfidant).toEqual({
      clientId: t.mo.people.client!.id,
      confidantId: t.mo.people.confidant!.id,
      scopes: ['view', 'submit'],
      live: true,
    });
    const held = await t.server.gql<{ myConfidantAuthorisations: Record<string, unknown>[] }>(
      AUTHORISATIONS,
      {},
      t.as('confidant'),
    );
    expect(held.data!.myConfidantAuthorisations).toEqual([
      expect.objectContaining({ clientName: 'client', confidantName: 'confidant', live: true }),
    ]);

    const filed = await fileFor(t.mo.people.client!.id);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileComplaint.case.channel).toBe('confidant');
    const caseId = filed.data!.fileComplaint.case.id;

    const kase = await t.inMo((em) => em.findOneOrFail(Case, { id: caseId }));
    expect(kase).toMatchObject({
      clientId: t.mo.people.client!.id,
      filedById: t.mo.people.confidant!.id,
      channel: 'confidant',
      confidantIds: [t.mo.people.confidant!.id],
    });
    const grant = await t.inMo((em) => em.findOneOrFail(ConfidantGrant, { caseId }));
    expect(grant).toMatchObject({ scopes: ['view', 'submit'], revokedAt: null });
    const events = await t.inMo((em) => em.find(CaseEvent, { caseId }));
    expect(events.map((e) => e.type)).toContain('confidant-granted');
    expect(
      events.every(
        (e) => e.actorId === t.mo.people.confidant!.id && e.onBehalfOfId === t.mo.people.client!.id,
      ),
    ).toBe(true);
    const logged = await t.inMo((em) =>
      em.findOneOrFail(AccessLogEntry, { caseId, action: 'file', outcome: 'allowed' }),
    );
    expect(logged).toMatchObject({
      userId: t.mo.people.confidant!.id,
      clientId: t.mo.people.client!.id,
      onBehalfOfId: t.mo.people.client!.id,
    });

    // Both the client and the confidant follow the new case; the client sees who filed it.
    const asClient = await t.server.gql<{ case: SeenCase }>(CASE, { id: caseId }, t.as('client'));
    expect(asClient.data!.case.confidantGrants).toEqual([
      expect.objectContaining({ confidantName: 'confidant', scopes: ['view', 'submit'] }),
    ]);
    const asConfidant = await t.server.gql<{ case: SeenCase }>(
      CASE,
      { id: caseId },
      t.as('confidant'),
    );
    expect(asConfidant.data!.case.availableActions.map((a) => a.id)).toContain('withdraw');
    // Another confidant, and the same confidant for another client, still cannot file.
    expect(codeOf(await fileFor(t.mo.people.client!.id, 'confidant2'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await fileFor(t.mo.people.client2!.id))).toBe('BAD_USER_INPUT');
  });

  it('keeps one live authorisation per confidant when a client changes it in several tabs at once', async () => {
    const scopes = [
      ['view', 'submit'],
      ['view', 'submit', 'receive-letters'],
      ['view', 'draft'],
    ];
    const attempts = await Promise.all(
      Array.from({ length: 9 }, (_, index) =>
        t.server.gql(
          AUTHORISE,
          { input: { confidantId: t.mo.people.confidant2!.id, scopes: scopes[index % 3] } },
          t.as('client'),
        ),
      ),
    );
    expect(attempts.every((attempt) => attempt.errors === undefined)).toBe(true);
    const rows = await t.inMo((em) =>
      em.find(ConfidantGrant, { caseId: null, confidantId: t.mo.people.confidant2!.id }),
    );
    expect(rows.filter((row) => row.revokedAt === null)).toHaveLength(1);
    await t.server.gql(WITHDRAW, { confidantId: t.mo.people.confidant2!.id }, t.as('client'));
  });

  it('needs the submit scope in the authorisation', async () => {
    await t.server.gql(
      AUTHORISE,
      { input: { confidantId: t.mo.people.confidant!.id, scopes: ['view'] } },
      t.as('client2'),
    );
    const before = await caseCount();
    const refused = await fileFor(t.mo.people.client2!.id);
    expect(refused).toEqual(await fileFor(randomUUID()));
    expect(await caseCount()).toBe(before);
  });

  it('stops filing once the client withdraws the authorisation, keeping the history', async () => {
    const withdrawn = await t.server.gql<{ withdrawConfidantAuthorisation: { live: boolean } }>(
      WITHDRAW,
      { confidantId: t.mo.people.confidant!.id },
      t.as('client'),
    );
    expect(withdrawn.data!.withdrawConfidantAuthorisation.live).toBe(false);
    const before = await caseCount();
    expect(codeOf(await fileFor(t.mo.people.client!.id))).toBe('BAD_USER_INPUT');
    expect(await caseCount()).toBe(before);

    const given = await t.server.gql<{
      myConfidantAuthorisations: { confidantId: string; live: boolean }[];
    }>(AUTHORISATIONS, {}, t.as('client'));
    expect(
      given
        .data!.myConfidantAuthorisations.filter((a) => a.confidantId === t.mo.people.confidant!.id)
        .map((a) => a.live),
    ).toEqual([false]);
    const held = await t.server.gql<{
      myConfidantAuthorisations: { clientId: string; live: boolean }[];
    }>(AUTHORISATIONS, {}, t.as('confidant'));
    // What remains is client2's authorisation (without submit); the withdrawn one is gone.
    expect(held.data!.myConfidantAuthorisations).toEqual([
      expect.objectContaining({ clientId: t.mo.people.client2!.id, live: true }),
    ]);
    const again = await t.server.gql(
      WITHDRAW,
      { confidantId: t.mo.people.confidant!.id },
      t.as('client'),
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'confidantId',
    });
    // The case filed earlier keeps its own grant until the client revokes it (ADR 0008).
    expect(
      (await t.server.gql<{ cases: { totalCount: number } }>(LIST, {}, t.as('confidant'))).data!
        .cases.totalCount,
    ).toBe(1);
  });
});
