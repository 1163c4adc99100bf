import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { verifyAccessLog } from '../access-log/access-log-chain.js';
import { CaseEvent } from './case-event.entity.js';
import { Case } from './case.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          reference
          version
          stages {
            track
            stage
          }
          warnings
        }
      }
      ... on ActionRefused {
        code
        reasons {
          message {
            nl
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
      stages {
        stage
      }
      handlerIds
      subjectIds
      availableActions {
        id
      }
      timeline {
        type
        visibility
      }
      deadlines {
        clock
        due
        explanation
      }
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          version
          stages {
            stage
          }
        }
      }
      ... on ActionRefused {
        code
      }
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      id
      handlerIds
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

type Tokens = Record<string, string>;

/** A complaint at Bureau MHR, told from each side: who sees what, and what each may do. */
describe('cases through GraphQL', () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Tokens = {};
  let caseId: string;

  const as = (name: string, organisation = mhr) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
  const caseEvents = () =>
    withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, (em) =>
      em.find(CaseEvent, { organisationId: mhr.id, caseId }, { orderBy: { sequence: 'asc' } }),
    );

  beforeAll(async () => {
    server = await startTestServer({ poolMax: 8 });
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      client: ['client'],
    });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    await publishTemplate(server.ownerOrm, other, 'bureau-mhr', other.people.director!);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
  });
  afterAll(() => server.close());

  it('lets a client file a complaint about an employee and gives it a readable reference', async () => {
    const eventDate = new Date(server.clock.now().getTime() - 20 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const result = await server.gql<{
      fileComplaint: {
        __typename: string;
        case: { id: string; reference: string; version: number; stages: { stage: string }[] };
      };
    }>(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [{ summary: 'Mijn begeleider kwam twee keer niet opdagen.' }],
          eventDate,
          subjectIds: [mhr.people.employee!.id],
        },
      },
      as('client'),
    );
    expect(result.errors).toBeUndefined();
    const filed = result.data!.fileComplaint;
    expect(filed.__typename).toBe('CaseChanged');
    expect(filed.case.reference).toMatch(/^[A-Z0-9]+-\d{4}-0001$/);
    expect(filed.case.stages.map((s) => s.stage)).toEqual(['melding']);
    caseId = filed.case.id;
  });

  it('shows the case to its client and the organisation’s management, and to nobody else', async () => {
    const visibleTo = async (name: string, organisation = mhr) =>
      (
        await server.gql<{ case: { id: string } | null }>(
          CASE,
          { id: caseId },
          as(name, organisation),
        )
      ).data?.case?.id ?? null;
    expect(await visibleTo('client')).toBe(caseId);
    expect(await visibleTo('manager')).toBe(caseId);
    expect(await visibleTo('director')).toBe(caseId);
    expect(await visibleTo('client2')).toBeNull();
    expect(await visibleTo('handler')).toBeNull(); // not assigned yet
    // The person complained about is heard, so sees the case itself, never its internal fields
    // nor the client side of its timeline.
    const asSubject = await server.gql<{ case: Record<string, unknown> | null }>(
      CASE,
      { id: caseId },
      as('employee'),
    );
    expect(asSubject.data?.case).toMatchObject({
      id: caseId,
      handlerIds: null,
      subjectIds: null,
      timeline: [],
    });
    const otherOrganisation = await server.gql(
      CASE,
      { id: caseId },
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(otherOrganisation.data).toEqual({ case: null });
    const notAMember = await server.gql(
      CASE,
      { id: caseId },
      { token: tokens.otherDirector, organisation: mhr.slug },
    );
    expect(notAMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers a case that does not exist exactly like one that is not yours', async () => {
    const missing = await server.gql(
      CASE,
      { id: '00000000-0000-4000-8000-000000000000' },
      as('client2'),
    );
    const notYours = await server.gql(CASE, { id: caseId }, as('client2'));
    expect(missing).toEqual(notYours);
  });

  it('never assigns the person complained about, and lets a manager assign a handler', async () => {
    const refused = await server.gql(
      ASSIGN,
      { caseId, handlerId: mhr.people.employee!.id },
      as('manager'),
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'handlerId',
    });
    const byClient = await server.gql(
      ASSIGN,
      { caseId, handlerId: mhr.people.handler!.id },
      as('client'),
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const assigned = await server.gql<{ assignHandler: { handlerIds: string[] } }>(
      ASSIGN,
      { caseId, handlerId: mhr.people.handler!.id },
      as('manager'),
    );
    expect(assigned.data?.assignHandler.handlerIds).toEqual([mhr.people.handler!.id]);
  });

  it('offers each role only the actions the procedure gives it, and hides internal fields from the client', async () => {
    type Seen = {
      case: {
        availableActions: { id: string }[];
        handlerIds: string[] | null;
        subjectIds: string[] | null;
      };
    };
    const handlerView = await server.gql<Seen>(CASE, { id: caseId }, as('handler'));
    expect(handlerView.data!.case.availableActions.map((a) => a.id)).toContain('inform-subject');
    expect(handlerView.data!.case.subjectIds).toEqual([mhr.people.employee!.id]);
    const clientView = await server.gql<Seen>(CASE, { id: caseId }, as('client'));
    expect(clientView.data!.case.availableActions.map((a) => a.id)).not.toContain('inform-subject');
    expect(clientView.data!.case.handlerIds).toBeNull();
    expect(clientView.data!.case.subjectIds).toBeNull();
  });

  it('refuses a stale version with CONFLICT and a disallowed action as data, changing nothing', async () => {
    const stale = await server.gql(
      PERFORM,
      { input: { caseId, action: 'inform-subject', expectedVersion: 99, payload: {} } },
      as('handler'),
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const current = await server.gql<{ case: { version: number } }>(
      CASE,
      { id: caseId },
      as('handler'),
    );
    const version = current.data!.case.version;
    const byClient = await server.gql<{ performAction: { __typename: string; code: string } }>(
      PERFORM,
      {
        input: {
          caseId,
          action: 'inform-subject',
          expectedVersion: version,
          payload: { 'informed-on': '2026-01-01' },
        },
      },
      as('client'),
    );
    expect(byClient.data?.performAction).toMatchObject({
      __typename: 'ActionRefused',
      code: 'role-not-allowed',
    });
    const after = await server.gql<{ case: { version: number } }>(
      CASE,
      { id: caseId },
      as('handler'),
    );
    expect(after.data!.case.version).toBe(version);
  });

  it('lets exactly one of 50 simultaneous actions on one version win, and applies it once', async () => {
    const current = await server.gql<{ case: { version: number } }>(
      CASE,
      { id: caseId },
      as('handler'),
    );
    const version = current.data!.case.version;
    const today = server.clock.now().toISOString().slice(0, 10);
    const eventsBefore = (await caseEvents()).length;
    const attempts = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.gql<{ performAction: { __typename: string } }>(
          PERFORM,
          {
            input: {
              caseId,
              action: 'inform-subject',
              expectedVersion: version,
              payload: { 'informed-on': today },
            },
          },
          as('handler'),
        ),
      ),
    );
    const won = attempts.filter((a) => a.data?.performAction?.__typename === 'CaseChanged');
    const conflicts = attempts.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const after = await server.gql<{ case: { version: number } }>(
      CASE,
      { id: caseId },
      as('handler'),
    );
    expect(after.data!.case.version).toBe(version + 1);
    // The winner's events, once; nothing from the 49 that lost.
    const events = await caseEvents();
    expect(events.length).toBeGreaterThan(eventsBefore);
    expect(
      events.filter((e) => e.type === 'action-taken' && e.payload.action === 'inform-subject'),
    ).toHaveLength(1);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, index) => index + 1));
  });

  it('keeps internal events off the client’s timeline', async () => {
    type Timeline = { case: { timeline: { type: string; visibility: string }[] } };
    const staff = await server.gql<Timeline>(CASE, { id: caseId }, as('handler'));
    const client = await server.gql<Timeline>(CASE, { id: caseId }, as('client'));
    expect(staff.data!.case.timeline.some((e) => e.visibility === 'internal')).toBe(true);
    expect(client.data!.case.timeline.every((e) => e.visibility === 'shared')).toBe(true);
    expect(client.data!.case.timeline.length).toBeGreaterThan(0);
  });

  it('counts and lists only what each viewer may see', async () => {
    type List = { cases: { totalCount: number; edges: { node: { id: string } }[] } };
    const count = async (name: string, organisation = mhr) =>
      (
        await server.gql<List>(
          LIST,
          {},
          name === 'otherDirector'
            ? { token: tokens.otherDirector, organisation: other.slug }
            : as(name, organisation),
        )
      ).data!.cases.totalCount;
    expect(await count('client')).toBe(1);
    expect(await count('client2')).toBe(0);
    expect(await count('handler')).toBe(1);
    expect(await count('handler2')).toBe(0);
    expect(await count('employee')).toBe(1); // heard as the subject
    expect(await count('manager')).toBe(1);
    expect(await count('otherDirector')).toBe(0);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const countCases = () =>
      withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, (em) =>
        em.count(Case, {}),
      );
    const before = await countCases();
    const nul = await server.gql(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'a\u0000b' }] } },
      as('client'),
    );
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const oversized = await server.gql(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'x'.repeat(5001) }] } },
      as('client'),
    );
    expect(oversized.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreignSubject = await server.gql(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [{ summary: 'Over iemand elders' }],
          subjectIds: [other.people.director!.id],
        },
      },
      as('client'),
    );
    expect(foreignSubject.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'subjectIds',
    });
    const badDate = await server.gql(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'x' }], eventDate: '2026-02-30' } },
      as('client'),
    );
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownAction = await server.gql(
      PERFORM,
      { input: { caseId, action: 'DROP TABLE', expectedVersion: 1 } },
      as('handler'),
    );
    expect(unknownAction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongType = await server.gql(
      PERFORM,
      { input: { caseId, action: 'x', expectedVersion: 'one' } },
      as('handler'),
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countCases()).toBe(before);
  });

  it('logs every access, allowed or refused, in an intact hash chain', async () => {
    const entries = await withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, (em) =>
      em.find(AccessLogEntry, { caseId }, { orderBy: { id: 'asc' } }),
    );
    expect(entries.some((e) => e.outcome === 'denied' && e.userId === mhr.people.client2!.id)).toBe(
      true,
    );
    expect(
      entries.some(
        (e) => e.outcome === 'allowed' && e.action === 'file' && e.userId === mhr.people.client!.id,
      ),
    ).toBe(true);
    expect(
      entries.some((e) => e.outcome === 'allowed' && e.userId === mhr.people.employee!.id),
    ).toBe(true);
    await server.sealAccessLog();
    const verification = await withOwnerClient((client) => verifyAccessLog(client, mhr.id));
    expect(verification).toMatchObject({ ok: true, unsealed: 0 });
    expect(verification.checked).toBeGreaterThan(10);
  });
});

describe('the access log of a dossier', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  const LOG = /* GraphQL */ `
    query Log($caseId: ID!) {
      accessLog(caseId: $caseId) {
        who
        role
        action
        outcome
      }
    }
  `;

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Niet teruggebeld.' }] } },
      { token: tokens.client, organisation: org.slug },
    );
    caseId = filed.data!.fileComplaint.case.id;
    await server.gql(CASE, { id: caseId }, { token: tokens.manager, organisation: org.slug });
    await server.gql(CASE, { id: caseId }, { token: tokens.client2, organisation: org.slug });
  });
  afterAll(() => server.close());

  it('shows the client who accessed their dossier, including refused attempts', async () => {
    const log = await server.gql<{ accessLog: { who: string; action: string; outcome: string }[] }>(
      LOG,
      { caseId },
      { token: tokens.client, organisation: org.slug },
    );
    expect(log.errors).toBeUndefined();
    const lines = log.data!.accessLog.map((l) => `${l.who}:${l.action}:${l.outcome}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'client:file:allowed',
        'manager:read:allowed',
        'client2:read:denied',
      ]),
    );
  });

  it('narrows the log to a period the client chooses', async () => {
    const PERIOD = /* GraphQL */ `
      query Period($caseId: ID!, $from: DateTime, $to: DateTime) {
        accessLog(caseId: $caseId, from: $from, to: $to) {
          who
          action
          occurredAt
        }
      }
    `;
    const filedAt = server.clock.now();
    // Within the sessions' idle time, so everyone stays signed in.
    server.clock.advance(20 * 60_000);
    await server.gql(CASE, { id: caseId }, { token: tokens.manager, organisation: org.slug });
    const from = new Date(filedAt.getTime() + 10 * 60_000).toISOString();
    const client = { token: tokens.client, organisation: org.slug };
    const recent = await server.gql<{
      accessLog: { who: string; action: string; occurredAt: string }[];
    }>(PERIOD, { caseId, from }, client);
    expect(recent.errors).toBeUndefined();
    const lines = recent.data!.accessLog.map((l) => `${l.who}:${l.action}`);
    expect(lines).toContain('manager:read');
    expect(lines).not.toContain('client:file');
    expect(recent.data!.accessLog.every((l) => l.occurredAt >= from)).toBe(true);

    const before = await server.gql<{ accessLog: { action: string; occurredAt: string }[] }>(
      PERIOD,
      { caseId, to: from },
      client,
    );
    expect(before.data!.accessLog.map((l) => l.action)).toContain('file');
    expect(before.data!.accessLog.every((l) => l.occurredAt < from)).toBe(true);

    const backwards = await server.gql(PERIOD, { caseId, from, to: filedAt.toISOString() }, client);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is not found for other staff, and asks a director for two-step verification first', async () => {
    const manager = await server.gql(
      LOG,
      { caseId },
      { token: tokens.manager, organisation: org.slug },
    );
    expect(manager.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const otherClient = await server.gql(
      LOG,
      { caseId },
      { token: tokens.client2, organisation: org.slug },
    );
    expect(otherClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const director = await server.gql(
      LOG,
      { caseId },
      { token: tokens.director, organisation: org.slug },
    );
    expect(director.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MFA_REQUIRED',
    });
  });

  it('detects an edited line: the hash chain breaks there', async () => {
    await server.sealAccessLog();
    expect((await withOwnerClient((client) => verifyAccessLog(client, org.id))).ok).toBe(true);
    // Not even the schema owner may change a line; only one who first switches the guard off
    // could, and the chain shows it.
    await withOwnerClient(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.organisation_id', $1, true)`, [org.id]);
      await client.query('alter table access_log disable trigger access_log_append_only');
      await client.query(
        `update access_log set outcome = case outcome when 'allowed' then 'denied' else 'allowed' end
          where organisation_id = $1 and chain_position = 1`,
        [org.id],
      );
      await client.query('alter table access_log enable trigger access_log_append_only');
      await client.query('commit');
    });
    const after = await withOwnerClient((client) => verifyAccessLog(client, org.id));
    expect(after).toMatchObject({
      ok: false,
      checked: 0,
      broken: { position: 1, reason: 'changed' },
    });
  });
});
