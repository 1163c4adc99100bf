import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  grantConfidant,
} from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { notificationsAs } from '../../../test/notification-operations.js';
import { pdfText } from '../../../test/pdf-text.js';
import { bodyOf, startSmtpServer, type SmtpTestServer } from '../../../test/smtp-server.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import type { KlachtpadWorker } from '../../jobs.js';
import { buildKlachtpadSchema } from '../../schema.js';
import { dayOf, requestDue } from './data-request-clock.js';
import { dossierDocuments, selectionOf, type DossierDocuments } from './dossier-documents.js';
import type { DataExport } from './data-export.js';

const REQUEST_FIELDS = /* GraphQL */ `
  fragment Request on DataSubjectRequest {
    id
    kind
    status
    requesterId
    requesterName
    note
    receivedOn
    firstDueOn
    dueOn
    dueDerivation {
      nl
      en
    }
    overdue
    extension {
      months
      reason
    }
    decidedAt
    decidedById
    decisionReasons
    download {
      json
      pdf
    }
  }
`;
const REQUEST_ACCESS = /* GraphQL */ `
  mutation RequestAccess($input: DataAccessRequestInput) {
    requestDataAccess(input: $input) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const REQUEST_ERASURE = /* GraphQL */ `
  mutation RequestErasure($input: ErasureRequestInput!) {
    requestErasure(input: $input) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const MINE = /* GraphQL */ `
  query Mine {
    myDataSubjectRequests {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const STAFF_LIST = /* GraphQL */ `
  query Requests($status: DataSubjectRequestStatus) {
    dataSubjectRequests(status: $status) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const EXTEND = /* GraphQL */ `
  mutation Extend($input: ExtendDataSubjectRequestInput!) {
    extendDataSubjectRequest(input: $input) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const ANSWER = /* GraphQL */ `
  mutation Answer($id: ID!) {
    answerDataSubjectRequest(id: $id) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($input: DecideErasureRequestInput!) {
    decideErasureRequest(input: $input) {
      ...Request
    }
  }
  ${REQUEST_FIELDS}
`;
const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const SET_CONTACT = /* GraphQL */ `
  mutation Contact($input: SetContactPreferencesInput!) {
    setContactPreferences(input: $input) {
      emailConfirmed
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($token: String!) {
    confirmSafeEmail(token: $token) {
      emailConfirmed
    }
  }
`;
/** The portal's own reading of a case, written by hand: what the export must agree with. */
const PORTAL_CASE = /* GraphQL */ `
  query PortalCase($id: ID!) {
    case(id: $id) {
      id
      reference
      timeline {
        sequence
        type
        visibility
      }
      messages {
        id
        body
        visibility
      }
    }
  }
`;

interface RequestView {
  id: string;
  kind: 'ACCESS' | 'ERASURE';
  status: 'OPEN' | 'ANSWERED' | 'GRANTED' | 'REFUSED';
  requesterId: string;
  requesterName: string | null;
  receivedOn: string;
  firstDueOn: string;
  dueOn: string;
  dueDerivation: { nl: string; en: string };
  overdue: boolean;
  extension: { months: number; reason: string } | null;
  decidedAt: string | null;
  decidedById: string | null;
  decisionReasons: string | null;
  download: { json: string; pdf: string } | null;
}

const DAY_MS = 86_400_000;

/**
 * A client's own dossier under the AVG: asked for in the portal, with its own one-month clock and
 * a task for the handlers, answered with an export that is exactly the client's own view.
 */
describe('data-subject requests', () => {
  let server: TestServer;
  let smtp: SmtpTestServer;
  let worker: KlachtpadWorker;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let documents: DossierDocuments;
  /** The client's access log of a case up to a moment, with every field the schema has. */
  let accessLogUpTo: string;
  const tokens: Record<string, string> = {};
  const as = (name: string): Actor => ({ token: tokens[name], organisation: zorg.slug });
  const asOther = (name: string): Actor => ({
    token: tokens[`other:${name}`],
    organisation: other.slug,
  });
  const safeAddress = `ana-veilig-${Date.now()}@example.test`;
  let anaCase: string;
  let bramCase: string;
  let otherCase: string;
  let otherReference: string;
  let bramReference: string;

  async function until(condition: () => boolean | Promise<boolean>) {
    for (let round = 0; round < 200; round += 1) {
      if (await condition()) return;
      await worker.drain();
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await condition()).toBe(true);
  }

  /** Reads rows of one organisation as the schema owner (what the API does not show). */
  function ownerRows<T>(
    organisation: ArrangedOrganisation,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return withTenantTransaction(server.ownerOrm, { organisationId: organisation.id }, (em) =>
      em.execute<T[]>(sql, params),
    );
  }

  async function download(actor: Actor, path: string) {
    const response = await fetch(`${server.url}${path}`, {
      headers: {
        ...(actor.token ? { authorization: `Bearer ${actor.token}` } : {}),
        ...(actor.organisation ? { 'x-organisation': actor.organisation } : {}),
      },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    const schema = await buildKlachtpadSchema();
    documents = dossierDocuments(schema);
    accessLogUpTo = `query Log($caseId: ID!, $to: DateTime) { accessLog(caseId: $caseId, to: $to) ${selectionOf(
      schema,
      schema.getType('AccessLogEntry')!,
    )} }`;
    zorg = await arrangeOrganisation(server.ownerOrm, {
      ana: ['client'],
      bram: ['client'],
      carla: ['confidant'],
      dirk: ['confidant'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    // A name outside Windows-1252: the export keeps it as it is, in the JSON and the PDF.
    await withTenantTransaction(server.ownerOrm, { userId: zorg.people.ana!.id }, (em) =>
      em.execute(`update users set display_name = 'Ана Zoë Łukasz' where id = ?`, [
        zorg.people.ana!.id,
      ]),
    );
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    for (const name of Object.keys(zorg.people))
      tokens[name] = await signIn(server, zorg.people[name]!);
    for (const name of Object.keys(other.people))
      tokens[`other:${name}`] = await signIn(server, other.people[name]!);
    worker = await server.startWorker([zorg, other]);

    anaCase = await fileComplaintAs(server, as('ana'), {
      parts: [{ summary: 'Mijn begeleider kwam te laat op afspraken.' }],
    });
    await assignHandlerAs(server, as('manager'), anaCase, zorg.people.handler!.id);
    await grantConfidant(server, zorg, anaCase, zorg.people.carla!.id);
    for (const [body, visibility] of [
      ['Gedeeld: we plannen een gesprek.', 'SHARED'],
      ['Intern: geheime aantekening XK-17.', 'INTERNAL'],
    ] as const) {
      const posted = await server.gql(
        POST,
        { input: { caseId: anaCase, body, visibility } },
        as('handler'),
      );
      expect(posted.errors).toBeUndefined();
    }
    bramCase = await fileComplaintAs(server, as('bram'), {
      parts: [{ summary: 'Bram zijn eigen klacht QW-93.' }],
    });
    otherCase = await fileComplaintAs(server, asOther('client'), {
      parts: [{ summary: 'Klacht in een andere organisatie ZZ-41.' }],
    });
    bramReference = (
      await ownerRows<{ reference: string }>(zorg, 'select reference from cases where id = ?', [
        bramCase,
      ])
    )[0]!.reference;
    otherReference = (
      await ownerRows<{ reference: string }>(other, 'select reference from cases where id = ?', [
        otherCase,
      ])
    )[0]!.reference;

    // Ana may be mailed at a confirmed safe address.
    await server.gql(SET_CONTACT, { input: { channel: 'EMAIL', email: safeAddress } }, as('ana'));
    await until(() => smtp.to(safeAddress).length === 1);
    const token = /token=([A-Za-z0-9_-]+)/.exec(bodyOf(smtp.to(safeAddress)[0]!.raw))![1]!;
    const confirmed = await server.gql(CONFIRM, { token }, as('ana'));
    expect(confirmed.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('answers an access request within its clock with an export that is exactly the client’s own view', async () => {
    // The client asks in the portal; the clock is one month from receipt.
    const asked = await server.gql<{ requestDataAccess: RequestView }>(
      REQUEST_ACCESS,
      { input: { note: 'Alles wat u over mij heeft.' } },
      as('ana'),
    );
    expect(asked.errors).toBeUndefined();
    const request = asked.data!.requestDataAccess;
    const receivedOn = dayOf(server.clock.now());
    expect(request).toMatchObject({
      kind: 'ACCESS',
      status: 'OPEN',
      receivedOn,
      dueOn: requestDue({ receivedOn }),
      firstDueOn: requestDue({ receivedOn }),
      overdue: false,
      download: null,
    });
    expect(request.dueDerivation.nl).toContain(`+ 1 maand`);
    expect(request.dueOn > receivedOn).toBe(true);
    // A second one of the same kind while the first runs is refused.
    const again = await server.gql(REQUEST_ACCESS, {}, as('ana'));
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // The handler's task: in the app and by mail, with the day, not the client's words.
    await until(async () =>
      (await notificationsAs(server, as('handler'))).some(
        (n) => n.kind === 'data-request-received',
      ),
    );
    const handlerMails = () => smtp.to(zorg.people.handler!.email).map((mail) => bodyOf(mail.raw));
    await until(() => handlerMails().some((mail) => mail.includes('vraagt om inzage')));
    expect(handlerMails().some((mail) => mail.includes('Alles wat u over mij heeft'))).toBe(false);
    const listed = await server.gql<{ dataSubjectRequests: RequestView[] }>(
      STAFF_LIST,
      { status: 'OPEN' },
      as('handler'),
    );
    expect(listed.data!.dataSubjectRequests.map((r) => [r.id, r.requesterName, r.dueOn])).toEqual([
      [request.id, 'Ана Zoë Łukasz', request.dueOn],
    ]);

    // Only staff of this organisation see it; "not there" and "not yours" read the same.
    for (const actor of [as('ana'), as('carla'), as('dirk'), asOther('client')]) {
      const refused = await server.gql(STAFF_LIST, {}, actor);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const elsewhere = await server.gql<{ dataSubjectRequests: RequestView[] }>(
      STAFF_LIST,
      {},
      asOther('manager'),
    );
    expect(elsewhere.data!.dataSubjectRequests).toEqual([]);
    const foreign = await server.gql(ANSWER, { id: request.id }, asOther('handler'));
    const unknown = await server.gql(
      ANSWER,
      { id: '00000000-0000-4000-8000-000000000000' },
      asOther('handler'),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    const byClient = await server.gql(ANSWER, { id: request.id }, as('bram'));
    expect(byClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Only the client asks: a confidant, with or without a grant, cannot ask for them.
    for (const name of ['carla', 'dirk']) {
      const byConfidant = await server.gql(REQUEST_ACCESS, {}, as(name));
      expect(byConfidant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const theirs = await server.gql<{ myDataSubjectRequests: RequestView[] }>(MINE, {}, as(name));
      expect(theirs.data!.myDataSubjectRequests).toEqual([]);
    }
    const bramsOwn = await server.gql<{ myDataSubjectRequests: RequestView[] }>(
      MINE,
      {},
      as('bram'),
    );
    expect(bramsOwn.data!.myDataSubjectRequests).toEqual([]);

    // Nothing to download before the answer.
    const early = await download(as('ana'), `/data-exports/${request.id}/json`);
    expect(early.status).toBe(404);

    // The extension: once, up to two months, inside the first month, told to the client.
    const tooLong = await server.gql(
      EXTEND,
      { input: { id: request.id, months: 3, reason: 'Veel dossiers' } },
      as('handler'),
    );
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const extended = await server.gql<{ extendDataSubjectRequest: RequestView }>(
      EXTEND,
      { input: { id: request.id, months: 2, reason: 'Het dossier is omvangrijk.' } },
      as('handler'),
    );
    expect(extended.errors).toBeUndefined();
    const dueAfter = requestDue({
      receivedOn,
      extension: { months: 2, reason: 'x', toldOn: dayOf(server.clock.now()) },
    });
    expect(extended.data!.extendDataSubjectRequest).toMatchObject({
      dueOn: dueAfter,
      firstDueOn: request.firstDueOn,
      extension: { months: 2, reason: 'Het dossier is omvangrijk.' },
    });
    const twice = await server.gql(
      EXTEND,
      { input: { id: request.id, months: 1, reason: 'Nog eens' } },
      as('handler'),
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const toldInApp = (await notificationsAs(server, as('ana'))).find(
      (n) => n.kind === 'data-request-extended',
    );
    expect(toldInApp?.message.nl).toContain('Het dossier is omvangrijk.');
    await until(() => smtp.to(safeAddress).length === 2);
    const toldByMail = bodyOf(smtp.to(safeAddress)[1]!.raw);
    expect(toldByMail).toContain('Er is nieuws');
    expect(toldByMail).not.toContain('omvangrijk');

    // The client's own API view, read just before the answer.
    const ownAccount = await server.gql<Record<string, unknown>>(documents.account, {}, as('ana'));
    const ownCase = await server.gql<{ case: Record<string, unknown> }>(
      documents.case,
      { id: anaCase },
      as('ana'),
    );
    const portal = await server.gql<{
      case: { reference: string; timeline: unknown[]; messages: { body: string }[] };
    }>(PORTAL_CASE, { id: anaCase }, as('ana'));
    expect(ownCase.errors).toBeUndefined();
    expect(portal.data!.case.messages.map((m) => m.body)).toEqual([
      'Gedeeld: we plannen een gesprek.',
    ]);

    // The handler answers, within the clock.
    const answered = await server.gql<{ answerDataSubjectRequest: RequestView }>(
      ANSWER,
      { id: request.id },
      as('handler'),
    );
    expect(answered.errors).toBeUndefined();
    const answer = answered.data!.answerDataSubjectRequest;
    expect(answer.status).toBe('ANSWERED');
    expect(answer.decidedById).toBe(zorg.people.handler!.id);
    expect(dayOf(new Date(answer.decidedAt!)) <= answer.dueOn).toBe(true);
    const mine = await server.gql<{ myDataSubjectRequests: RequestView[] }>(MINE, {}, as('ana'));
    const links = mine.data!.myDataSubjectRequests[0]!.download!;
    expect(links).toEqual({
      json: `/data-exports/${request.id}/json`,
      pdf: `/data-exports/${request.id}/pdf`,
    });
    expect(mine.data!.myDataSubjectRequests[0]!.decidedById).toBeNull();

    // Nobody but the client downloads it, and it reads as if it did not exist.
    for (const actor of [
      as('bram'),
      as('carla'),
      as('handler'),
      as('director'),
      asOther('director'),
    ]) {
      expect((await download(actor, links.json)).status, JSON.stringify(actor)).toBe(404);
    }

    server.clock.advance(60_000);
    const json = await download(as('ana'), links.json);
    expect(json.status).toBe(200);
    expect(json.type).toContain('application/json');
    const exported = JSON.parse(json.bytes.toString('utf8')) as DataExport;
    server.clock.advance(60_000);

    // Exactly the client's own view: the account, the one case as `case(id)` shows it to them.
    expect(exported.account.me).toEqual(ownAccount.data!.me);
    expect(exported.account.myContactPreferences).toEqual(ownAccount.data!.myContactPreferences);
    expect(exported.cases.map((c) => c.case)).toEqual([ownCase.data!.case]);
    const exportedCase = exported.cases[0]!.case as { timeline: unknown[] };
    expect(exportedCase.timeline).toEqual(
      expect.arrayContaining(
        (portal.data!.case.timeline as object[]).map((entry) => expect.objectContaining(entry)),
      ),
    );
    expect(exportedCase.timeline).toHaveLength(portal.data!.case.timeline.length);
    // The access log of their case as they read it, up to the moment of the export.
    const ownLog = await server.gql<{ accessLog: unknown[] }>(
      accessLogUpTo,
      { caseId: anaCase, to: exported.generatedAt },
      as('ana'),
    );
    expect(exported.cases[0]!.accessLog).toEqual(ownLog.data!.accessLog);
    expect(exported.cases[0]!.accessLog.length).toBeGreaterThan(0);
    // No internal note, nothing of another client, nothing of another organisation.
    const text = json.bytes.toString('utf8');
    expect(text).not.toContain('XK-17');
    expect(text).not.toContain('QW-93');
    expect(text).not.toContain(bramReference);
    expect(text).not.toContain('ZZ-41');
    expect(text).not.toContain(otherReference);
    expect(text).not.toContain(zorg.people.bram!.email);
    expect(exported.account.me).toMatchObject({ displayName: 'Ана Zoë Łukasz' });
    expect(exported.request).toMatchObject({ id: request.id, dueOn: dueAfter });

    // The same as a PDF, laid out by the letters module.
    const pdf = await download(as('ana'), links.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfWords = await pdfText(pdf.bytes);
    expect(pdfWords).toContain((ownCase.data!.case as { reference: string }).reference);
    expect(pdfWords).toContain('Gedeeld: we plannen een gesprek.');
    expect(pdfWords).not.toContain('XK-17');
    // The letters module's embedded font prints the name as it is.
    expect(pdfWords).toContain('Ана Zoë Łukasz');

    // The access log says who answered and who downloaded.
    await worker.drain();
    const lines = await ownerRows<{ action: string; user_id: string; outcome: string }>(
      zorg,
      `select action, user_id, outcome from access_log
        where client_id = ? and action like '%data-%' order by occurred_at, action`,
      [zorg.people.ana!.id],
    );
    const allowed = lines.filter((row) => row.outcome === 'allowed');
    expect(allowed).toEqual(
      expect.arrayContaining([
        { action: 'request-data-access', user_id: zorg.people.ana!.id, outcome: 'allowed' },
        { action: 'answer-data-request', user_id: zorg.people.handler!.id, outcome: 'allowed' },
        { action: 'download-data-export:json', user_id: zorg.people.ana!.id, outcome: 'allowed' },
        { action: 'download-data-export:pdf', user_id: zorg.people.ana!.id, outcome: 'allowed' },
      ]),
    );
    // Refused attempts are in the log of the organisation they were made in.
    const refusedDownloads = await ownerRows<{ count: string }>(
      zorg,
      `select count(*) from access_log
        where action = 'download-data-export:json' and outcome = 'denied'`,
    );
    expect(Number(refusedDownloads[0]!.count)).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('records an erasure request and decides it with reasons, told to the client', async () => {
    const noNote = await server.gql(REQUEST_ERASURE, { input: { note: ' ' } }, as('bram'));
    expect(noNote.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const asked = await server.gql<{ requestErasure: RequestView }>(
      REQUEST_ERASURE,
      { input: { note: 'Verwijder mijn telefoonnummer.' } },
      as('bram'),
    );
    expect(asked.errors).toBeUndefined();
    const request = asked.data!.requestErasure;
    expect(request).toMatchObject({ kind: 'ERASURE', status: 'OPEN' });

    const answered = await server.gql(ANSWER, { id: request.id }, as('manager'));
    expect(answered.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const withoutReasons = await server.gql(
      DECIDE,
      { input: { id: request.id, granted: false, reasons: '' } },
      as('manager'),
    );
    expect(withoutReasons.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const decided = await server.gql<{ decideErasureRequest: RequestView }>(
      DECIDE,
      {
        input: {
          id: request.id,
          granted: false,
          reasons: 'Het dossier loopt nog; wij bewaren het tot de klacht is afgehandeld.',
        },
      },
      as('manager'),
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideErasureRequest).toMatchObject({
      status: 'REFUSED',
      decidedById: zorg.people.manager!.id,
    });
    const again = await server.gql(
      DECIDE,
      { input: { id: request.id, granted: true, reasons: 'Toch wel.' } },
      as('manager'),
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const mine = await server.gql<{ myDataSubjectRequests: RequestView[] }>(MINE, {}, as('bram'));
    expect(mine.data!.myDataSubjectRequests[0]).toMatchObject({
      status: 'REFUSED',
      decisionReasons: 'Het dossier loopt nog; wij bewaren het tot de klacht is afgehandeld.',
      download: null,
    });
    expect(
      (await notificationsAs(server, as('bram'))).some((n) => n.kind === 'erasure-decided'),
    ).toBe(true);
    // Bram's case is still Bram's: nothing of it was touched by the decision.
    const stillThere = await server.gql<{ case: { id: string } | null }>(
      PORTAL_CASE,
      { id: bramCase },
      as('bram'),
    );
    expect(stillThere.data!.case?.id).toBe(bramCase);
  }, 120_000);

  it('reminds the handlers before the day, flags a request past it, and refuses an extension after the first month', async () => {
    const asked = await server.gql<{ requestDataAccess: RequestView }>(
      REQUEST_ACCESS,
      {},
      as('bram'),
    );
    expect(asked.errors).toBeUndefined();
    const request = asked.data!.requestDataAccess;
    const remindersOf = async (kind: string) =>
      (await notificationsAs(server, as('manager'))).filter((n) => n.kind === kind).length;

    // A week before its day the handlers hear it falls due; once, however often the round runs.
    const dueAt = new Date(`${request.dueOn}T12:00:00Z`).getTime();
    server.clock.advanceTo(new Date(dueAt - 6 * DAY_MS));
    await worker.runTask('remind-data-requests');
    await worker.runTask('remind-data-requests');
    expect(await remindersOf('data-request-due')).toBe(1);

    // After its first month it can no longer be extended.
    server.clock.advanceTo(new Date(dueAt + DAY_MS));
    const late = await server.gql(
      EXTEND,
      { input: { id: request.id, months: 1, reason: 'Te laat bedacht' } },
      as('manager'),
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(late.errors?.[0]?.extensions?.reason).toBe('FIRST_MONTH_PASSED');

    // Past its day it is flagged, in the list and to the handlers.
    await worker.runTask('remind-data-requests');
    expect(await remindersOf('data-request-overdue')).toBe(1);
    const listed = await server.gql<{ dataSubjectRequests: RequestView[] }>(
      STAFF_LIST,
      { status: 'OPEN' },
      as('manager'),
    );
    expect(listed.data!.dataSubjectRequests.find((r) => r.id === request.id)?.overdue).toBe(true);
    // Another organisation's staff heard nothing of it.
    expect(
      (await notificationsAs(server, asOther('manager'))).filter((n) =>
        n.kind.startsWith('data-request'),
      ),
    ).toEqual([]);
  }, 120_000);
});
