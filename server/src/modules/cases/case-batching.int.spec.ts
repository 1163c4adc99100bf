import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const PAGE = /* GraphQL */ `
  query {
    cases(first: 20) {
      totalCount
      edges {
        node {
          id
          stages {
            label {
              nl
            }
          }
          timeline {
            type
          }
          availableActions {
            id
          }
          deadlines {
            due
          }
          handlerIds
          messages {
            body
          }
          meetings {
            id
          }
          measures {
            id
          }
          documents {
            id
          }
          responsible {
            stage
            assigneeName
          }
          pendingNotices {
            kind
          }
          consentsAwaited {
            extension
          }
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

/** A page of cases with everything a case list shows costs the same number of queries for 2 or 20 cases. */
describe('listing cases with their nested fields', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};

  const fileCases = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const filed = await server.gql<{
        fileComplaint: { __typename: string; case?: { id: string } };
      }>(
        FILE,
        { input: { complainant: 'client', parts: [{ summary: `Klacht ${i}` }] } },
        { token: tokens.client, organisation: org.slug },
      );
      expect(filed.data?.fileComplaint.__typename).toBe('CaseChanged');
      const caseId = filed.data!.fileComplaint.case!.id;
      // Each case a handler, so who is responsible reads a name (one more query, for the page).
      const assigned = await server.gql(
        ASSIGN,
        { caseId, handlerId: org.people.handler!.id },
        { token: tokens.director, organisation: org.slug },
      );
      expect(assigned.errors).toBeUndefined();
      // Each case its own shared message and internal note, so each must get exactly its own.
      for (const [who, visibility] of [
        ['client', 'SHARED'],
        ['director', 'INTERNAL'],
      ] as const) {
        const posted = await server.gql(
          POST,
          { input: { caseId, body: `${visibility} ${caseId}`, visibility } },
          { token: tokens[who], organisation: org.slug },
        );
        expect(posted.errors).toBeUndefined();
      }
    }
  };

  const queriesForPage = async (who: string, expectedCases: number) => {
    const { result, queries } = await server.countQueries(() =>
      server.gql<{
        cases: {
          edges: {
            node: {
              id: string;
              timeline: unknown[];
              messages: { body: string }[];
              responsible: { stage: string; assigneeName: string | null }[] | null;
            };
          }[];
        };
      }>(PAGE, {}, { token: tokens[who], organisation: org.slug }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.cases.edges).toHaveLength(expectedCases);
    expect(result.data!.cases.edges.every((e) => e.node.timeline.length > 0)).toBe(true);
    // Each case's own messages, with its own audience: the note only for staff. (The test clock
    // stands still, so both were posted at the same moment: compared as sets.)
    for (const { node } of result.data!.cases.edges) {
      expect(node.messages.map((m) => m.body).sort()).toEqual(
        who === 'client' ? [`SHARED ${node.id}`] : [`INTERNAL ${node.id}`, `SHARED ${node.id}`],
      );
      // Who is responsible, by name, for staff only.
      if (who === 'client') expect(node.responsible).toBeNull();
      else expect(node.responsible?.map((r) => r.assigneeName)).toContain('handler');
    }
    return queries;
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
  });
  afterAll(() => server.close());

  it('does not grow with the number of cases, for staff and for the client', async () => {
    await fileCases(2);
    const directorWithTwo = await queriesForPage('director', 2);
    const clientWithTwo = await queriesForPage('client', 2);
    await fileCases(18);
    const directorWithTwenty = await queriesForPage('director', 20);
    const clientWithTwenty = await queriesForPage('client', 20);
    expect(directorWithTwenty).toBe(directorWithTwo);
    expect(clientWithTwenty).toBe(clientWithTwo);
    // The whole page: session, organisation, list and count, versions, timelines, messages,
    // meetings, measures, documents, who is responsible (assignments, then their names), access
    // log.
    expect(directorWithTwenty).toBeLessThan(22);
  });

  it('sends a transaction’s connection one statement at a time, though the fields resolve together', async () => {
    // The pg client the server's ORM drives. pg 8 queues a query sent while another is still
    // running (and warns); pg 9 refuses it. Watch every call for one that overlaps another.
    const knexClient = server.runtimeOrm.em.getKnex().client as { driver: typeof pg };
    const prototype = knexClient.driver.Client.prototype as unknown as {
      query: (...args: unknown[]) => unknown;
    };
    const running = new WeakMap<object, number>();
    let overlapping = 0;
    const original = prototype.query;
    prototype.query = function (this: object, ...args: unknown[]) {
      const busy = running.get(this) ?? 0;
      if (busy > 0) overlapping += 1;
      running.set(this, busy + 1);
      const done = () => running.set(this, (running.get(this) ?? 1) - 1);
      const callback = args.findIndex((arg) => typeof arg === 'function');
      if (callback >= 0) {
        const given = args[callback] as (...results: unknown[]) => void;
        args[callback] = (...results: unknown[]) => {
          done();
          given(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) void result.then(done, done);
      else done();
      return result;
    };
    try {
      await queriesForPage('director', 20);
      await queriesForPage('client', 20);
    } finally {
      prototype.query = original;
    }
    expect(overlapping).toBe(0);
  });

  it('counts the cases only when the response asks for the total, and counts only what the viewer may see', async () => {
    const page = (fields: string, who: string) =>
      server.countQueries(() =>
        server.gql<{ cases: { totalCount?: number; edges: unknown[] } }>(
          `query { cases(first: 2) { ${fields} edges { node { id } } } }`,
          {},
          { token: tokens[who], organisation: org.slug },
        ),
      );
    const counting = (statements: string[]) => statements.filter((sql) => /count\(/i.test(sql));
    const without = await page('', 'director');
    expect(without.result.errors).toBeUndefined();
    expect(counting(without.statements)).toEqual([]);
    const withTotal = await page('totalCount', 'director');
    expect(counting(withTotal.statements)).toHaveLength(1);
    expect(withTotal.queries).toBe(without.queries + 1);
    const total = withTotal.result.data!.cases.totalCount!;
    expect(total).toBeGreaterThan(2);
    // Another organisation's director sees none of them, and its total says so.
    const other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    const outsider = await server.gql<{ cases: { totalCount: number; edges: unknown[] } }>(
      `query { cases(first: 2) { totalCount edges { node { id } } } }`,
      {},
      { token: await signIn(server, other.people.director!), organisation: other.slug },
    );
    expect(outsider.data!.cases).toEqual({ totalCount: 0, edges: [] });
  });

  it('loads the procedure version once, even when cases sit on different versions', async () => {
    const before = await queriesForPage('director', 20);
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await fileCases(1);
    // One more version in the same batched query; the count of statements stays the same.
    expect(await queriesForPage('director', 20)).toBe(before);
  });
});
