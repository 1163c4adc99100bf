import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAs, uploadDocumentAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';

const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      documentIds
    }
  }
`;
const MESSAGES = /* GraphQL */ `
  query Messages($id: ID!) {
    case(id: $id) {
      messages {
        id
        documentIds
      }
      timeline {
        sequence
      }
    }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($caseId: ID!, $items: [BundleItemInput!]!) {
    proposeBundleItems(caseId: $caseId, items: $items) {
      kind
      itemId
      status
    }
  }
`;

type Messages = {
  case: { messages: { id: string; documentIds: string[] }[]; timeline: { sequence: number }[] };
};

/**
 * Issue 15 item 12: the documents a message carries and the items a bundle proposal names are
 * foreign keys the database checks, so even a server bug cannot point a row at a missing item,
 * an item of another case, or one of another organisation.
 */
describe('references between case items, checked by the database', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, where = org) => ({ token: tokens[name], organisation: where.slug });
  let caseId: string;
  let secondCaseId: string;
  let otherCaseId: string;
  let shared: string;
  let internal: string;
  let secondCaseDocument: string;
  let otherOrgDocument: string;
  let sharedMessage: string;
  let noteMessage: string;

  /** Runs raw SQL as the runtime role, in one organisation's scope, as the server does. */
  const asRuntime = <T>(where: ArrangedOrganisation, sql: string, params: unknown[] = []) =>
    withTenantTransaction(
      server.runtimeOrm,
      { organisationId: where.id, userId: where.people.director!.id },
      (em) => em.execute<T[]>(sql, params),
    );
  /** The SQLSTATE a statement fails with as the runtime role, or 'ok'. */
  const failure = async (where: ArrangedOrganisation, sql: string, params: unknown[]) => {
    try {
      await asRuntime(where, sql, params);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      outsider: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.outsider = await signIn(server, other.people.outsider!);
    tokens.otherDirector = await signIn(server, other.people.director!);

    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'De zorg is te laat.' }],
    });
    secondCaseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Een tweede klacht.' }],
    });
    otherCaseId = await fileComplaintAs(server, as('outsider', other), {
      parts: [{ summary: 'Een klacht elders.' }],
    });
    shared = await uploadDocumentAs(server, as('director'), caseId, 'shared', 'foto.txt');
    internal = await uploadDocumentAs(server, as('director'), caseId, 'internal', 'notitie.txt');
    secondCaseDocument = await uploadDocumentAs(server, as('director'), secondCaseId, 'shared');
    otherOrgDocument = await uploadDocumentAs(
      server,
      as('otherDirector', other),
      otherCaseId,
      'shared',
    );

    const posted = await server.gql<{ postMessage: { id: string; documentIds: string[] } }>(
      POST,
      { input: { caseId, body: 'Hierbij de foto.', visibility: 'SHARED', documentIds: [shared] } },
      as('director'),
    );
    expect(posted.data?.postMessage.documentIds).toEqual([shared]);
    sharedMessage = posted.data!.postMessage.id;
    const note = await server.gql<{ postMessage: { id: string; documentIds: string[] } }>(
      POST,
      {
        input: {
          caseId,
          body: 'Zie notitie en foto.',
          visibility: 'INTERNAL',
          documentIds: [internal, shared],
        },
      },
      as('director'),
    );
    expect(note.data?.postMessage.documentIds).toEqual([internal, shared]);
    noteMessage = note.data!.postMessage.id;
  });
  afterAll(() => server.close());

  it('stores a message’s documents as rows and reads them back in their order, per audience', async () => {
    const rows = await asRuntime<{ message_id: string; document_id: string; position: number }>(
      org,
      'select message_id, document_id, position from case_message_documents where case_id = ? order by message_id, position',
      [caseId],
    );
    expect(rows).toHaveLength(3);
    const staff = await server.gql<Messages>(MESSAGES, { id: caseId }, as('director'));
    // Posted at the same instant: the order between the two messages is not the point.
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...staff.data!.case.messages].sort(byId)).toEqual(
      [
        { id: sharedMessage, documentIds: [shared] },
        { id: noteMessage, documentIds: [internal, shared] },
      ].sort(byId),
    );
    // The client sees the shared message and what it carries, never the note or its documents.
    const client = await server.gql<Messages>(MESSAGES, { id: caseId }, as('client'));
    expect(client.data?.case.messages).toEqual([{ id: sharedMessage, documentIds: [shared] }]);
    // Another organisation sees no case, and no rows.
    const outsider = await server.gql<Messages>(MESSAGES, { id: caseId }, as('outsider', other));
    expect(outsider.data?.case).toBeNull();
    expect(
      await asRuntime(other, 'select * from case_message_documents where case_id = ?', [caseId]),
    ).toEqual([]);
    // The array column is gone: the join table is the one truth.
    const columns = await asRuntime<{ column_name: string }>(
      org,
      "select column_name from information_schema.columns where table_name = 'case_messages'",
    );
    expect(columns.map((c) => c.column_name)).not.toContain('document_ids');
  });

  it('refuses a message document that is missing, of another case or of another organisation', async () => {
    const insert =
      'insert into case_message_documents (organisation_id, case_id, message_id, document_id, position) values (?, ?, ?, ?, 5)';
    // 23503: foreign key violation; 42501: the row-level security of the tenant.
    expect(await failure(org, insert, [org.id, caseId, sharedMessage, randomUUID()])).toBe('23503');
    expect(await failure(org, insert, [org.id, caseId, sharedMessage, secondCaseDocument])).toBe(
      '23503',
    );
    expect(
      await failure(org, insert, [org.id, secondCaseId, sharedMessage, secondCaseDocument]),
    ).toBe('23503');
    expect(await failure(org, insert, [org.id, caseId, sharedMessage, otherOrgDocument])).toBe(
      '23503',
    );
    expect(
      await failure(org, insert, [other.id, otherCaseId, sharedMessage, otherOrgDocument]),
    ).toBe('42501');
    expect(await failure(org, insert, [org.id, caseId, randomUUID(), shared])).toBe('23503');
  });

  it('answers an attachment of another case or organisation through the API as unknown, writing nothing', async () => {
    for (const documentId of [secondCaseDocument, otherOrgDocument, randomUUID()]) {
      const refused = await server.gql(
        POST,
        {
          input: {
            caseId,
            body: 'Met een vreemd stuk.',
            visibility: 'SHARED',
            documentIds: [documentId],
          },
        },
        as('director'),
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const rows = await asRuntime(org, 'select 1 from case_message_documents where case_id = ?', [
      caseId,
    ]);
    expect(rows).toHaveLength(3);
  });

  it('stores each bundle item in the column of its kind, as a foreign key into the case', async () => {
    const staff = await server.gql<Messages>(MESSAGES, { id: caseId }, as('director'));
    const sequence = String(staff.data!.case.timeline[0]!.sequence);
    const proposed = await server.gql<{
      proposeBundleItems: { kind: string; itemId: string; status: string }[];
    }>(
      PROPOSE,
      {
        caseId,
        items: [
          { kind: 'event', id: sequence },
          { kind: 'message', id: sharedMessage.toUpperCase() },
          { kind: 'document', id: shared },
        ],
      },
      as('director'),
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data?.proposeBundleItems).toEqual(
      expect.arrayContaining([
        { kind: 'event', itemId: sequence, status: 'proposed' },
        { kind: 'message', itemId: sharedMessage, status: 'proposed' },
        { kind: 'document', itemId: shared, status: 'proposed' },
      ]),
    );
    const rows = await asRuntime<Record<string, unknown>>(
      org,
      'select item_kind, event_sequence, message_id, document_id, item_id from bundle_proposals where case_id = ? order by item_kind',
      [caseId],
    );
    expect(rows).toEqual([
      {
        item_kind: 'document',
        event_sequence: null,
        message_id: null,
        document_id: shared,
        item_id: shared,
      },
      {
        item_kind: 'event',
        event_sequence: Number(sequence),
        message_id: null,
        document_id: null,
        item_id: sequence,
      },
      {
        item_kind: 'message',
        event_sequence: null,
        message_id: sharedMessage,
        document_id: null,
        item_id: sharedMessage,
      },
    ]);
    expect(
      await asRuntime(other, 'select * from bundle_proposals where case_id = ?', [caseId]),
    ).toEqual([]);
  });

  it('refuses a bundle proposal naming a missing item, one of another case or organisation, or the wrong kind', async () => {
    const insert = (column: string) =>
      `insert into bundle_proposals (organisation_id, id, case_id, item_kind, ${column}, proposed_by, proposed_at)
       values (?, ?, ?, ?, ?, ?, now())`;
    const by = org.people.director!.id;
    const attempt = (kind: string, column: string, value: unknown, kaseId = caseId) =>
      failure(org, insert(column), [org.id, randomUUID(), kaseId, kind, value, by]);
    expect(await attempt('message', 'message_id', randomUUID())).toBe('23503');
    expect(await attempt('document', 'document_id', secondCaseDocument)).toBe('23503');
    expect(await attempt('document', 'document_id', otherOrgDocument)).toBe('23503');
    expect(await attempt('event', 'event_sequence', 100000)).toBe('23503');
    // 23514: check violation — a message id under the document kind names nothing.
    expect(await attempt('document', 'message_id', sharedMessage)).toBe('23514');
    expect(await attempt('letter', 'document_id', shared)).toBe('23514');
    // The id shown is generated from the typed column and cannot be written.
    expect(await attempt('document', 'item_id', shared)).toBe('428C9');
  });
});
