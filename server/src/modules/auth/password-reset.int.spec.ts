import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  SIGN_IN,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { bodyOf, startSmtpServer, type SmtpTestServer } from '../../../test/smtp-server.js';
import type { KlachtpadWorker } from '../../jobs.js';

const REQUEST = /* GraphQL */ `
  mutation Request($email: String!) {
    requestPasswordReset(email: $email)
  }
`;
const RESET = /* GraphQL */ `
  mutation Reset($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`;
const ME = /* GraphQL */ `
  query {
    me {
      id
    }
  }
`;

describe('password reset by e-mail', () => {
  let smtp: SmtpTestServer;
  let server: TestServer;
  let worker: KlachtpadWorker;
  let org: ArrangedOrganisation;

  async function tokenMailedTo(email: string, count: number): Promise<string> {
    for (let round = 0; round < 100 && smtp.to(email).length < count; round += 1) {
      await worker.drain();
      if (smtp.to(email).length < count) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(smtp.to(email)).toHaveLength(count);
    return /token=([A-Za-z0-9_-]{43})/.exec(bodyOf(smtp.to(email).at(-1)!.raw))![1]!;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      other: ['client'],
    });
    worker = await server.startWorker([org]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('gives the same answer for an unknown address, and mails only an account’s', async () => {
    const unknown = `niemand-${Date.now()}@example.test`;
    const forUnknown = await server.gql(REQUEST, { email: unknown });
    const forKnown = await server.gql(REQUEST, { email: org.people.other!.email.toUpperCase() });
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.data).toEqual({ requestPasswordReset: true });
    await tokenMailedTo(org.people.other!.email, 1);
    await worker.drain();
    expect(smtp.to(unknown)).toEqual([]);
    const mail = bodyOf(smtp.to(org.people.other!.email)[0]!.raw);
    expect(mail).not.toContain(`Organisation ${org.slug}`);
    const bad = await server.gql(REQUEST, { email: 'geen adres' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sets a new password once, ends every session of the account, and no other', async () => {
    const person = org.people.client!;
    const first = await signIn(server, person);
    const second = await signIn(server, person);
    const handler = await signIn(server, org.people.handler!);
    await server.gql(REQUEST, { email: person.email });
    const token = await tokenMailedTo(person.email, 1);

    const weak = await server.gql(RESET, { token, password: 'kort' });
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const done = await server.gql(RESET, { token, password: 'een heel nieuw wachtwoord' });
    expect(done.data).toEqual({ resetPassword: true });

    for (const session of [first, second]) {
      const me = await server.gql(ME, {}, { token: session });
      expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await server.gql(ME, {}, { token: handler })).errors).toBeUndefined();
    const old = await server.gql(SIGN_IN, { email: person.email, password: person.password });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await signIn(server, { ...person, password: 'een heel nieuw wachtwoord' });

    const again = await server.gql(RESET, { token, password: 'nog een ander wachtwoord' });
    const never = await server.gql(RESET, {
      token: 'y'.repeat(43),
      password: 'nog een ander wachtwoord',
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toBe(never.errors?.[0]?.message);
  });

  it('refuses a link after its hour, and an older link once a newer one was used', async () => {
    const person = org.people.handler!;
    await server.gql(REQUEST, { email: person.email });
    const older = await tokenMailedTo(person.email, 1);
    await server.gql(REQUEST, { email: person.email });
    const newer = await tokenMailedTo(person.email, 2);
    expect(newer).not.toBe(older);
    expect(
      (await server.gql(RESET, { token: newer, password: 'wachtwoord nummer twee' })).data,
    ).toEqual({ resetPassword: true });
    const stale = await server.gql(RESET, { token: older, password: 'wachtwoord nummer drie' });
    expect(stale.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await server.gql(REQUEST, { email: person.email });
    const late = await tokenMailedTo(person.email, 3);
    server.clock.advance(61 * 60_000);
    const expired = await server.gql(RESET, { token: late, password: 'wachtwoord nummer vier' });
    expect(expired.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await signIn(server, { ...person, password: 'wachtwoord nummer twee' });
  });

  it('mails at most three links an hour to one account, with the same answer', async () => {
    const person = org.people.other!;
    server.clock.advance(61 * 60_000);
    const before = smtp.to(person.email).length;
    for (let i = 0; i < 4; i += 1) {
      const answer = await server.gql(REQUEST, { email: person.email });
      expect(answer.data).toEqual({ requestPasswordReset: true });
    }
    await tokenMailedTo(person.email, before + 3);
    await worker.drain();
    expect(smtp.to(person.email)).toHaveLength(before + 3);
  });
});
