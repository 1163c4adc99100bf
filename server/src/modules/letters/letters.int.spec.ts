import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '@klachtpad/procedures';
import {
  arrangeOrganisation,
  publishDefinition,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { performActionsAs } from '../../../test/casework-fixtures.js';
import {
  GENERATE_LETTER as GENERATE,
  SEND_LETTER as SEND,
  type GeneratedLetter as Generated,
} from '../../../test/letter-operations.js';
import { pdfText } from '../../../test/pdf-text.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
          reference
          version
          parts {
            id
          }
        }
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
          version
          deadlines {
            clock
            due
          }
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
const CASE_DEADLINES = /* GraphQL */ `
  query CaseDeadlines($id: ID!) {
    case(id: $id) {
      version
      deadlines {
        due
      }
    }
  }
`;
const PENDING_NOTICES = /* GraphQL */ `
  query PendingNotices($id: ID!) {
    case(id: $id) {
      deadlines {
        due
      }
      pendingNotices {
        kind
        clock
        extension
        reason
        sendBefore
        newDue
        awaitsConsent
        owedTo {
          role
          personId
          name
        }
      }
    }
  }
`;
type PendingNotices = {
  case: {
    deadlines: { due: string }[];
    pendingNotices:
      | {
          kind: string;
          clock: string;
          extension: string;
          reason: string;
          sendBefore: string;
          newDue: string;
          awaitsConsent: boolean;
          owedTo: { role: string; personId: string | null; name: string | null }[];
        }[]
      | null;
  } | null;
};
const DOCUMENTS = /* GraphQL */ `
  query Documents($id: ID!) {
    case(id: $id) {
      documents {
        id
        kind
      }
      timeline {
        type
      }
    }
  }
`;

/** A Wkkgz complaint walked to its decision; the letters that follow, and who sees them when. */
describe('letters', () => {
  let server: TestServer;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let kase: { id: string; reference: string; version: number; parts: { id: string }[] };
  let outcomeLetterId: string;

  const as = (name: string, organisation = zorg) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });

  async function perform(name: string, action: string, payload: Record<string, unknown>) {
    const result = await server.gql<{
      performAction: { __typename: string; case?: { version: number } };
    }>(
      PERFORM,
      { input: { caseId: kase.id, action, expectedVersion: kase.version, payload } },
      as(name),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.performAction).toMatchObject({ __typename: 'CaseChanged' });
    kase.version = result.data!.performAction.case!.version;
  }

  async function generate(name: string, kind: string, organisation = zorg) {
    return server.gql<Generated>(
      GENERATE,
      { input: { caseId: kase.id, kind } },
      as(name, organisation),
    );
  }

  async function download(name: string, id: string) {
    const response = await fetch(`${server.url}/documents/${id}`, {
      headers: { authorization: `Bearer ${tokens[name]}`, 'x-organisation': zorg.slug },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  beforeAll(async () => {
    server = await startTestServer();
    zorg = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      jansen: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    for (const name of Object.keys(zorg.people))
      tokens[name] = await signIn(server, zorg.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    const filed = await server.gql<{ fileComplaint: { case: typeof kase } }>(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [
            { summary: 'Mijn medicatie werd twee keer vergeten.' },
            { summary: 'Niemand belde terug na mijn melding.' },
          ],
          subjectIds: [zorg.people.jansen!.id],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    kase = filed.data!.fileComplaint.case;
    await perform('manager', 'start-handling', {});
  });
  afterAll(() => server.close());

  it('refuses as data a letter the case cannot support yet', async () => {
    for (const [kind, code] of [
      ['OUTCOME', 'NO_OUTCOME'],
      ['EXTENSION', 'NO_EXTENSION'],
      ['DECISION', 'NO_DECISION'],
    ] as const) {
      const result = await generate('manager', kind);
      expect(result.errors).toBeUndefined();
      expect(result.data!.generateLetter).toMatchObject({ __typename: 'LetterRefused', code });
    }
  });

  it('drafts an extension notice with the new due date and how it was derived', async () => {
    await perform('director', 'extend-decision-term', {
      extension: {
        amount: 4,
        unit: 'weeks',
        reason: 'Wij willen eerst de medicatielijsten van beide weken naast elkaar leggen.',
      },
    });
    const result = await generate('director', 'EXTENSION');
    expect(result.errors).toBeUndefined();
    const letter = result.data!.generateLetter.document!;
    expect(letter).toMatchObject({ letterKind: 'extension', visibility: 'internal' });
    const text = await pdfText((await download('director', letter.id)).bytes);
    expect(text).toContain(kase.reference);
    expect(text).toContain('verlengen wij de termijn “Beslistermijn (Wkkgz)” met 4 weken');
    expect(text).toContain(
      'De reden: Wij willen eerst de medicatielijsten van beide weken naast elkaar leggen.',
    );
    expect(text).toMatch(/De nieuwe uiterste datum is \d{2}-\d{2}-\d{4}\./);
    // Until it is sent the extension waits for this very letter, and the derivation says so.
    expect(text).toMatch(/= ontvangen \d{2}-\d{2}-\d{4} \+ 6 weken; verlenging met 4 weken/);
    const newDue = /De nieuwe uiterste datum is (\d{2})-(\d{2})-(\d{4})\./.exec(text)!;
    const before = await server.gql<{ case: { version: number; deadlines: { due: string }[] } }>(
      CASE_DEADLINES,
      { id: kase.id },
      as('director'),
    );
    expect(before.data!.case.deadlines[0]!.due).not.toBe(`${newDue[3]}-${newDue[2]}-${newDue[1]}`);
    // Sent before the term ends: the extension takes effect, the deadline is the letter's date.
    const sent = await server.gql(SEND, { documentId: letter.id }, as('director'));
    expect(sent.errors).toBeUndefined();
    const after = await server.gql<{ case: { version: number; deadlines: { due: string }[] } }>(
      CASE_DEADLINES,
      { id: kase.id },
      as('director'),
    );
    expect(after.data!.case.deadlines[0]!.due).toBe(`${newDue[3]}-${newDue[2]}-${newDue[1]}`);
    kase.version = after.data!.case.version;
  });

  it('drafts the outcome letter after the decisions: a PDF with the reference, outcomes and reasoning', async () => {
    const [first, second] = kase.parts;
    await perform('director', 'record-decision', {
      outcomes: [
        {
          part: first!.id,
          outcome: 'gegrond',
          reasoning: 'De medicatielijst werd niet afgetekend.',
        },
        { part: second!.id, outcome: 'ongegrond' },
      ],
      reasoning: 'Wij hebben het dossier en de medicatielijsten van beide dagen nagekeken.',
      measures: [
        {
          description: 'Dubbele controle bij het uitdelen van medicatie',
          owner: 'Teamleider Noord',
          due: '2099-01-31',
          parts: [first!.id],
        },
      ],
    });
    const result = await generate('director', 'OUTCOME');
    expect(result.errors).toBeUndefined();
    const letter = result.data!.generateLetter.document!;
    expect(letter).toMatchObject({
      name: `Oordeel ${kase.reference}.pdf`,
      letterKind: 'outcome',
      visibility: 'internal',
    });
    outcomeLetterId = letter.id;

    const pdf = (await download('director', letter.id)).bytes;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(`Kenmerk: ${kase.reference}`);
    expect(text).toContain('Aan: client');
    expect(text).toContain('Uw klacht: Mijn medicatie werd twee keer vergeten.');
    expect(text).toContain('Oordeel: Gegrond');
    expect(text).toContain('Onderbouwing: De medicatielijst werd niet afgetekend.');
    expect(text).toContain('Oordeel: Ongegrond');
    expect(text).toContain('medicatielijsten van beide dagen nagekeken');
    expect(text).toContain(
      'Dubbele controle bij het uitdelen van medicatie (uiterlijk 31-01-2099)',
    );
    // The Wkkgz route after the decision, with its term (art. 18; the instantie's year).
    expect(text).toContain('Niet eens met dit oordeel?');
    expect(text).toContain(
      'binnen 12 maanden na de datum van deze brief voorleggen aan de geschilleninstantie waarbij wij zijn aangesloten',
    );
    // Nobody else's name: not the person complained about, not the owner of a measure.
    expect(text).not.toContain('jansen');
    expect(text).not.toContain('Teamleider Noord');
  });

  it('keeps a draft from the client until it is sent, then shares it once', async () => {
    const before = await server.gql<{ case: { documents: { id: string }[] } }>(
      DOCUMENTS,
      { id: kase.id },
      as('client'),
    );
    expect(before.data!.case.documents.map((d) => d.id)).not.toContain(outcomeLetterId);
    expect((await download('client', outcomeLetterId)).status).toBe(404);

    const sent = await server.gql<{ sendLetter: { visibility: string; sentAt: string } }>(
      SEND,
      { documentId: outcomeLetterId },
      as('director'),
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendLetter.visibility).toBe('shared');

    const after = await server.gql<{
      case: { documents: { id: string; kind: string }[]; timeline: { type: string }[] };
    }>(DOCUMENTS, { id: kase.id }, as('client'));
    // The client has the two letters sent to them: the extension notice and now this one.
    expect(after.data!.case.documents).toHaveLength(2);
    expect(after.data!.case.documents).toContainEqual({ id: outcomeLetterId, kind: 'letter' });
    expect(after.data!.case.documents.every((d) => d.kind === 'letter')).toBe(true);
    const types = after.data!.case.timeline.map((e) => e.type);
    expect(types).toContain('letter-sent');
    expect(types).not.toContain('letter-drafted');
    const download200 = await download('client', outcomeLetterId);
    expect(download200.status).toBe(200);
    expect(download200.headers.get('content-type')).toBe('application/pdf');

    const again = await server.gql(SEND, { documentId: outcomeLetterId }, as('director'));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets only staff of the case generate or send letters; the subject and others get NOT_FOUND', async () => {
    for (const [name, organisation] of [
      ['client', zorg],
      ['jansen', zorg],
      ['otherDirector', other],
    ] as const) {
      const generated = await generate(name, 'OUTCOME', organisation);
      expect(generated.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const sent = await server.gql(SEND, { documentId: outcomeLetterId }, as(name, organisation));
      expect(sent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const subjectView = await server.gql<{ case: { documents: unknown[] } }>(
      DOCUMENTS,
      { id: kase.id },
      as('jansen'),
    );
    expect(subjectView.data!.case.documents).toEqual([]);
  });
});

/**
 * Awb 9:11 lid 2: an extension is told to the complainant *and* the person complained about. The
 * notice to the client alone does not let it take effect; the letter to the subject, addressed to
 * them and seen by nobody on the client's side, does.
 */
describe('letters to the person complained about (Awb 9)', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, where = org) => ({ token: tokens[name], organisation: where.slug });
  let caseId: string;
  let version: number;

  const deadline = async () =>
    (
      await server.gql<{ case: { version: number; deadlines: { due: string }[] } }>(
        CASE_DEADLINES,
        { id: caseId },
        as('director'),
      )
    ).data!.case;
  const generate = (input: Record<string, unknown>, name = 'director', where = org) =>
    server.gql<Generated>(GENERATE, { input: { caseId, ...input } }, as(name, where));
  const download = async (name: string, id: string, where = org) => {
    const response = await fetch(`${server.url}/documents/${id}`, {
      headers: { authorization: `Bearer ${tokens[name]}`, 'x-organisation': where.slug },
    });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      employee: ['handler'],
      colleague: ['handler'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string; version: number } } }>(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [{ summary: 'De begeleider kwam drie keer niet opdagen.' }],
          subjectIds: [org.people.employee!.id],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    caseId = filed.data!.fileComplaint.case.id;
    const extended = await server.gql<{
      performAction: { __typename: string; case?: { version: number } };
    }>(
      PERFORM,
      {
        input: {
          caseId,
          action: 'extend-decision-term',
          expectedVersion: filed.data!.fileComplaint.case.version,
          payload: {
            extension: {
              amount: 4,
              unit: 'weeks',
              reason: 'Wij willen eerst de roosters van de afgelopen maand opvragen.',
            },
          },
        },
      },
      as('director'),
    );
    expect(extended.data?.performAction.__typename).toBe('CaseChanged');
    version = extended.data!.performAction.case!.version;
  });
  afterAll(() => server.close());

  const pendingAs = async (name: string, where = org) =>
    (await server.gql<PendingNotices>(PENDING_NOTICES, { id: caseId }, as(name, where))).data
      ?.case ?? null;
  /** Who has a view of the case without being its staff sees no notice; elsewhere, no case. */
  const expectNoNoticesForOthers = async () => {
    for (const name of ['client', 'employee']) {
      const seen = await pendingAs(name);
      expect(seen, name).not.toBeNull();
      expect(seen!.pendingNotices, name).toBeNull();
    }
    for (const [name, where] of [
      ['colleague', org],
      ['otherDirector', other],
    ] as const) {
      expect(await pendingAs(name, where), name).toBeNull();
    }
  };

  it('lets the extension wait for the subject’s notice, and take effect once it is sent', async () => {
    const before = await deadline();
    expect(before.version).toBe(version);
    // Recorded, not yet announced: the case owes the letter to the client and the subject, by
    // the due date as it stands.
    const owed = await pendingAs('director');
    const due = before.deadlines[0]!.due;
    expect(owed!.pendingNotices).toEqual([
      {
        kind: 'extension-letter',
        clock: expect.any(String),
        extension: expect.any(String),
        reason: 'Wij willen eerst de roosters van de afgelopen maand opvragen.',
        sendBefore: due,
        newDue: expect.any(String),
        awaitsConsent: false,
        owedTo: [
          { role: 'client', personId: org.people.client!.id, name: 'client' },
          { role: 'subject', personId: org.people.employee!.id, name: 'employee' },
        ],
      },
    ]);
    expect(owed!.pendingNotices![0]!.newDue > due).toBe(true);
    await expectNoNoticesForOthers();
    const toClient = await generate({ kind: 'EXTENSION' });
    expect(toClient.data?.generateLetter.__typename).toBe('LetterGenerated');
    const sentToClient = await server.gql(
      SEND,
      { documentId: toClient.data!.generateLetter.document!.id },
      as('director'),
    );
    expect(sentToClient.errors).toBeUndefined();
    // The client has been told; the person complained about not yet: the term stands, and the
    // notice is still owed to the subject alone.
    expect((await deadline()).deadlines[0]!.due).toBe(before.deadlines[0]!.due);
    expect((await pendingAs('director'))!.pendingNotices).toMatchObject([
      {
        kind: 'extension-letter',
        owedTo: [{ role: 'subject', personId: org.people.employee!.id, name: 'employee' }],
      },
    ]);
    await expectNoNoticesForOthers();

    const toSubject = await generate({ kind: 'EXTENSION', subjectId: org.people.employee!.id });
    expect(toSubject.data?.generateLetter.__typename).toBe('LetterGenerated');
    const letter = toSubject.data!.generateLetter.document!;
    const text = await pdfText((await download('director', letter.id)).bytes);
    expect(text).toContain('Aan: employee');
    expect(text).toContain('de klacht die over u is ingediend');
    expect(text).toContain(
      'De reden: Wij willen eerst de roosters van de afgelopen maand opvragen.',
    );
    expect(text).toMatch(/De nieuwe uiterste datum is \d{2}-\d{2}-\d{4}\./);
    const sent = await server.gql<{ sendLetter: { visibility: string } }>(
      SEND,
      { documentId: letter.id },
      as('director'),
    );
    expect(sent.data?.sendLetter.visibility).toBe('subject');
    const newDue = /De nieuwe uiterste datum is (\d{2})-(\d{2})-(\d{4})\./.exec(text)!;
    expect((await deadline()).deadlines[0]!.due).toBe(`${newDue[3]}-${newDue[2]}-${newDue[1]}`);
    // Everyone was told: nothing is owed any more.
    expect((await pendingAs('director'))!.pendingNotices).toEqual([]);
    await expectNoNoticesForOthers();

    // The subject reads their letter; the client, a colleague and another organisation do not.
    expect((await download('employee', letter.id)).status).toBe(200);
    expect((await download('client', letter.id)).status).toBe(404);
    expect((await download('colleague', letter.id)).status).toBe(404);
    expect((await download('otherDirector', letter.id, other)).status).toBe(404);
    const clientDocuments = await server.gql<{ case: { documents: { id: string }[] } }>(
      DOCUMENTS,
      { id: caseId },
      as('client'),
    );
    expect(clientDocuments.data!.case.documents.map((d) => d.id)).not.toContain(letter.id);
  });

  it('sends only the extension notice to a subject, and only to a subject of this case', async () => {
    for (const input of [
      { kind: 'EXTENSION', subjectId: org.people.colleague!.id },
      { kind: 'EXTENSION', subjectId: org.people.client!.id },
      { kind: 'DECISION', subjectId: org.people.employee!.id },
    ]) {
      const refused = await generate(input);
      expect(refused.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'subjectId',
      });
    }
    // The subject themself, and another organisation, draft no letters.
    const bySubject = await generate(
      { kind: 'EXTENSION', subjectId: org.people.employee!.id },
      'employee',
    );
    expect(bySubject.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const elsewhere = await generate(
      { kind: 'EXTENSION', subjectId: org.people.employee!.id },
      'otherDirector',
      other,
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

/**
 * A letter speaks the addressee's language and prints their name as it is written; a regime that
 * demands an appeal route gets no decision letter without one.
 */
describe('letters in the recipient’s language, with every name as it is written', () => {
  const LUKASZ = 'Łukasz Wąsowski';
  const MOHAMMED = 'محمد الأحمد';
  let server: TestServer;
  let zorg: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name], organisation: zorg.slug });

  /** Files a complaint for a client and walks it to the director's decision; returns its id. */
  async function decidedCase(client: string): Promise<{ id: string; reference: string }> {
    const filed = await server.gql<{
      fileComplaint: {
        case: { id: string; reference: string; version: number; parts: { id: string }[] };
      };
    }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'De avondmaaltijd kwam koud.' }] } },
      as(client),
    );
    expect(filed.errors).toBeUndefined();
    const kase = filed.data!.fileComplaint.case;
    await performActionsAs(server, kase.id, kase.version, [
      [as('manager'), 'start-handling', {}],
      [
        as('director'),
        'record-decision',
        {
          outcomes: [{ part: kase.parts[0]!.id, outcome: 'gegrond', reasoning: 'Klopt.' }],
          reasoning: 'Wij hebben de keuken gesproken.',
          measures: [
            {
              description: 'Warmhoudkar op de groep',
              owner: 'Keuken',
              due: '2099-01-31',
              parts: [kase.parts[0]!.id],
            },
          ],
        },
      ],
    ]);
    return kase;
  }

  async function outcomeLetter(caseId: string) {
    const result = await server.gql<Generated>(
      GENERATE,
      { input: { caseId, kind: 'OUTCOME' } },
      as('director'),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.generateLetter;
  }

  async function letterText(documentId: string): Promise<string> {
    const response = await fetch(`${server.url}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${tokens.director}`, 'x-organisation': zorg.slug },
    });
    expect(response.status).toBe(200);
    return pdfText(Buffer.from(await response.arrayBuffer()));
  }

  beforeAll(async () => {
    server = await startTestServer();
    zorg = await arrangeOrganisation(server.ownerOrm, {
      lukasz: ['client'],
      mohammed: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    // Their names as they write them (arranged accounts are named after their e-mail).
    for (const [name, displayName] of [
      ['lukasz', LUKASZ],
      ['mohammed', MOHAMMED],
    ] as const) {
      const { id } = zorg.people[name]!;
      await withTenantTransaction(server.ownerOrm, { userId: id }, (em) =>
        em.execute('update users set display_name = ? where id = ?', [displayName, id]),
      );
    }
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    for (const name of Object.keys(zorg.people))
      tokens[name] = await signIn(server, zorg.people[name]!);
    const english = await server.gql(
      /* GraphQL */ `
        mutation {
          setLanguage(language: EN) {
            id
          }
        }
      `,
      {},
      as('lukasz'),
    );
    expect(english.errors).toBeUndefined();
  });
  afterAll(() => server.close());

  it('writes to a client who chose English in English, with the route and its term, and prints Ł and ą', async () => {
    const kase = await decidedCase('lukasz');
    const letter = await outcomeLetter(kase.id);
    expect(letter.document!.name).toBe(`Decision ${kase.reference}.pdf`);
    const text = await letterText(letter.document!.id);
    expect(text).toContain(`Dear ${LUKASZ},`);
    expect(text).toContain(`To: ${LUKASZ}`);
    expect(text).toContain(`Reference: ${kase.reference}`);
    expect(text).toContain('Decision: Well-founded');
    expect(text).toContain('Warmhoudkar op de groep (by 31 January 2099)');
    expect(text).toMatch(
      /Date: \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    expect(text).toContain('Do you disagree with this decision?');
    expect(text).toContain(
      'you may put your complaint to the disputes body we are affiliated with within 12 months of the date of this letter',
    );
    expect(text).not.toContain('Beste');
    expect(text).not.toContain('?,');
  });

  it('prints an Arabic name in a Dutch letter with every letter of it, none replaced', async () => {
    const kase = await decidedCase('mohammed');
    const text = await letterText((await outcomeLetter(kase.id)).document!.id);
    expect(text).toContain('Beste ');
    // Extractors give right-to-left runs back in their own order (and split ligatures such as
    // lam-alef), so the check is on the letters themselves: each of the name, as often as in it,
    // in the line that greets the client.
    const greeting = text.slice(text.indexOf('Beste '), text.indexOf('Beste ') + 40);
    const count = (value: string) =>
      [...value].reduce<Record<string, number>>((counts, char) => {
        if (/\p{Script=Arabic}/u.test(char)) counts[char] = (counts[char] ?? 0) + 1;
        return counts;
      }, {});
    expect(count(greeting)).toEqual(count(MOHAMMED));
    // The standard fonts printed every letter they lacked as a question mark.
    expect(greeting).not.toContain('?');
  });

  it('refuses a decision letter without the appeal route the regime demands (a procedure published before the check)', async () => {
    const { appeal: _appeal, ...withoutRoute } = loadTemplate('wkkgz');
    await publishDefinition(server.ownerOrm, zorg, withoutRoute, zorg.people.director!);
    const kase = await decidedCase('mohammed');
    const refused = await outcomeLetter(kase.id);
    expect(refused).toMatchObject({ __typename: 'LetterRefused', code: 'NO_APPEAL_ROUTE' });
    expect(refused.message).toContain('geschilleninstantie');
  });
});
