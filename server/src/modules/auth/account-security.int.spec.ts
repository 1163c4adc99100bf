import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN,
  arrangeOrganisation,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { currentTotp } from './totp.js';

const ME = '{ me { id } }';
const SESSIONS = '{ mySessions { id current mfaVerified } }';
const CHANGE = /* GraphQL */ `
  mutation Change($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next)
  }
`;

/** Issue 11.3: a person's own password, sessions and MFA recovery codes (ADR 0093). */
describe('account security: own password, own sessions, recovery codes', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let strict: ArrangedOrganisation;
  const me = (token: string) => server.gql<{ me: { id: string } }>(ME, {}, { token });
  const sessions = (token: string) =>
    server.gql<{ mySessions: { id: string; current: boolean; mfaVerified: boolean }[] }>(
      SESSIONS,
      {},
      { token },
    );
  const signInWith = async (email: string, password: string) =>
    server.gql<{ signIn: { token: string } }>(SIGN_IN, { email, password });

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      other: ['handler'],
    });
    strict = await arrangeOrganisation(
      server.ownerOrm,
      { handler: ['handler'] },
      { mfaRequiredForStaff: true },
    );
  });
  afterAll(() => server.close());

  it('lists a person’s own live sessions and ends one, never another person’s', async () => {
    const first = await signIn(server, org.people.handler!);
    const second = await signIn(server, org.people.handler!);
    const listed = (await sessions(first)).data!.mySessions;
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    const secondId = (await sessions(second)).data!.mySessions.find((s) => s.current)!.id;
    expect(listed.map((session) => session.id)).toContain(secondId);

    // Another person (of the same organisation) cannot end it: the one answer for unknown.
    const other = await signIn(server, org.people.other!);
    const refused = await server.gql(
      'mutation($id: ID!) { endSession(id: $id) }',
      { id: secondId },
      {
        token: other,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await me(second)).data?.me.id).toBe(org.people.handler!.id);
    expect((await sessions(other)).data!.mySessions.map((s) => s.id)).not.toContain(secondId);

    const ended = await server.gql(
      'mutation($id: ID!) { endSession(id: $id) }',
      { id: secondId },
      {
        token: first,
      },
    );
    expect(ended.data).toEqual({ endSession: true });
    expect((await me(second)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await sessions(first)).data!.mySessions.map((s) => s.id)).not.toContain(secondId);
    const again = await server.gql(
      'mutation($id: ID!) { endSession(id: $id) }',
      { id: secondId },
      {
        token: first,
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const third = await signIn(server, org.people.handler!);
    const others = await server.gql<{ endOtherSessions: number }>(
      'mutation { endOtherSessions }',
      {},
      { token: third },
    );
    expect(others.data!.endOtherSessions).toBeGreaterThanOrEqual(1);
    expect((await me(first)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(third)).data?.me.id).toBe(org.people.handler!.id);
    // The other person's session was not touched.
    expect((await me(other)).data?.me.id).toBe(org.people.other!.id);
  });

  it('changes a password only with the current one, and ends every other session', async () => {
    const person = org.people.client!;
    const keep = await signIn(server, person);
    const elsewhere = await signIn(server, person);
    const wrong = await server.gql(
      CHANGE,
      { current: 'not my password', next: 'een heel nieuw wachtwoord' },
      { token: keep },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
    });
    const short = await server.gql(
      CHANGE,
      { current: person.password, next: 'kort' },
      { token: keep },
    );
    expect(short.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
    expect((await me(elsewhere)).data?.me.id).toBe(person.id);
    const anonymous = await server.gql(CHANGE, {
      current: person.password,
      next: 'een heel nieuw wachtwoord',
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const changed = await server.gql(
      CHANGE,
      { current: person.password, next: 'een heel nieuw wachtwoord' },
      { token: keep },
    );
    expect(changed.data).toEqual({ changePassword: true });
    expect((await me(elsewhere)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(keep)).data?.me.id).toBe(person.id);
    expect((await signInWith(person.email, person.password)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await signInWith(person.email, 'een heel nieuw wachtwoord')).data?.signIn.token,
    ).toBeTruthy();
  });

  it('gives recovery codes once, keeps only their hashes, and accepts each once', async () => {
    const person = strict.people.handler!;
    const password = await signIn(server, person);
    const enrolment = await server.gql<{ beginMfaEnrolment: { secret: string } }>(
      'mutation { beginMfaEnrolment { secret } }',
      {},
      { token: password },
    );
    const secret = enrolment.data!.beginMfaEnrolment.secret;
    const confirmed = await server.gql<{ confirmMfaEnrolment: { token: string } }>(
      'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
      { c: currentTotp(secret) },
      { token: password },
    );
    // Verified, the session goes on under a new token (ADR 0062).
    const token = confirmed.data!.confirmMfaEnrolment.token;
    const created = await server.gql<{ createRecoveryCodes: string[] }>(
      'mutation { createRecoveryCodes }',
      {},
      { token },
    );
    const codes = created.data!.createRecoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await withOwnerClient((client) =>
      client.query<{ recovery_codes: string[] }>(
        'select recovery_codes from user_secrets where user_id = $1',
        [person.id],
      ),
    );
    const hashes = stored.rows[0]!.recovery_codes;
    expect(hashes).toHaveLength(10);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes.join()).not.toContain(codes[0]!.replaceAll('-', ''));

    // A new session owes its second factor: no new codes, no organisation, until it passes one.
    const fresh = (await signInWith(person.email, person.password)).data!.signIn.token;
    const owed = await server.gql('mutation { createRecoveryCodes }', {}, { token: fresh });
    expect(owed.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MFA_REQUIRED',
    });
    const blocked = await server.gql(ME, {}, { token: fresh, organisation: strict.slug });
    expect(blocked.errors?.[0]?.extensions?.reason).toBe('MFA_REQUIRED');
    const wrong = await server.gql(
      'mutation($c: String!) { verifyMfaWithRecoveryCode(code: $c) { token } }',
      { c: 'aaaaa-aaaaa-aaaaa' },
      { token: fresh, organisation: strict.slug },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const passed = await server.gql<{ verifyMfaWithRecoveryCode: { token: string } }>(
      'mutation($c: String!) { verifyMfaWithRecoveryCode(code: $c) { token } }',
      { c: codes[3]!.toUpperCase().replaceAll('-', ' ') },
      { token: fresh, organisation: strict.slug },
    );
    expect(passed.errors).toBeUndefined();
    const verified = passed.data!.verifyMfaWithRecoveryCode.token;
    expect((await me(fresh)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await server.gql(ME, {}, { token: verified, organisation: strict.slug })).errors,
    ).toBeUndefined();
    expect((await sessions(verified)).data!.mySessions.find((s) => s.current)!.mfaVerified).toBe(
      true,
    );

    // Spent: the same code in another session is refused.
    const later = (await signInWith(person.email, person.password)).data!.signIn.token;
    const spent = await server.gql(
      'mutation($c: String!) { verifyMfaWithRecoveryCode(code: $c) { token } }',
      { c: codes[3]! },
      { token: later },
    );
    expect(spent.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const left = await server.gql<{ recoveryCodesLeft: number }>(
      '{ recoveryCodesLeft }',
      {},
      { token },
    );
    expect(left.data!.recoveryCodesLeft).toBe(9);

    // A new set replaces the old one: an old code no longer works.
    const renewed = await server.gql<{ createRecoveryCodes: string[] }>(
      'mutation { createRecoveryCodes }',
      {},
      { token },
    );
    expect(renewed.data!.createRecoveryCodes).toHaveLength(10);
    const old = await server.gql(
      'mutation($c: String!) { verifyMfaWithRecoveryCode(code: $c) { token } }',
      { c: codes[5]! },
      { token: later },
    );
    expect(old.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a person without two-step verification no recovery codes', async () => {
    const token = await signIn(server, org.people.other!);
    const refused = await server.gql('mutation { createRecoveryCodes }', {}, { token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
