import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN,
  arrangeOrganisation,
  signIn,
  startTestServer,
  TEST_MFA_KEY,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { openSecret } from '../../core/crypto/sealed-secret.js';
import { TenantTransaction, withTenantTransaction } from '../../core/db/tenant-session.js';
import { resolveSession } from './auth.service.js';
import { Session } from './session.entity.js';
import { hashSessionToken } from './session-token.js';
import { createTotpSecret, currentTotp } from './totp.js';

/** A user's TOTP secret as the database holds it (read as the owner). */
const storedTotp = (userId: string) =>
  withOwnerClient(async (client) => {
    const result = await client.query<{ totp_secret: string }>(
      'select totp_secret from user_secrets where user_id = $1',
      [userId],
    );
    return result.rows[0]!.totp_secret;
  });

const ME = /* GraphQL */ `
  query {
    me {
      email
      memberships {
        slug
        roles
      }
      activeOrganisation {
        slug
        roles
      }
      sessionMfaVerified
    }
  }
`;
const SIGN_OUT = /* GraphQL */ `
  mutation {
    signOut
  }
`;

describe('signing in', () => {
  let server: TestServer;
  let shelter: ArrangedOrganisation;
  let other: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        SESSION_IDLE_MINUTES: '30',
        SESSION_ABSOLUTE_HOURS: '12',
        SIGN_IN_LOCK_AFTER: '5',
        SIGN_IN_SLOWDOWN_AFTER: '2',
      },
    });
    shelter = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      client: ['client'],
      victim: ['client'],
      locked: ['handler'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
  });
  afterAll(() => server.close());

  it('signs in, acts in an organisation it belongs to, and signs out', async () => {
    const token = await signIn(server, shelter.people.director!);
    const me = await server.gql(ME, {}, { token, organisation: shelter.slug });
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({
      me: {
        email: shelter.people.director!.email,
        memberships: [{ slug: shelter.slug, roles: ['DIRECTOR'] }],
        activeOrganisation: { slug: shelter.slug, roles: ['DIRECTOR'] },
        sessionMfaVerified: false,
      },
    });
    expect((await server.gql(SIGN_OUT, {}, { token })).data).toEqual({ signOut: true });
    const after = await server.gql(ME, {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await server.gql(SIGN_IN, {
      email: `nobody-${shelter.slug}@example.test`,
      password: 'x',
    });
    const wrong = await server.gql(SIGN_IN, {
      email: shelter.people.client!.email,
      password: 'wrong',
    });
    expect(unknown.errors).toEqual(wrong.errors);
    expect(wrong.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(wrong.data).toBeNull();
  });

  it('refuses malformed sign-in input before doing any work', async () => {
    const result = await server.gql(SIGN_IN, { email: 'not-an-email', password: 'x' });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    const tooLong = await server.gql(SIGN_IN, {
      email: shelter.people.client!.email,
      password: 'x'.repeat(5000),
    });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
  });

  it('locks an account after repeated failures, even for the right password, until the lock ends', async () => {
    const person = shelter.people.locked!;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await server.gql(SIGN_IN, { email: person.email, password: 'guess' });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const whileLocked = await server.gql(SIGN_IN, {
      email: person.email,
      password: person.password,
    });
    expect(whileLocked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(whileLocked.errors?.[0]?.message).toBe(
      (await server.gql(SIGN_IN, { email: `nobody-${shelter.slug}@example.test`, password: 'x' }))
        .errors?.[0]?.message,
    );
    server.clock.advance(16 * 60_000);
    const afterLock = await server.gql(SIGN_IN, { email: person.email, password: person.password });
    expect(afterLock.errors).toBeUndefined();
  });

  it('does not let one account’s failures lock another', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await server.gql(SIGN_IN, { email: shelter.people.victim!.email, password: 'guess' });
    }
    expect(await signIn(server, shelter.people.client!)).toMatch(/^[\w-]{43}$/);
  });

  it('ends a session after the idle limit and after the absolute limit', async () => {
    const idle = await signIn(server, shelter.people.client!);
    server.clock.advance(31 * 60_000);
    expect((await server.gql(ME, {}, { token: idle })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const busy = await signIn(server, shelter.people.client!);
    // Active every 20 minutes: never idle, but 12 hours after sign-in the session ends anyway.
    for (let step = 1; step < 36; step += 1) {
      server.clock.advance(20 * 60_000);
      expect((await server.gql(ME, {}, { token: busy })).errors).toBeUndefined();
    }
    server.clock.advance(20 * 60_000);
    expect((await server.gql(ME, {}, { token: busy })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('lets the requests of one session go on together while one of them moves its idle expiry', async () => {
    const token = await signIn(server, shelter.people.client!);
    // Due for a touch: every request of the session that starts now finds it so.
    server.clock.advance(2 * 60_000);
    const now = server.clock.now();
    const first = await TenantTransaction.open(server.runtimeOrm);
    const second = await TenantTransaction.open(server.runtimeOrm);
    try {
      expect(await resolveSession(first, server.config, token, now)).toBeDefined();
      // The first request holds the session's row until it commits; the second must not wait for
      // it (it would, until the lock timeout, if it updated the row as well).
      expect(await resolveSession(second, server.config, token, now)).toBeDefined();
      await second.commit();
      await first.commit();
    } finally {
      await second.rollback();
      await first.rollback();
    }
    const touched = await withTenantTransaction(
      server.runtimeOrm,
      { userId: shelter.people.client!.id },
      (em) => em.findOneOrFail(Session, { tokenHash: hashSessionToken(token) }),
    );
    expect(touched.lastSeenAt).toEqual(now);
    // Idle from here on: the touch counted.
    server.clock.advance(29 * 60_000);
    expect((await server.gql(ME, {}, { token })).errors).toBeUndefined();
  });

  it('reads the person and their memberships only for the fields of `me` that ask for them', async () => {
    const token = await signIn(server, shelter.people.client!);
    const reading = (statements: string[], table: string) =>
      statements.filter((sql) => new RegExp(`from "${table}"`).test(sql));
    const bare = await server.countQueries(() =>
      server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, { token }),
    );
    expect(bare.result.data!.me.id).toBe(shelter.people.client!.id);
    expect(reading(bare.statements, 'users')).toEqual([]);
    expect(reading(bare.statements, 'memberships')).toEqual([]);
    const full = await server.countQueries(() => server.gql(ME, {}, { token }));
    expect(full.result.errors).toBeUndefined();
    // Each read once, however many fields come from it.
    expect(reading(full.statements, 'users')).toHaveLength(1);
    expect(reading(full.statements, 'memberships')).toHaveLength(1);
    expect(full.result.data).toEqual({
      me: {
        email: shelter.people.client!.email,
        memberships: [{ slug: shelter.slug, roles: ['CLIENT'] }],
        activeOrganisation: null,
        sessionMfaVerified: false,
      },
    });
  });

  it('refuses an organisation the user is not a member of, and a missing one, with the same answer', async () => {
    const token = await signIn(server, shelter.people.client!);
    const notMine = await server.gql(ME, {}, { token, organisation: other.slug });
    const missing = await server.gql(ME, {}, { token, organisation: 'no-such-organisation' });
    const malformed = await server.gql(ME, {}, { token, organisation: "'; drop table users; --" });
    expect(notMine.status).toBe(403);
    expect(notMine.errors).toEqual(missing.errors);
    expect(notMine.errors).toEqual(malformed.errors);
    expect(notMine.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(notMine.data).toBeUndefined();
  });

  it('treats a forged or malformed token as no session', async () => {
    for (const token of ['x'.repeat(43), 'short', 'a'.repeat(500)]) {
      const result = await server.gql(ME, {}, { token });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('two-step verification', () => {
  let server: TestServer;
  let strict: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer();
    strict = await arrangeOrganisation(
      server.ownerOrm,
      { handler: ['handler'], client: ['client'] },
      { mfaRequiredForStaff: true },
    );
  });
  afterAll(() => server.close());

  it('requires staff to enrol and verify before acting in an organisation that requires it', async () => {
    const token = await signIn(server, strict.people.handler!);
    const refused = await server.gql(ME, {}, { token, organisation: strict.slug });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });

    const enrolment = await server.gql<{
      beginMfaEnrolment: { secret: string; otpauthUrl: string };
    }>(
      'mutation { beginMfaEnrolment { secret otpauthUrl } }',
      {},
      { token, organisation: strict.slug },
    );
    const secret = enrolment.data!.beginMfaEnrolment.secret;
    expect(enrolment.data!.beginMfaEnrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Klachtpad/);
    const wrongCode = await server.gql(
      'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
      { c: '000000' },
      { token },
    );
    expect(wrongCode.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const confirmed = await server.gql<{ confirmMfaEnrolment: { token: string } }>(
      'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
      { c: currentTotp(secret) },
      { token },
    );
    // The session goes on under a new token.
    const verifiedToken = confirmed.data!.confirmMfaEnrolment.token;
    expect(verifiedToken).not.toBe(token);
    expect(
      (await server.gql(ME, {}, { token: verifiedToken, organisation: strict.slug })).errors,
    ).toBeUndefined();

    // A new session starts unverified and must pass the code again.
    const second = await server.gql<{ signIn: { token: string; mfaRequired: boolean } }>(SIGN_IN, {
      email: strict.people.handler!.email,
      password: strict.people.handler!.password,
    });
    expect(second.data!.signIn.mfaRequired).toBe(true);
    const secondToken = second.data!.signIn.token;
    expect(
      (await server.gql(ME, {}, { token: secondToken, organisation: strict.slug })).status,
    ).toBe(403);
    // The code that confirmed enrolment is spent: the second session needs the next one.
    const replayed = await server.gql(
      'mutation($c: String!) { verifyMfa(code: $c) { token } }',
      { c: currentTotp(secret) },
      { token: secondToken },
    );
    expect(replayed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const passed = await server.gql<{ verifyMfa: { token: string } }>(
      'mutation($c: String!) { verifyMfa(code: $c) { token } }',
      { c: currentTotp(secret, 1) },
      { token: secondToken },
    );
    const me = await server.gql(
      ME,
      {},
      { token: passed.data!.verifyMfa.token, organisation: strict.slug },
    );
    expect(me.data).toMatchObject({
      me: { sessionMfaVerified: true, activeOrganisation: { slug: strict.slug } },
    });

    // At rest the secret is sealed with the key from outside the database, bound to its user.
    const handlerId = strict.people.handler!.id;
    const stored = await storedTotp(handlerId);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    expect(openSecret(Buffer.from(TEST_MFA_KEY, 'base64'), stored, handlerId)).toBe(secret);
    expect(() => openSecret(Buffer.alloc(32, 1), stored, handlerId)).toThrow();
    expect(() =>
      openSecret(Buffer.from(TEST_MFA_KEY, 'base64'), stored, strict.people.client!.id),
    ).toThrow();
  });

  it('seals a secret stored before sealing the first time it is used', async () => {
    const person = strict.people.handler!;
    const secret = createTotpSecret();
    await withOwnerClient((client) =>
      client.query(
        'update user_secrets set totp_secret = $2, totp_last_step = null where user_id = $1',
        [person.id, secret],
      ),
    );
    const token = await signIn(server, person);
    const verified = await server.gql(
      'mutation($c: String!) { verifyMfa(code: $c) { token } }',
      { c: currentTotp(secret) },
      { token },
    );
    expect(verified.errors).toBeUndefined();
    const stored = await storedTotp(person.id);
    expect(openSecret(Buffer.from(TEST_MFA_KEY, 'base64'), stored, person.id)).toBe(secret);
  });

  it('does not require it of clients', async () => {
    const token = await signIn(server, strict.people.client!);
    expect((await server.gql(ME, {}, { token, organisation: strict.slug })).errors).toBeUndefined();
  });
});
