import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  grantConfidant,
  referToCommission,
  uploadDocumentAs,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { CaseMessage } from './message.entity.js';

const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      body
      visibility
      addresseeId
      authorId
      onBehalfOfId
    }
  }
`;
const MESSAGES = /* GraphQL */ `
  query Messages($id: ID!) {
    case(id: $id) {
      id
      messages {
        body
        visibility
        addresseeId
      }
      timeline {
        type
        visibility
      }
    }
  }
`;

interface Seen {
  case: {
    messages: { body: string; visibility: string; addresseeId: string | null }[];
    timeline: { type: string; visibility: string }[];
  } | null;
}

/**
 * A complaint about two employees at Bureau MHR: the client and their confidant write, the
 * handler keeps notes and hears each employee separately, and each side reads only its own part.
 */
describe('messages on a case', () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;

  const as = (name: string) => ({ token: tokens[name], organisation: mhr.slug });
  const person = (name: string) => mhr.people[name]!.id;
  const post = (name: string, input: Record<string, unknown>) => {
    server.clock.advance(60_000);
    return server.gql<{ postMessage: { id: string; onBehalfOfId: string | null } }>(
      POST,
      { input: { caseId, ...input } },
      as(name),
    );
  };
  const seenBy = async (name: string) =>
    (await server.gql<Seen>(MESSAGES, { id: caseId }, as(name))).data?.case ?? null;

  beforeAll(async () => {
    server = await startTestServer();
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      employee2: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, mhr.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.member = await signIn(server, commission.people.member!);

    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Twee begeleiders spraken mij denigrerend aan.' }],
      subjectIds: [person('employee'), person('employee2')],
    });
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await grantConfidant(server, mhr, caseId, person('confidant'));
    await referToCommission(server, mhr, caseId, commission.id);
  });
  afterAll(() => server.close());

  it('lets each side post what is theirs to post', async () => {
    const byClient = await post('client', { body: 'Wanneer hoor ik iets?', visibility: 'SHARED' });
    expect(byClient.errors).toBeUndefined();
    expect(byClient.data!.postMessage.onBehalfOfId).toBeNull();
    const byConfidant = await post('confidant', {
      body: 'Namens de cliënt: graag een gesprek.',
      visibility: 'SHARED',
    });
    expect(byConfidant.data!.postMessage.onBehalfOfId).toBe(person('client'));
    const note = await post('handler', { body: 'Eerst collega’s horen.', visibility: 'INTERNAL' });
    expect(note.errors).toBeUndefined();
    const question = await post('handler', {
      body: 'Wilt u uw kant van het verhaal geven?',
      visibility: 'SUBJECT',
      addresseeId: person('employee'),
    });
    expect(question.errors).toBeUndefined();
    const statement = await post('employee', {
      body: 'Mijn verklaring: zo is het niet gegaan.',
      visibility: 'SUBJECT',
      addresseeId: person('employee'),
    });
    expect(statement.errors).toBeUndefined();
    const reply = await post('manager', { body: 'We plannen een gesprek.', visibility: 'SHARED' });
    expect(reply.errors).toBeUndefined();
  });

  it('shows the client and their confidant the shared messages and never an internal note', async () => {
    for (const name of ['client', 'confidant']) {
      const seen = await seenBy(name);
      expect(seen!.messages.map((m) => m.body)).toEqual([
        'Wanneer hoor ik iets?',
        'Namens de cliënt: graag een gesprek.',
        'We plannen een gesprek.',
      ]);
      expect(seen!.messages.every((m) => m.visibility === 'SHARED')).toBe(true);
    }
  });

  it('shows a subject only the messages addressed to them, including their own statement', async () => {
    const employee = await seenBy('employee');
    expect(employee!.messages).toEqual([
      {
        body: 'Wilt u uw kant van het verhaal geven?',
        visibility: 'SUBJECT',
        addresseeId: person('employee'),
      },
      {
        body: 'Mijn verklaring: zo is het niet gegaan.',
        visibility: 'SUBJECT',
        addresseeId: person('employee'),
      },
    ]);
    expect((await seenBy('employee2'))!.messages).toEqual([]);
  });

  it('shows staff on the case every message', async () => {
    for (const name of ['handler', 'manager', 'director'])
      expect((await seenBy(name))!.messages).toHaveLength(6);
  });

  it('shows nothing to another organisation or an unassigned handler, and nothing unbundled to the commission', async () => {
    expect(await seenBy('handler2')).toBeNull();
    const otherOrganisation = await server.gql<Seen>(
      MESSAGES,
      { id: caseId },
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(otherOrganisation.data?.case).toBeNull();
    const member = await server.gql<Seen>(
      MESSAGES,
      { id: caseId },
      { token: tokens.member, organisation: mhr.slug },
    );
    expect(member.data?.case?.messages).toEqual([]);
  });

  it('appends a timeline event with the same audience as each message', async () => {
    const posted = (seen: Seen['case']) =>
      seen!.timeline.filter((event) => event.type === 'message-posted').map((e) => e.visibility);
    expect(posted(await seenBy('client'))).toEqual(['shared', 'shared', 'shared']);
    expect(posted(await seenBy('employee'))).toEqual(['subject', 'subject']);
    expect(posted(await seenBy('employee2'))).toEqual([]);
    expect(posted(await seenBy('handler'))).toHaveLength(6);
  });

  it('refuses a message the viewer may not post as if the case did not exist, and logs it', async () => {
    const refusals = await Promise.all([
      post('client', { body: 'Intern?', visibility: 'INTERNAL' }),
      post('client', { body: 'Aan u', visibility: 'SUBJECT', addresseeId: person('employee') }),
      post('confidant', { body: 'Intern?', visibility: 'INTERNAL' }),
      post('employee', { body: 'Aan iedereen', visibility: 'SHARED' }),
      post('employee', {
        body: 'Aan mijn collega',
        visibility: 'SUBJECT',
        addresseeId: person('employee2'),
      }),
      // The referred commission's requests for information are its own story
      // (commission-workspace.int.spec.ts); a commission without a referral is refused there.
      post('handler2', { body: 'Niet mijn zaak', visibility: 'INTERNAL' }),
      server.gql(
        POST,
        { input: { caseId, body: 'Elders', visibility: 'SHARED' } },
        { token: tokens.otherDirector, organisation: other.slug },
      ),
    ]);
    for (const refusal of refusals) expect(refusal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await server.gql(
      POST,
      {
        input: { caseId: '00000000-0000-4000-8000-000000000000', body: 'x', visibility: 'SHARED' },
      },
      as('client'),
    );
    expect(missing.errors?.[0]?.message).toBe(refusals[0]!.errors?.[0]?.message);
    const denied = await withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, (em) =>
      em.count(AccessLogEntry, { caseId, action: 'post-message', outcome: 'denied' }),
    );
    expect(denied).toBe(6);
    expect((await seenBy('handler'))!.messages).toHaveLength(6);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const messagesBefore = await countRows(server, mhr, CaseMessage);
    const eventsBefore = await countRows(server, mhr, CaseEvent);
    const foreignMessage = (
      await post('handler', { body: 'Nog een notitie', visibility: 'INTERNAL' })
    ).data!.postMessage.id;
    const cases = [
      { body: 'a\u0000b', visibility: 'SHARED' },
      { body: 'x'.repeat(10_001), visibility: 'SHARED' },
      { body: '   ', visibility: 'SHARED' },
      { body: 'Aan wie?', visibility: 'SUBJECT' },
      { body: 'Gedeeld, met adres', visibility: 'SHARED', addresseeId: person('employee') },
      // Addressed to someone who is no subject of this case: the client, or a person elsewhere.
      { body: 'Aan de cliënt', visibility: 'SUBJECT', addresseeId: person('client') },
      { body: 'Elders', visibility: 'SUBJECT', addresseeId: other.people.director!.id },
      { body: 'Geen zichtbaarheid', visibility: 'EVERYONE' },
    ];
    for (const input of cases) {
      const result = await post('handler', input);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 60)).toBe(
        'BAD_USER_INPUT',
      );
    }
    const notACase = await server.gql(
      POST,
      { input: { caseId: 'not-a-case', body: 'x', visibility: 'SHARED' } },
      as('handler'),
    );
    expect(notACase.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The id of a message is no case id.
    const wrongType = await server.gql(
      POST,
      { input: { caseId: foreignMessage, body: 'x', visibility: 'INTERNAL' } },
      as('handler'),
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await countRows(server, mhr, CaseMessage)).toBe(messagesBefore + 1);
    expect(await countRows(server, mhr, CaseEvent)).toBe(eventsBefore + 1);
  });

  describe('with documents attached', () => {
    const ATTACHMENTS = /* GraphQL */ `
      query Attachments($id: ID!) {
        case(id: $id) {
          messages {
            body
            documentIds
          }
        }
      }
    `;
    let shared: string;
    let internal: string;
    let elsewhere: string;

    beforeAll(async () => {
      shared = await uploadDocumentAs(server, as('client'), caseId, 'shared', 'foto.txt');
      internal = await uploadDocumentAs(server, as('handler'), caseId, 'internal', 'notitie.txt');
      const otherCase = await fileComplaintAs(server, as('client'), {
        parts: [{ summary: 'Een tweede klacht.' }],
      });
      elsewhere = await uploadDocumentAs(server, as('client'), otherCase, 'shared', 'ander.txt');
    });

    const attachmentsSeenBy = async (name: string) =>
      (
        await server.gql<{ case: { messages: { body: string; documentIds: string[] }[] } | null }>(
          ATTACHMENTS,
          { id: caseId },
          as(name),
        )
      ).data?.case?.messages.filter((message) => message.documentIds.length > 0) ?? null;

    it('carries documents of the case that the poster and every reader may see', async () => {
      const byClient = await post('client', {
        body: 'Hierbij de foto.',
        visibility: 'SHARED',
        documentIds: [shared],
      });
      expect(byClient.errors).toBeUndefined();
      const note = await post('handler', {
        body: 'Zie foto en notitie.',
        visibility: 'INTERNAL',
        documentIds: [shared, internal, shared],
      });
      expect(note.errors).toBeUndefined();
      expect(await attachmentsSeenBy('client')).toEqual([
        { body: 'Hierbij de foto.', documentIds: [shared] },
      ]);
      expect(await attachmentsSeenBy('handler')).toEqual([
        { body: 'Hierbij de foto.', documentIds: [shared] },
        // Repeated ids are attached once.
        { body: 'Zie foto en notitie.', documentIds: [shared, internal] },
      ]);
      expect(await attachmentsSeenBy('employee')).toEqual([]);
    });

    it('refuses a forged id, another case’s document, one the poster cannot see or a reader may not, and writes nothing', async () => {
      const messagesBefore = await countRows(server, mhr, CaseMessage);
      const eventsBefore = await countRows(server, mhr, CaseEvent);
      const attempts: [string, Record<string, unknown>][] = [
        ['client', { visibility: 'SHARED', documentIds: [randomUUID()] }],
        ['client', { visibility: 'SHARED', documentIds: [elsewhere] }],
        ['client', { visibility: 'SHARED', documentIds: [shared, internal] }],
        ['handler', { visibility: 'SHARED', documentIds: [internal] }],
        [
          'handler',
          { visibility: 'SUBJECT', addresseeId: person('employee'), documentIds: [shared] },
        ],
        ['handler', { visibility: 'INTERNAL', documentIds: ['stuk-1'] }],
        [
          'handler',
          { visibility: 'INTERNAL', documentIds: Array.from({ length: 51 }, () => shared) },
        ],
      ];
      const refusals = [];
      for (const [name, input] of attempts) {
        const result = await post(name, { body: 'Met bijlage', ...input });
        const extensions = result.errors?.[0]?.extensions;
        expect(extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
        // Named as the field, or (when the ids are malformed) as the path of each problem.
        expect(JSON.stringify(extensions)).toMatch(/"(field|path)":"documentIds/);
        refusals.push(result.errors![0]!.message);
      }
      // A document the client may not see is refused exactly like one that does not exist.
      expect(refusals[2]).toBe(refusals[0]);
      expect(refusals[1]).toBe(refusals[0]);
      expect(await countRows(server, mhr, CaseMessage)).toBe(messagesBefore);
      expect(await countRows(server, mhr, CaseEvent)).toBe(eventsBefore);
    });
  });
});
