import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { fileComplaintAs, uploadDocumentAs } from '../../../test/casework-fixtures.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { Case } from './case.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on ActionRefused {
        code
      }
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on ActionRefused {
        code
      }
    }
  }
`;

type Answer = {
  data?: { fileComplaint?: { __typename: string; code?: string } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

/**
 * Whatever arrives, wrong, too big, poisoned or forged, is answered with a clear error (or a
 * refusal as data) and leaves no trace but the access log.
 */
describe('bad input to fileComplaint and performAction', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let version: number;
  let foreignCaseId: string;
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  /** Everything a request could write in the organisation, except the access log. */
  const footprint = () =>
    withTenantTransaction(
      server.ownerOrm,
      { organisationId: org.id, userId: org.people.handler!.id },
      async (em) => ({
        cases: await em.count(Case, { organisationId: org.id }),
        events: await em.count(CaseEvent, { organisationId: org.id }),
        keys: await em.count(IdempotencyKey, { organisationId: org.id }),
        version: (await em.findOneOrFail(Case, { organisationId: org.id, id: caseId })).version,
      }),
    );

  const expectRefusedInput = (answer: Answer, label: string) => {
    expect(answer.errors?.[0]?.extensions?.code, label).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message, label).not.toMatch(/Something went wrong/);
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string; version: number } } }>(
      /* GraphQL */ `
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
      `,
      { input: { complainant: 'client', parts: [{ summary: 'Niet teruggebeld.' }] } },
      as('client'),
    );
    caseId = filed.data!.fileComplaint.case.id;
    version = filed.data!.fileComplaint.case.version;
    await server.gql(
      /* GraphQL */ `
        mutation Assign($caseId: ID!, $handlerId: ID!) {
          assignHandler(caseId: $caseId, handlerId: $handlerId) {
            id
          }
        }
      `,
      { caseId, handlerId: org.people.handler!.id },
      as('director'),
    );
    const foreign = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      /* GraphQL */ `
        mutation File($input: FileComplaintInput!) {
          fileComplaint(input: $input) {
            ... on CaseChanged {
              case {
                id
              }
            }
          }
        }
      `,
      { input: { complainant: 'client', parts: [{ summary: 'Elders.' }] } },
      { token: await signIn(server, other.people.client!), organisation: other.slug },
    );
    foreignCaseId = foreign.data!.fileComplaint.case.id;
    tokens.otherClient = await signIn(server, other.people.client!);
  });
  afterAll(() => server.close());

  it('refuses malformed complaints with BAD_USER_INPUT and files nothing', async () => {
    const before = await footprint();
    const part = { summary: 'Een gewone klacht.' };
    const inputs: [string, Record<string, unknown>][] = [
      ['complainant of the wrong type', { complainant: 5, parts: [part] }],
      ['parts of the wrong type', { complainant: 'client', parts: 'x' }],
      ['no parts', { complainant: 'client', parts: [] }],
      [
        'a date of the wrong shape',
        { complainant: 'client', parts: [part], eventDate: '1-2-2026' },
      ],
      ['an oversized summary', { complainant: 'client', parts: [{ summary: 'x'.repeat(5001) }] }],
      ['too many parts', { complainant: 'client', parts: Array.from({ length: 21 }, () => part) }],
      ['an oversized complainant', { complainant: 'c'.repeat(61), parts: [part] }],
      [
        'an oversized category',
        { complainant: 'client', parts: [part], category: 'k'.repeat(101) },
      ],
      ['a NUL byte in a summary', { complainant: 'client', parts: [{ summary: 'a\u0000b' }] }],
      ['a NUL byte in the complainant', { complainant: 'cli\u0000ent', parts: [part] }],
      ['a NUL byte in the entry', { complainant: 'client', entry: 'klacht\u0000', parts: [part] }],
      ['a NUL byte in a category', { complainant: 'client', category: 'k\u0000', parts: [part] }],
      [
        'a lone surrogate in a summary',
        { complainant: 'client', parts: [{ summary: 'a\uD800b' }] },
      ],
      [
        'a lone surrogate in a category',
        { complainant: 'client', category: 'k\uDC00', parts: [part] },
      ],
      ['a malformed client id', { complainant: 'client', clientId: 'client-1', parts: [part] }],
      [
        'a subject id that is a case',
        { complainant: 'client', subjectIds: [caseId], parts: [part] },
      ],
      [
        'a subject from another organisation',
        { complainant: 'client', subjectIds: [other.people.director!.id], parts: [part] },
      ],
    ];
    for (const [label, input] of inputs) {
      expectRefusedInput(await server.gql(FILE, { input }, as('client')), label);
    }
    // Staff registering for someone: the client must be a client here, not anyone with an id.
    for (const [label, clientId] of [
      ['a client of another organisation', other.people.client!.id],
      ['a case id as client', caseId],
      ['a handler as client', org.people.handler!.id],
    ] as const) {
      const answer = await server.gql(
        FILE,
        { input: { complainant: 'client', clientId, channel: 'phone', parts: [part] } },
        as('handler'),
      );
      expectRefusedInput(answer, label);
      expect(answer.errors?.[0]?.extensions?.field, label).toBe('clientId');
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses malformed actions and forged cases, and changes nothing', async () => {
    const before = await footprint();
    const base = { caseId, action: 'acknowledge', expectedVersion: version };
    const badInputs: [string, Record<string, unknown>][] = [
      ['a version of the wrong type', { ...base, expectedVersion: 'one' }],
      ['a negative version', { ...base, expectedVersion: -1 }],
      ['an action of the wrong type', { ...base, action: 42 }],
      ['an action that is not a name', { ...base, action: 'DROP TABLE cases' }],
      ['an oversized action name', { ...base, action: 'a'.repeat(61) }],
      ['a NUL byte in the action', { ...base, action: 'acknowledge\u0000' }],
      ['a payload that is not an object', { ...base, payload: 'acknowledge' }],
      ['a payload that is a list', { ...base, payload: ['acknowledge'] }],
      ['an oversized payload', { ...base, payload: { note: 'x'.repeat(100_001) } }],
      ['a NUL byte in the payload', { ...base, payload: { note: 'a\u0000b' } }],
      ['a NUL byte in a payload key', { ...base, payload: { 'no\u0000te': 'a' } }],
      ['a lone surrogate in the payload', { ...base, payload: { note: ['a\uDBFFb'] } }],
      ['a lone surrogate in a payload key', { ...base, payload: { 'no\uD800te': 'a' } }],
      ['a malformed case id', { ...base, caseId: 'case-1' }],
      ['a case id of the wrong type', { ...base, caseId: { id: caseId } }],
    ];
    for (const [label, input] of badInputs) {
      expectRefusedInput(await server.gql(PERFORM, { input }, as('handler')), label);
    }
    // Forged ids look exactly like a case that does not exist.
    const missing = await server.gql(
      PERFORM,
      { input: { ...base, caseId: randomUUID() } },
      as('handler'),
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const [label, forged] of [
      ['another organisation’s case', foreignCaseId],
      ['a user id', org.people.client!.id],
      ['the organisation’s id', org.id],
    ] as const) {
      const answer = await server.gql(
        PERFORM,
        { input: { ...base, caseId: forged } },
        as('handler'),
      );
      expect(answer, label).toEqual(missing);
    }
    // An action the procedure does not know is a refusal the UI can show, not a crash.
    const unknown = await server.gql<{ performAction: { __typename: string; code: string } }>(
      PERFORM,
      { input: { ...base, action: 'no-such-action' } },
      as('handler'),
    );
    expect(unknown.data?.performAction).toEqual({
      __typename: 'ActionRefused',
      code: 'unknown-action',
    });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a documents input naming anything but documents of the case the actor sees, and changes nothing', async () => {
    const report = (ids: unknown) => ({
      caseId,
      action: 'record-hearing',
      expectedVersion: version,
      payload: { report: ids },
    });
    const secondCase = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Een tweede klacht.' }],
    });
    const ofAnotherCase = await uploadDocumentAs(server, as('client'), secondCase);
    const ofAnotherOrganisation = await uploadDocumentAs(
      server,
      { token: tokens.otherClient, organisation: other.slug },
      foreignCaseId,
    );
    const internal = await uploadDocumentAs(server, as('handler'), caseId, 'internal');
    const before = await footprint();
    const forged = await server.gql(PERFORM, { input: report([randomUUID()]) }, as('handler'));
    expectRefusedInput(forged, 'a forged id');
    expect(forged.errors?.[0]?.extensions?.field).toBe('payload.report');
    for (const [label, ids] of [
      ['another case’s document', [ofAnotherCase]],
      ['another organisation’s document', [ofAnotherOrganisation]],
    ] as const) {
      const answer = await server.gql(PERFORM, { input: report(ids) }, as('handler'));
      // The same answer as for a forged id, apart from echoing the id given.
      expect(answer.errors?.[0]?.message, label).toBe(forged.errors?.[0]?.message);
      expect(answer.errors?.[0]?.extensions, label).toEqual({
        ...forged.errors?.[0]?.extensions,
        documentIds: ids,
      });
    }
    // A document the actor may not see is answered like one that does not exist.
    const hidden = await server.gql(PERFORM, { input: report([internal]) }, as('client'));
    const forgedByClient = await server.gql(
      PERFORM,
      { input: report([randomUUID()]) },
      as('client'),
    );
    expectRefusedInput(hidden, 'a hidden document');
    expect(hidden.errors?.[0]?.message).toBe(forgedByClient.errors?.[0]?.message);
    // The placeholders of the route helper, and ids that are no ids at all.
    for (const [label, ids] of [
      ['a placeholder id', ['stuk-1']],
      ['a number', [42]],
    ] as const) {
      expectRefusedInput(await server.gql(PERFORM, { input: report(ids) }, as('handler')), label);
    }
    expect(await footprint()).toEqual(before);
  });

  it('logs forged attempts as denied, without claiming a case that is not there', async () => {
    const entries = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.find(AccessLogEntry, {
        organisationId: org.id,
        userId: org.people.handler!.id,
        outcome: 'denied',
      }),
    );
    expect(entries.some((e) => e.caseId === foreignCaseId)).toBe(true);
    expect(entries.every((e) => e.action.startsWith('perform:'))).toBe(true);
  });
});
