// What the benchmark asks, once as GraphQL for Klachtpad and once as the ceiling's plain route
// (bench/ceiling.ts) for the same data. Each operation is a list of requests wrk sends round-robin.
import { randomUUID } from 'node:crypto';
import type { BenchOrganisation } from './generate.js';

export interface Person {
  token: string;
  organisation: string;
}

export interface OperationTarget {
  organisation: BenchOrganisation;
  manager: Person;
  handler: Person;
  client: Person;
  /** Takes the actions (the procedure gives the manager none on a new complaint). */
  director: Person;
  /** A case with a walked timeline, messages, deadlines and actions: the case page. */
  caseId: string;
  /** An action every fresh case offers, with a payload its inputs accept. */
  firstAction: { id: string; payload: Record<string, unknown> };
  /** Cases filed and not yet acted on: performAction moves each one on once. */
  freshCases: { id: string; version: number }[];
  freshCasesPerRun: number;
  /** How many of them earlier runs have used. */
  freshCasesTaken: number;
}

export interface Request {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Operation {
  name: string;
  requests(server: 'klachtpad' | 'ceiling', target: OperationTarget): Request[];
}

/** A list row: what the inbox shows of each case, with its timeline entries. */
export const INBOX = `query Inbox { cases(first: 20) { edges { node { id reference receivedOn closed stages { label { nl } } parts { summary } handlerIds timeline { type occurredAt } } } } }`;
export const CASE_PAGE = `query CasePage($id: ID!) { case(id: $id) { id reference version receivedOn closed stages { label { nl } } parts { summary } handlerIds timeline { sequence type occurredAt payload } deadlines { clock due explanation status } availableActions { id label { nl } inputs } messages { id body visibility postedAt } } }`;
export const ME = `{ me { id } }`;
export const PERFORM = `mutation Perform($input: PerformActionInput!) { performAction(input: $input) { __typename ... on CaseChanged { case { id version } } ... on ActionRefused { code } } }`;
export const POST = `mutation Post($input: PostMessageInput!) { postMessage(input: $input) { id } }`;
export const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { __typename ... on CaseChanged { case { id reference } } ... on ActionRefused { code } } }`;

function request(
  server: 'klachtpad' | 'ceiling',
  as: Person,
  route: string,
  graphql: { query: string; variables?: Record<string, unknown> },
): Request {
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${as.token}`,
    'X-Organisation': as.organisation,
  };
  return server === 'klachtpad'
    ? { path: '/graphql', headers, body: JSON.stringify(graphql) }
    : { path: route, headers, body: JSON.stringify(graphql.variables ?? {}) };
}

const many = (n: number, make: (i: number) => Request) =>
  Array.from({ length: n }, (_, i) => make(i));

export const OPERATIONS: Operation[] = [
  {
    name: 'inbox_manager',
    requests: (server, t) => [request(server, t.manager, '/inbox', { query: INBOX })],
  },
  {
    name: 'inbox_handler',
    requests: (server, t) => [request(server, t.handler, '/inbox', { query: INBOX })],
  },
  {
    name: 'case_page',
    requests: (server, t) => [
      request(server, t.manager, '/case', { query: CASE_PAGE, variables: { id: t.caseId } }),
    ],
  },
  { name: 'me', requests: (server, t) => [request(server, t.manager, '/me', { query: ME })] },
  {
    name: 'performAction',
    // Every run its own fresh cases, each moved on once (a repeat would be a conflict).
    requests: (server, t) => {
      const cases = t.freshCases.slice(t.freshCasesTaken, t.freshCasesTaken + t.freshCasesPerRun);
      t.freshCasesTaken += cases.length;
      if (cases.length === 0) throw new Error('out of fresh cases for performAction');
      return cases.map((kase) =>
        request(server, t.director, '/perform', {
          query: PERFORM,
          variables: {
            input: {
              caseId: kase.id,
              action: t.firstAction.id,
              payload: t.firstAction.payload,
              expectedVersion: kase.version,
            },
          },
        }),
      );
    },
  },
  {
    name: 'postMessage',
    requests: (server, t) =>
      many(50, (i) =>
        request(server, t.manager, '/message', {
          query: POST,
          variables: {
            input: {
              caseId: t.caseId,
              body: `Notitie ${i} ${randomUUID()}`,
              visibility: 'INTERNAL',
            },
          },
        }),
      ),
  },
  {
    name: 'fileComplaint',
    requests: (server, t) =>
      many(50, (i) =>
        request(server, t.client, '/file', {
          query: FILE,
          variables: {
            input: {
              complainant: 'client',
              parts: [{ summary: `Klacht ${i}: niet teruggebeld.` }],
            },
          },
        }),
      ),
  },
];
