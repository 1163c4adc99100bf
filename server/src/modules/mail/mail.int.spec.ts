import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignHandlerAs, fileComplaintAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import type { KlachtpadWorker } from '../../jobs.js';
import { bodyOf, startSmtpServer } from '../../../test/smtp-server.js';

const SET_CONTACT = /* GraphQL */ `
  mutation Contact($input: SetContactPreferencesInput!) {
    setContactPreferences(input: $input) {
      channel
      email
      emailConfirmed
      codeWord
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
const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const SAFE_CONTACT = /* GraphQL */ `
  query Safe($id: ID!) {
    case(id: $id) {
      safeContact {
        channel
        email
        emailConfirmed
        quietFrom
        quietTo
        codeWord
      }
    }
  }
`;

describe('e-mail through a real SMTP server, under each client’s safe contact', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: TestServer;
  let worker: KlachtpadWorker;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });
  const safeAddress = `veilig-${Date.now()}@example.test`;

  /** Lets the worker run until a condition holds (a retry waits for its backoff). */
  async function until(condition: () => boolean) {
    for (let round = 0; round < 200 && !condition(); round += 1) {
      await worker.drain();
      if (!condition()) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(condition()).toBe(true);
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      shelter: ['client'],
      safe: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      abroad: ['manager'],
      director: ['director'],
    });
    // One of them reads Klachtpad in English (`setLanguage`, stored with the person).
    await withTenantTransaction(server.ownerOrm, { userId: org.people.abroad!.id }, (em) =>
      em.execute(`update users set language = 'en' where id = ?`, [org.people.abroad!.id]),
    );
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    worker = await server.startWorker([org]);
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('sends nothing at all to a client who chose the portal only, and tells staff the reference and the step only', async () => {
    const caseId = await fileComplaintAs(server, as('shelter'), {
      parts: [{ summary: 'Mijn ex weet waar ik verblijf.' }],
    });
    await until(() => smtp.to(org.people.manager!.email).length > 0);
    expect(smtp.to(org.people.shelter!.email)).toEqual([]);
    const staffMail = bodyOf(smtp.to(org.people.manager!.email).at(-1)!.raw);
    expect(staffMail).toContain('Nieuwe klacht');
    expect(staffMail).not.toContain('Mijn ex weet waar ik verblijf');
    // Each in their own language.
    await until(() => smtp.to(org.people.abroad!.email).length > 0);
    const english = bodyOf(smtp.to(org.people.abroad!.email).at(-1)!.raw);
    expect(english).toContain('Subject: Klachtpad: news about a complaint');
    expect(english).toContain('New complaint');
    expect(english).not.toContain('Nieuwe klacht');
    expect(english).not.toContain('Mijn ex weet waar ik verblijf');
    // Production serves no development inbox.
    expect((await fetch(`${server.url}/dev/inbox`)).status).toBe(404);
    // Staff see how the client may (not) be reached, on the case.
    const seen = await server.gql<{ case: { safeContact: { channel: string } } }>(
      SAFE_CONTACT,
      { id: caseId },
      as('manager'),
    );
    expect(seen.data!.case.safeContact.channel).toBe('PORTAL');
    const client = await server.gql<{ case: { safeContact: unknown } }>(
      SAFE_CONTACT,
      { id: caseId },
      as('shelter'),
    );
    expect(client.data!.case.safeContact).toBeNull();
  });

  it('mails a client only at the address they confirmed, with their code word and nothing of the complaint or an internal note', async () => {
    const set = await server.gql<{ setContactPreferences: { emailConfirmed: boolean } }>(
      SET_CONTACT,
      { input: { channel: 'EMAIL', email: safeAddress, codeWord: 'zonnebloem' } },
      as('safe'),
    );
    expect(set.data!.setContactPreferences.emailConfirmed).toBe(false);
    // The confirmation link arrives at the address given, and nothing else goes there before.
    await until(() => smtp.to(safeAddress).length === 1);
    const confirmation = bodyOf(smtp.to(safeAddress)[0]!.raw);
    expect(confirmation).toContain('zonnebloem');
    const token = /token=([A-Za-z0-9_-]+)/.exec(confirmation)![1]!;
    const wrong = await server.gql(CONFIRM, { token: `${token}x` }, as('safe'));
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const someoneElse = await server.gql(CONFIRM, { token }, as('shelter'));
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const confirmed = await server.gql<{ confirmSafeEmail: { emailConfirmed: boolean } }>(
      CONFIRM,
      { token },
      as('safe'),
    );
    expect(confirmed.data!.confirmSafeEmail.emailConfirmed).toBe(true);

    const caseId = await fileComplaintAs(server, as('safe'), {
      parts: [{ summary: 'De begeleider las mijn post.' }],
    });
    await until(() => smtp.to(safeAddress).length === 2);
    const news = bodyOf(smtp.to(safeAddress)[1]!.raw);
    expect(news).toContain('Er is nieuws over uw klacht');
    expect(news).toContain('zonnebloem');
    expect(news).not.toContain('De begeleider las mijn post');
    // Never at the account's own address.
    expect(smtp.to(org.people.safe!.email)).toEqual([]);

    // An internal note tells the client nothing, by mail or otherwise.
    const note = await server.gql(
      POST,
      {
        input: {
          caseId,
          body: 'Intern: cliënt lijkt onder druk te staan.',
          visibility: 'INTERNAL',
        },
      },
      as('manager'),
    );
    expect(note.errors).toBeUndefined();
    await worker.drain();
    expect(smtp.to(safeAddress)).toHaveLength(2);
    expect(smtp.received.some((mail) => bodyOf(mail.raw).includes('onder druk'))).toBe(false);
  });

  it('holds a message back through the client’s quiet hours and sends it when they end', async () => {
    const now = server.clock.now();
    const hhmm = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Amsterdam',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(date);
    const quietTo = new Date(now.getTime() + 2 * 3_600_000);
    const set = await server.gql(
      SET_CONTACT,
      {
        input: {
          channel: 'EMAIL',
          email: safeAddress,
          codeWord: 'zonnebloem',
          quietFrom: hhmm(new Date(now.getTime() - 3_600_000)),
          quietTo: hhmm(quietTo),
        },
      },
      as('safe'),
    );
    expect(set.errors).toBeUndefined();
    const before = smtp.to(safeAddress).length;
    await fileComplaintAs(server, as('safe'), { parts: [{ summary: 'Nachtelijke klacht.' }] });
    await worker.drain();
    expect(smtp.to(safeAddress)).toHaveLength(before);
    server.clock.advanceTo(new Date(quietTo.getTime() + 60_000));
    await until(() => smtp.to(safeAddress).length === before + 1);
  });

  it('sends one mail after the SMTP server refused the first attempt and the job retried', async () => {
    const handler = org.people.handler!;
    const before = smtp.to(handler.email).length;
    smtp.refuseNextDeliveryTo(handler.email);
    const caseId = await fileComplaintAs(server, as('shelter'), {
      parts: [{ summary: 'Tweede klacht.' }],
    });
    await assignHandlerAs(server, as('manager'), caseId, handler.id);
    await until(() => smtp.to(handler.email).length > before);
    // Whatever else runs, the batch was mailed once.
    await worker.drain();
    expect(smtp.to(handler.email)).toHaveLength(before + 1);
    expect(bodyOf(smtp.to(handler.email).at(-1)!.raw)).toContain('U behandelt klacht');
  });
});
