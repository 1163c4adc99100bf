import { addDays, amsterdamDate } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { referToCommission } from '../../../test/casework-fixtures.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { Case } from '../cases/case.entity.js';

const DASHBOARD = /* GraphQL */ `
  query {
    dashboard {
      open
      closed
      overdue
      dueSoon
      stages {
        track
        stage
        label {
          nl
        }
        count
      }
    }
  }
`;
const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
          version
        }
      }
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      id
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
    }
  }
`;

interface Dashboard {
  open: number;
  closed: number;
  overdue: number;
  dueSoon: number;
  stages: { track: string; stage: string; label: { nl: string }; count: number }[];
}

/**
 * Five complaints at one organisation, one referred to a commission: each person's dashboard
 * counts exactly the cases they may see.
 */
describe('the dashboard', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const dashboardOf = async (who: string, organisation = org) => {
    const result = await server.gql<{ dashboard: Dashboard }>(
      DASHBOARD,
      {},
      { token: tokens[who], organisation: organisation.slug },
    );
    expect(result.errors, who).toBeUndefined();
    return result.data!.dashboard;
  };
  const stages = (dashboard: Dashboard) =>
    dashboard.stages.map((s) => `${s.track}:${s.stage}:${s.label.nl}:${s.count}`);

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.member = await signIn(server, commission.people.member!);
    tokens.otherDirector = await signIn(server, other.people.director!);

    const file = async (name: string, client: string) => {
      const filed = await server.gql<{ fileComplaint: { case: { id: string; version: number } } }>(
        FILE,
        { input: { complainant: 'client', parts: [{ summary: `Klacht ${name}` }] } },
        { token: tokens[client], organisation: org.slug },
      );
      ids[name] = filed.data!.fileComplaint.case.id;
      return filed.data!.fileComplaint.case;
    };
    const a1 = await file('a1', 'client');
    await file('a2', 'client');
    await file('a3', 'client');
    await file('b1', 'client2');
    await file('b2', 'client2');
    for (const name of ['a1', 'b1']) {
      await server.gql(
        ASSIGN,
        { caseId: ids[name], handlerId: org.people.handler!.id },
        { token: tokens.manager, organisation: org.slug },
      );
    }
    const acknowledged = await server.gql<{ performAction: { __typename: string } }>(
      PERFORM,
      { input: { caseId: a1.id, action: 'acknowledge', expectedVersion: a1.version } },
      { token: tokens.handler, organisation: org.slug },
    );
    expect(acknowledged.data?.performAction.__typename).toBe('CaseChanged');

    // Due dates and a closed case, set where they live: on the case rows; and a referral.
    const today = amsterdamDate(server.clock.now());
    await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, async (em) => {
      const row = (name: string) =>
        em.findOneOrFail(Case, { organisationId: org.id, id: ids[name]! });
      (await row('a1')).nextDueOn = addDays(today, 30);
      (await row('a2')).nextDueOn = addDays(today, -1);
      (await row('a3')).nextDueOn = addDays(today, 3);
      (await row('b1')).nextDueOn = addDays(today, 7);
      Object.assign(await row('b2'), { closed: true, stages: [], nextDueOn: addDays(today, -10) });
    });
    await referToCommission(server, org, ids.b1!, commission.id);
    await server.gql(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Elders' }] } },
      { token: await signIn(server, other.people.client!), organisation: other.slug },
    );
  });
  afterAll(() => server.close());

  it('shows management every case of the organisation, per stage with the procedure’s words', async () => {
    for (const who of ['director', 'manager']) {
      const dashboard = await dashboardOf(who);
      expect(dashboard).toMatchObject({ open: 4, closed: 1, overdue: 1, dueSoon: 2 });
      expect(stages(dashboard)).toEqual(['intern:ontvangen:Ontvangen:3', 'intern:horen:Horen:1']);
    }
  });

  it('counts for a handler only the cases assigned to them', async () => {
    const handler = await dashboardOf('handler');
    expect(handler).toMatchObject({ open: 2, closed: 0, overdue: 0, dueSoon: 1 });
    expect(stages(handler)).toEqual(['intern:ontvangen:Ontvangen:1', 'intern:horen:Horen:1']);
    expect(await dashboardOf('handler2')).toEqual({
      open: 0,
      closed: 0,
      overdue: 0,
      dueSoon: 0,
      stages: [],
    });
  });

  it('counts for a client only their own complaints', async () => {
    const client = await dashboardOf('client');
    expect(client).toMatchObject({ open: 3, closed: 0, overdue: 1, dueSoon: 1 });
    expect(stages(client)).toEqual(['intern:ontvangen:Ontvangen:2', 'intern:horen:Horen:1']);
    const client2 = await dashboardOf('client2');
    expect(client2).toMatchObject({ open: 1, closed: 1, overdue: 0, dueSoon: 1 });
  });

  it('counts for a commission member only what was referred to their commission', async () => {
    const member = await dashboardOf('member');
    expect(member).toMatchObject({ open: 1, closed: 0, overdue: 0, dueSoon: 1 });
    expect(stages(member)).toEqual(['intern:ontvangen:Ontvangen:1']);
  });

  it('never counts another organisation’s cases', async () => {
    const theirs = await dashboardOf('otherDirector', other);
    expect(theirs).toMatchObject({ open: 1, closed: 0 });
    const notMember = await server.gql(
      DASHBOARD,
      {},
      { token: tokens.otherDirector, organisation: org.slug },
    );
    expect(notMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
