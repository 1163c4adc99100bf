import { addDays, amsterdamDate } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type GraphqlResponse,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { Case } from './case.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
          reference
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
const INBOX = /* GraphQL */ `
  query Inbox($filter: CaseFilter, $order: CaseOrder, $first: Int!, $after: Cursor) {
    cases(filter: $filter, order: $order, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
        }
      }
    }
  }
`;
interface Inbox {
  cases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string } }[];
  };
}

/**
 * The staff inbox over six complaints with due dates set where they live: urgent first, every
 * filter narrowing only what the viewer may already see, pages that join up.
 */
describe('the inbox', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const names = (list: string[]) =>
    list.map((id) => Object.keys(ids).find((name) => ids[name] === id) ?? id);

  const inbox = async (
    who: string,
    variables: Record<string, unknown> = {},
    organisation = org,
  ): Promise<string[]> => {
    const result = await server.gql<Inbox>(
      INBOX,
      { first: 50, ...variables },
      { token: tokens[who], organisation: organisation.slug },
    );
    expect(result.errors, who).toBeUndefined();
    expect(result.data!.cases.totalCount).toBe(result.data!.cases.edges.length);
    return names(result.data!.cases.edges.map((edge) => edge.node.id));
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
      member: ['commission'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);

    const summaries: Record<string, string> = {
      late: 'De maaltijden waren koud',
      soon: 'Niemand nam de telefoon op',
      later: 'Het 100% vergeten rooster',
      undated: 'Mijn dossier was zoek',
      closed: 'Afgehandeld verhaal',
      phone: 'Telefonisch gemeld probleem',
    };
    for (const [name, summary] of Object.entries(summaries)) {
      const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
        FILE,
        { input: { complainant: 'client', parts: [{ summary }] } },
        { token: tokens.client, organisation: org.slug },
      );
      ids[name] = filed.data!.fileComplaint.case.id;
      server.clock.advance(60_000); // one after the other, so "newest first" is defined
    }
    for (const name of ['late', 'soon'])
      await server.gql(
        ASSIGN,
        { caseId: ids[name], handlerId: org.people.handler!.id },
        { token: tokens.manager, organisation: org.slug },
      );
    const today = amsterdamDate(server.clock.now());
    await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, async (em) => {
      const row = (name: string) =>
        em.findOneOrFail(Case, { organisationId: org.id, id: ids[name]! });
      (await row('late')).nextDueOn = addDays(today, -2);
      (await row('soon')).nextDueOn = addDays(today, 3);
      Object.assign(await row('later'), { nextDueOn: addDays(today, 30), category: 'zorg' });
      (await row('undated')).nextDueOn = null;
      Object.assign(await row('closed'), { closed: true, stages: [], nextDueOn: null });
      Object.assign(await row('phone'), { channel: 'phone', nextDueOn: addDays(today, 30) });
    });
    await server.gql(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'De maaltijden elders' }] } },
      { token: await signIn(server, other.people.client!), organisation: other.slug },
    );
  });
  afterAll(() => server.close());

  it('puts what needs attention first: overdue, due soon, then by due date, undated last', async () => {
    // Same due date: newest first ('phone' was filed after 'later').
    expect(await inbox('manager', { order: 'URGENCY' })).toEqual([
      'late',
      'soon',
      'phone',
      'later',
      'closed',
      'undated',
    ]);
    expect(await inbox('manager', { order: 'URGENCY', filter: { closed: false } })).toEqual([
      'late',
      'soon',
      'phone',
      'later',
      'undated',
    ]);
  });

  it('pages through the urgent order without losing or repeating a case', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: GraphqlResponse<Inbox> = await server.gql<Inbox>(
        INBOX,
        { first: 2, after, order: 'URGENCY' },
        { token: tokens.director, organisation: org.slug },
      );
      const cases: Inbox['cases'] = result.data!.cases;
      expect(cases.totalCount).toBe(6);
      seen.push(...names(cases.edges.map((edge) => edge.node.id)));
      if (!cases.pageInfo.hasNextPage) break;
      after = cases.pageInfo.endCursor;
    }
    expect(seen).toEqual(['late', 'soon', 'phone', 'later', 'closed', 'undated']);
  });

  it('orders by reference, stage, handler and category, the cases without one last, and pages through each', async () => {
    // Filed in this order, so their references rise in it; `closed` is in no stage.
    const expected: Record<string, string[]> = {
      REFERENCE: ['late', 'soon', 'later', 'undated', 'closed', 'phone'],
      STAGE: ['phone', 'undated', 'later', 'soon', 'late', 'closed'],
      // The handler's two, newest first, then the unassigned.
      HANDLER: ['soon', 'late', 'phone', 'closed', 'undated', 'later'],
      CATEGORY: ['later', 'phone', 'closed', 'undated', 'soon', 'late'],
    };
    for (const [order, names_] of Object.entries(expected)) {
      expect(await inbox('manager', { order }), order).toEqual(names_);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: GraphqlResponse<Inbox> = await server.gql<Inbox>(
          INBOX,
          { first: 2, after, order },
          { token: tokens.director, organisation: org.slug },
        );
        expect(result.errors, order).toBeUndefined();
        seen.push(...names(result.data!.cases.edges.map((edge) => edge.node.id)));
        if (!result.data!.cases.pageInfo.hasNextPage) break;
        after = result.data!.cases.pageInfo.endCursor;
      }
      expect(seen, `${order} in pages`).toEqual(names_);
    }
    // A handler's own cases only, in the same order.
    expect(await inbox('handler', { order: 'HANDLER' })).toEqual(['soon', 'late']);
  });

  it('filters by overdue, due soon, handler, unassigned, category, channel and stage', async () => {
    expect(await inbox('manager', { filter: { overdue: true } })).toEqual(['late']);
    expect(await inbox('manager', { filter: { dueSoon: true } })).toEqual(['soon']);
    expect(
      await inbox('manager', { filter: { handlerId: org.people.handler!.id }, order: 'URGENCY' }),
    ).toEqual(['late', 'soon']);
    expect(await inbox('manager', { filter: { unassigned: true, closed: false } })).toEqual([
      'phone',
      'undated',
      'later',
    ]);
    expect(await inbox('manager', { filter: { category: 'zorg' } })).toEqual(['later']);
    expect(await inbox('manager', { filter: { channel: 'phone' } })).toEqual(['phone']);
    expect(
      await inbox('manager', { filter: { stage: 'intern:ontvangen', overdue: false } }),
    ).toEqual(['phone', 'undated', 'later', 'soon']);
  });

  it('searches the reference and the summaries, taking % and _ literally', async () => {
    expect(await inbox('manager', { filter: { search: 'MAALTIJDEN' } })).toEqual(['late']);
    expect(await inbox('manager', { filter: { search: '100%' } })).toEqual(['later']);
    expect(await inbox('manager', { filter: { search: '%' } })).toEqual(['later']);
    const reference = await server.gql<{ case: { reference: string } }>(
      'query($id: ID!) { case(id: $id) { reference } }',
      { id: ids.soon },
      { token: tokens.manager, organisation: org.slug },
    );
    expect(
      await inbox('manager', { filter: { search: reference.data!.case.reference.toLowerCase() } }),
    ).toEqual(['soon']);
  });

  it('narrows only what the viewer may see: a handler their own, no other organisation', async () => {
    expect(await inbox('handler', { order: 'URGENCY' })).toEqual(['late', 'soon']);
    expect(await inbox('handler', { filter: { unassigned: true } })).toEqual([]);
    expect(await inbox('handler2', { filter: { search: 'maaltijden' } })).toEqual([]);
    expect(await inbox('member', { filter: { overdue: true } })).toEqual([]);
    expect(await inbox('otherDirector', { filter: { search: 'maaltijden' } }, other)).toHaveLength(
      1,
    );
  });

  it('names the client and the flags to staff only, by id of a member they can look up', async () => {
    const HEADER = 'query($id: ID!) { case(id: $id) { clientId flags } }';
    const header = async (who: string) =>
      (
        await server.gql<{ case: { clientId: string | null; flags: string[] | null } | null }>(
          HEADER,
          { id: ids.late },
          { token: tokens[who], organisation: org.slug },
        )
      ).data?.case ?? null;
    for (const staff of ['handler', 'manager', 'director'])
      expect(await header(staff), staff).toEqual({ clientId: org.people.client!.id, flags: [] });
    expect(await header('client')).toEqual({ clientId: null, flags: null });
    expect(await header('handler2')).toBeNull();
    expect(await header('member')).toBeNull();
  });

  it('refuses bad filters and a cursor of another order before it looks at any case', async () => {
    const bad = async (variables: Record<string, unknown>) =>
      (
        await server.gql(
          INBOX,
          { first: 5, ...variables },
          { token: tokens.manager, organisation: org.slug },
        )
      ).errors?.[0]?.extensions;
    expect(await bad({ filter: { handlerId: 'nope' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await bad({ filter: { channel: 'pigeon' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad({ filter: { search: 'x'.repeat(101) } })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const newest = await server.gql<Inbox>(
      INBOX,
      { first: 1 },
      { token: tokens.manager, organisation: org.slug },
    );
    expect(
      await bad({ order: 'URGENCY', after: newest.data!.cases.pageInfo.endCursor }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
