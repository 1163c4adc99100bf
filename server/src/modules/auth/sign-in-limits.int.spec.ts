import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN,
  arrangeOrganisation,
  signIn,
  startTestServer,
  withOwnerClient,
  type Actor,
  type ArrangedOrganisation,
  type ArrangedPerson,
  type TestServer,
} from '../../../test/harness.js';
import { createLogger } from '../../core/logger.js';
import { currentTotp } from './totp.js';

/** Issue 15, items 2–4: the second factor at every sign-in, a new token after it, and guessing. */

const ME_IN = /* GraphQL */ `
  query {
    me {
      sessionMfaVerified
      activeOrganisation {
        slug
      }
    }
  }
`;
const CASES = /* GraphQL */ `
  query {
    cases(first: 5) {
      edges {
        node {
          id
        }
      }
    }
  }
`;
const SET_LANGUAGE = 'mutation { setLanguage(language: EN) { id } }';
const VERIFY = 'mutation($c: String!) { verifyMfa(code: $c) { token expiresAt mfaRequired } }';

type SignInAnswer = { signIn: { token: string; mfaRequired: boolean } };
type VerifyAnswer = { verifyMfa: { token: string; expiresAt: string; mfaRequired: boolean } };

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** A code the authenticator accepts in no window around now. */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1].map((steps) => currentTotp(secret, steps)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** Turns two-step verification on for a person; answers the secret and a verified token. */
async function enrol(server: TestServer, person: ArrangedPerson) {
  const token = await signIn(server, person);
  const begun = await server.gql<{ beginMfaEnrolment: { secret: string } }>(
    'mutation { beginMfaEnrolment { secret } }',
    {},
    { token },
  );
  const secret = begun.data!.beginMfaEnrolment.secret;
  const confirmed = await server.gql<{ confirmMfaEnrolment: { token: string } }>(
    'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
    { c: currentTotp(secret) },
    { token },
  );
  expect(confirmed.errors).toBeUndefined();
  return { secret, token: confirmed.data!.confirmMfaEnrolment.token, before: token };
}

async function passwordSignIn(server: TestServer, person: ArrangedPerson, as: Actor = {}) {
  const result = await server.gql<SignInAnswer>(
    SIGN_IN,
    { email: person.email, password: person.password },
    as,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.signIn;
}

describe('the second factor of a person who has one', () => {
  let server: TestServer;
  let relaxed: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer();
    // An organisation that does not require two-step verification of anyone.
    relaxed = await arrangeOrganisation(server.ownerOrm, {
      handler: ['handler'],
      careful: ['client'],
      other: ['handler'],
    });
  });
  afterAll(() => server.close());

  it('is asked for at every sign-in, and until it is passed the session can do nothing else', async () => {
    const person = relaxed.people.handler!;
    const { secret, token: enrolled, before } = await enrol(server, person);
    // Confirming enrolment replaced the token too.
    expect(enrolled).not.toBe(before);
    expect((await server.gql(ME_IN, {}, { token: before })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const { token, mfaRequired } = await passwordSignIn(server, person);
    expect(mfaRequired).toBe(true);
    const as = { token, organisation: relaxed.slug };
    const inOrganisation = await server.gql(ME_IN, {}, as);
    expect(inOrganisation.status).toBe(403);
    expect(inOrganisation.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'MFA_REQUIRED',
    });
    const cases = await server.gql(CASES, {}, as);
    expect(cases.status).toBe(403);
    expect(cases.data ?? undefined).toBeUndefined();
    // Nor anything outside an organisation, but `me` (which tells the client to ask for it).
    const language = await server.gql(SET_LANGUAGE, {}, { token });
    expect(language.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });
    const begin = await server.gql('mutation { beginMfaEnrolment { secret } }', {}, { token });
    expect(begin.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });
    const me = await server.gql(ME_IN, {}, { token });
    expect(me.data).toEqual({ me: { sessionMfaVerified: false, activeOrganisation: null } });

    const verified = await server.gql<VerifyAnswer>(VERIFY, { c: currentTotp(secret, 1) }, as);
    expect(verified.errors).toBeUndefined();
    const next = verified.data!.verifyMfa;
    expect(next.mfaRequired).toBe(false);
    expect(next.token).toMatch(/^[\w-]{43}$/);
    expect(next.token).not.toBe(token);
    // The token from before the second factor no longer works; the new one does, everywhere.
    expect((await server.gql(ME_IN, {}, as)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await server.gql(ME_IN, {}, { ...as, token: next.token });
    expect(after.data).toEqual({
      me: { sessionMfaVerified: true, activeOrganisation: { slug: relaxed.slug } },
    });
    expect((await server.gql(CASES, {}, { ...as, token: next.token })).errors).toBeUndefined();
  });

  it('is asked of sessions opened with the password before it was turned on', async () => {
    const person = relaxed.people.other!;
    const earlier = await signIn(server, person);
    expect(
      (await server.gql(ME_IN, {}, { token: earlier, organisation: relaxed.slug })).errors,
    ).toBeUndefined();
    await enrol(server, person);
    const refused = await server.gql(ME_IN, {}, { token: earlier, organisation: relaxed.slug });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });
  });

  it('is not asked of someone without one', async () => {
    const { token, mfaRequired } = await passwordSignIn(server, relaxed.people.careful!);
    expect(mfaRequired).toBe(false);
    const me = await server.gql(ME_IN, {}, { token, organisation: relaxed.slug });
    expect(me.data).toEqual({
      me: { sessionMfaVerified: false, activeOrganisation: { slug: relaxed.slug } },
    });
  });
});

describe('guessing a second factor', () => {
  let first: TestServer;
  let second: TestServer;
  let organisation: ArrangedOrganisation;
  const env = { MFA_CODE_LIMIT: '3' };

  beforeAll(async () => {
    // Two server processes' worth of state over one database: the limit must hold across both.
    first = await startTestServer({ env });
    second = await startTestServer({ env });
    organisation = await arrangeOrganisation(first.ownerOrm, { handler: ['handler'] });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('stops after the limit of wrong codes per account, across sessions and servers', async () => {
    const person = organisation.people.handler!;
    const { secret } = await enrol(first, person);
    const wrong = wrongCode(secret);
    // Each new password sign-in would once have bought a new round of guesses.
    for (const server of [first, second, first]) {
      const { token } = await passwordSignIn(server, person);
      const guess = await server.gql<VerifyAnswer>(VERIFY, { c: wrong }, { token });
      expect(guess.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { token } = await passwordSignIn(second, person);
    const refused = await second.gql<VerifyAnswer>(
      VERIFY,
      { c: currentTotp(secret, 1) },
      { token },
    );
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.data ?? null).toBeNull();
    // The session stays unverified: nothing in the organisation.
    const me = await second.gql(ME_IN, {}, { token, organisation: organisation.slug });
    expect(me.errors?.[0]?.extensions?.reason).toBe('MFA_REQUIRED');
  });
});

describe('guessing passwords', () => {
  const lines: string[] = [];
  let server: TestServer;
  let other: TestServer;
  let organisation: ArrangedOrganisation;
  const env = { SIGN_IN_ADDRESS_LIMIT: '4', SIGN_IN_LOCK_AFTER: '3' };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    server = await startTestServer({ env, log: createLogger('info', sink) });
    other = await startTestServer({ env });
    organisation = await arrangeOrganisation(server.ownerOrm, {
      member: ['client'],
      locked: ['client'],
      guessed: ['client'],
    });
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  // Every story signs in from 127.0.0.1, into the same limit table: here each attempt comes
  // from an address of its own unless the story names one.
  let fresh = 0;
  const attempt = (email: string, password: string, as?: Actor, via = server) => {
    fresh += 1;
    const from = as ?? { clientAddress: `10.62.${Math.floor(fresh / 250)}.${fresh % 250}` };
    return via.gql<SignInAnswer>(SIGN_IN, { email, password }, from);
  };

  it('answers an unknown address, a wrong password and a locked account alike, doing the same work', async () => {
    const unknownEmail = `nobody-${organisation.slug}@example.test`;
    const lockedPerson = organisation.people.locked!;
    for (let n = 0; n < 3; n += 1) await attempt(lockedPerson.email, 'guess');

    const unknown = await server.countQueries(() => attempt(unknownEmail, 'guess'));
    const wrong = await server.countQueries(() =>
      attempt(organisation.people.member!.email, 'guess'),
    );
    const locked = await server.countQueries(() =>
      attempt(lockedPerson.email, lockedPerson.password),
    );
    for (const { result } of [unknown, wrong, locked]) {
      expect(result.status).toBe(unknown.result.status);
      expect(result.errors).toEqual(unknown.result.errors);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
    // The same statements for each (the password hash function and the failure count included).
    expect(wrong.queries).toBe(unknown.queries);
    expect(locked.queries).toBe(unknown.queries);
  });

  it('counts attempts on an address towards its slow-down whether or not it has an account', async () => {
    const unknownEmail = `slow-${organisation.slug}@example.test`;
    for (let n = 0; n < 2; n += 1) await attempt(unknownEmail, 'guess', undefined, other);
    const rows = await withOwnerClient((client) =>
      client.query<{ key: string; points: number }>(
        'select key, points from sign_in_limits where key = $1',
        [`sign-in-email:${digest(unknownEmail)}`],
      ),
    );
    expect(rows.rows).toEqual([{ key: `sign-in-email:${digest(unknownEmail)}`, points: 2 }]);
    // The table names addresses only by their digest.
    const clear = await withOwnerClient((client) =>
      client.query('select 1 from sign_in_limits where key like $1', [`%${unknownEmail}%`]),
    );
    expect(clear.rowCount).toBe(0);
  });

  it('limits failed sign-ins per client address, across servers, whatever accounts are tried', async () => {
    const guesser = { clientAddress: '203.0.113.7' };
    for (let n = 0; n < 2; n += 1) {
      await attempt(`spray-${n}-${organisation.slug}@example.test`, 'guess', guesser);
      await attempt(`spray-${n}-${organisation.slug}@example.test`, 'guess', guesser, other);
    }
    const person = organisation.people.guessed!;
    const refused = await attempt(person.email, person.password, guesser, other);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address signs the same person in.
    const elsewhere = await attempt(person.email, person.password, {
      clientAddress: '198.51.100.4',
    });
    expect(elsewhere.errors).toBeUndefined();
    // A success gives back its own attempt only, not the guesser's.
    const colleague = { clientAddress: '198.51.100.9' };
    for (let n = 0; n < 3; n += 1) {
      await attempt(`mixed-${n}-${organisation.slug}@example.test`, 'guess', colleague);
    }
    expect((await attempt(person.email, person.password, colleague)).errors).toBeUndefined();
    const past = await attempt(`mixed-x-${organisation.slug}@example.test`, 'guess', colleague);
    expect(past.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await attempt(person.email, person.password, colleague)).status).toBe(429);
  });

  it('logs failed attempts with their reason, never the password or the address', async () => {
    const password = 'Kalverstraat-Geheim-8812';
    const person = organisation.people.member!;
    await attempt(person.email, password, { clientAddress: '192.0.2.55' });
    await attempt(`ghost-${organisation.slug}@example.test`, password, {
      clientAddress: '192.0.2.55',
    });
    const log = lines.join('\n');
    expect(log).not.toContain(password);
    expect(log).not.toContain(person.email);
    expect(log).not.toContain(`ghost-${organisation.slug}`);
    const failures = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'sign-in failed' && entry.clientAddress === '192.0.2.55');
    expect(failures.map((entry) => entry.reason)).toEqual(['wrong-password', 'no-account']);
    expect(failures[0]).toMatchObject({
      userId: person.id,
      account: digest(person.email).slice(0, 16),
    });
  });
});
