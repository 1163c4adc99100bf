import { amsterdamMidnight } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAs, performActionsAs } from '../../../test/casework-fixtures.js';
import { overdueBackfillSql } from '../../migrations/0099-overdue-after-expiry.migration.js';
import {
  LONG_SESSIONS,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
  withOwnerClient,
} from '../../../test/harness.js';

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      version
      parts {
        id
      }
      deadlines {
        clock
        status
        due
      }
    }
  }
`;
const DASHBOARD = /* GraphQL */ `
  query {
    dashboard {
      open
      overdue
    }
  }
`;
const OVERDUE = /* GraphQL */ `
  query {
    cases(filter: { overdue: true }) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

interface Look {
  version: number;
  parts: { id: string }[];
  deadlines: { clock: string; status: string; due: string }[];
}

const DAY_MS = 86_400_000;

/**
 * A Wkkgz decision term that runs out with no decision (issue 8 §5): no job waits for it once it
 * expired, yet the case stays overdue on the dashboard and in the inbox until someone decides.
 */
describe('an expired, unanswered decision term', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  const overdue = async (name: string, organisation = org) => {
    const actor = { token: tokens[name], organisation: organisation.slug };
    const dashboard = await server.gql<{ dashboard: { overdue: number } }>(DASHBOARD, {}, actor);
    const list = await server.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      OVERDUE,
      {},
      actor,
    );
    expect(dashboard.errors).toBeUndefined();
    expect(list.errors).toBeUndefined();
    return {
      count: dashboard.data!.dashboard.overdue,
      ids: list.data!.cases.edges.map((edge) => edge.node.id),
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
  });
  afterAll(() => server.close());

  it('keeps the case overdue after the term expired, until the decision is recorded', async () => {
    const caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Niemand reageerde op mijn vraag.' }],
    });
    const filed = (await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('manager'))).data!
      .case;
    const term = filed.deadlines.find((deadline) => deadline.clock === 'beslistermijn')!;
    expect(term.status).toBe('running');
    expect(await overdue('manager')).toEqual({ count: 0, ids: [] });

    // Two days after the due date, the worker has let the term run out: nobody decided.
    const worker = await server.startWorker([org]);
    server.clock.advanceTo(new Date(Date.parse(amsterdamMidnight(term.due)) + 2 * DAY_MS));
    await worker.drain();
    const expired = (await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('manager'))).data!
      .case;
    expect(expired.deadlines.find((d) => d.clock === 'beslistermijn')!.status).toBe('expired');
    expect(await overdue('manager')).toEqual({ count: 1, ids: [caseId] });
    expect(await overdue('director')).toEqual({ count: 1, ids: [caseId] });
    // Another organisation's dashboard knows nothing of it.
    expect(await overdue('otherDirector', other)).toEqual({ count: 0, ids: [] });

    // A row written before migration 0099 forgot the expired term; the migration mends it.
    await withOwnerClient(async (client) => {
      await client.query(`select set_config('app.organisation_id', $1, false)`, [org.id]);
      await client.query(
        'update cases set next_due_on = null where organisation_id = $1 and id = $2',
        [org.id, caseId],
      );
    });
    expect(await overdue('manager')).toEqual({ count: 0, ids: [] });
    await withOwnerClient((client) => client.query(overdueBackfillSql(`select '${org.id}'::uuid`)));
    expect(await overdue('manager')).toEqual({ count: 1, ids: [caseId] });

    // The decision, late: the term stays expired, but the case is no longer overdue.
    await performActionsAs(server, caseId, expired.version, [
      [as('manager'), 'start-handling', {}],
      [
        as('director'),
        'record-decision',
        {
          outcomes: [{ part: expired.parts[0]!.id, outcome: 'gegrond' }],
          reasoning: 'Wij hadden eerder moeten reageren.',
          measures: [],
        },
      ],
    ]);
    const { ids } = await overdue('manager');
    expect(ids).not.toContain(caseId);
  });
});
