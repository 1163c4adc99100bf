import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
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
    dashboard {
      open
    }
  }
`;
const SET = /* GraphQL */ `
  mutation Set($enabled: Boolean!) {
    setHandlerIntakeQueue(enabled: $enabled) {
      handlerIntakeQueue
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
const ME = /* GraphQL */ `
  query {
    me {
      activeOrganisation {
        handlerIntakeQueue
      }
    }
  }
`;

/** The intake queue: handlers pick up what nobody handles yet, only where the director allows it. */
describe('the handlers’ intake queue', () => {
  let server: TestServer;
  let care: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let otherCaseId: string;

  const as = (name: string, organisation = care) => ({
    token: tokens[`${organisation.slug}:${name}`],
    organisation: organisation.slug,
  });
  const seenBy = async (name: string, organisation = care) => {
    const one = await server.gql<{ case: { id: string; handlerIds: string[] | null } | null }>(
      CASE,
      { id: organisation === care ? caseId : otherCaseId },
      as(name, organisation),
    );
    const list = await server.gql<{
      cases: { totalCount: number; edges: { node: { id: string } }[] };
      dashboard: { open: number };
    }>(LIST, {}, as(name, organisation));
    // The dashboard counts from its own view of the cases, with the same filter.
    expect(list.data!.dashboard.open).toBe(list.data!.cases.totalCount);
    expect(one.errors).toBeUndefined();
    expect(list.errors).toBeUndefined();
    return {
      case: one.data!.case,
      listed: list.data!.cases.edges.map((edge) => edge.node.id),
      count: list.data!.cases.totalCount,
    };
  };
  const setQueue = (enabled: boolean, name = 'director', organisation = care) =>
    server.gql<{ setHandlerIntakeQueue: { handlerIntakeQueue: boolean } }>(
      SET,
      { enabled },
      as(name, organisation),
    );
  const file = async (organisation: ArrangedOrganisation, subjectIds: string[]) => {
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: { complainant: 'client', parts: [{ summary: 'Niemand belde terug.' }], subjectIds },
      },
      as('client', organisation),
    );
    expect(filed.errors).toBeUndefined();
    return filed.data!.fileComplaint.case.id;
  };

  beforeAll(async () => {
    server = await startTestServer();
    care = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    for (const organisation of [care, other]) {
      await publishTemplate(
        server.ownerOrm,
        organisation,
        'bureau-mhr',
        organisation.people.director!,
      );
      for (const name of Object.keys(organisation.people))
        tokens[`${organisation.slug}:${name}`] = await signIn(server, organisation.people[name]!);
    }
    caseId = await file(care, [care.people.employee!.id]);
    otherCaseId = await file(other, []);
  });
  afterAll(() => server.close());

  it('shows a handler no unassigned case while the organisation has the queue off', async () => {
    expect(await seenBy('handler')).toEqual({ case: null, listed: [], count: 0 });
    const me = await server.gql<{ me: { activeOrganisation: { handlerIntakeQueue: boolean } } }>(
      ME,
      {},
      as('handler'),
    );
    expect(me.data!.me.activeOrganisation.handlerIntakeQueue).toBe(false);
  });

  it('lets only the director change the setting, and logs every attempt', async () => {
    for (const name of ['handler', 'manager', 'client']) {
      const refused = await setQueue(true, name);
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
    }
    expect(await seenBy('handler')).toEqual({ case: null, listed: [], count: 0 });
    const log = await withTenantTransaction(server.ownerOrm, { organisationId: care.id }, (em) =>
      em.find(AccessLogEntry, { action: { $like: 'set-handler-intake-queue%' } }),
    );
    expect(log.map((entry) => entry.outcome)).toEqual(['denied', 'denied', 'denied']);
  });

  it('changes nothing for another organisation’s handlers', async () => {
    const turnedOn = await setQueue(true, 'director', other);
    expect(turnedOn.data?.setHandlerIntakeQueue.handlerIntakeQueue).toBe(true);
    expect(await seenBy('handler')).toEqual({ case: null, listed: [], count: 0 });
    // …while in that organisation its own handler now sees its own unassigned case, and only that.
    expect(await seenBy('handler', other)).toEqual({
      case: { id: otherCaseId, handlerIds: [] },
      listed: [otherCaseId],
      count: 1,
    });
  });

  it('shows every handler the unassigned case as staff once the director turns the queue on', async () => {
    const turnedOn = await setQueue(true);
    expect(turnedOn.errors).toBeUndefined();
    expect(turnedOn.data!.setHandlerIntakeQueue.handlerIntakeQueue).toBe(true);
    for (const name of ['handler', 'handler2']) {
      expect(await seenBy(name), name).toEqual({
        // Internal fields too: the handler reads it as staff.
        case: { id: caseId, handlerIds: [] },
        listed: [caseId],
        count: 1,
      });
    }
    // The handler the complaint is about stays recused: the case itself, nothing internal.
    expect(await seenBy('employee')).toEqual({
      case: { id: caseId, handlerIds: null },
      listed: [caseId],
      count: 1,
    });
  });

  it('takes the case out of the queue once a handler is assigned', async () => {
    const assigned = await server.gql(
      ASSIGN,
      { caseId, handlerId: care.people.handler2!.id },
      as('manager'),
    );
    expect(assigned.errors).toBeUndefined();
    expect(await seenBy('handler')).toEqual({ case: null, listed: [], count: 0 });
    expect((await seenBy('handler2')).count).toBe(1);
  });

  it('closes the queue again when the director turns it off', async () => {
    const fresh = await file(care, []);
    expect((await seenBy('handler')).listed).toEqual([fresh]);
    await setQueue(false);
    expect(await seenBy('handler')).toEqual({ case: null, listed: [], count: 0 });
  });
});
