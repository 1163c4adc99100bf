import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../test/admin-command.js';
import {
  SIGN_IN,
  arrangeOrganisation,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type ArrangedPerson,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { hashSessionToken, newSessionToken } from '../auth/session-token.js';

const ME = /* GraphQL */ `
  query {
    me {
      id
    }
  }
`;

/** Issue 15.4: the disabled account — by a platform operator, answered like a wrong password. */
describe('disabled accounts', { timeout: 300_000 }, () => {
  let server: TestServer;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let operatorToken: string;

  const operatorApi = (path: string, token: string | undefined, body: unknown) =>
    fetch(`${server.url}/operator${path}`, {
      method: 'POST',
      headers: {
        connection: 'close',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as {
        userId?: string;
        disabledAt?: string | null;
        sessionsEnded?: number;
        error?: { code: string };
      },
    }));

  // Each attempt from an address of its own, so the per-address limit plays no part here.
  let fresh = 0;
  const attempt = (email: string, password: string) => {
    fresh += 1;
    return server.gql(SIGN_IN, { email, password }, { clientAddress: `10.67.0.${fresh % 250}` });
  };

  const disabledAt = async (person: ArrangedPerson) =>
    withOwnerClient(async (client) => {
      const { rows } = await client.query<{ disabled_at: Date | null }>(
        'select disabled_at from users where id = $1',
        [person.id],
      );
      return rows[0]!.disabled_at;
    });

  beforeAll(async () => {
    server = await startTestServer();
    zorg = await arrangeOrganisation(server.ownerOrm, {
      leaver: ['handler'],
      colleague: ['handler'],
      returning: ['client'],
      scripted: ['client'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    operatorToken = newSessionToken();
    await withOwnerClient((client) =>
      client.query(
        'insert into operators (id, name, token_hash, created_at) values ($1, $2, $3, now())',
        [randomUUID(), `ops-${zorg.slug}`.slice(0, 60), hashSessionToken(operatorToken)],
      ),
    );
  });
  afterAll(() => server.close());

  it('ends every session of the account the moment an operator disables it', async () => {
    const leaver = zorg.people.leaver!;
    const first = await signIn(server, leaver);
    const second = await signIn(server, leaver);
    const colleague = await signIn(server, zorg.people.colleague!);
    for (const token of [first, second])
      expect((await server.gql(ME, {}, { token })).errors).toBeUndefined();

    const disabled = await operatorApi('/accounts/disable', operatorToken, {
      email: leaver.email.toUpperCase(),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ userId: leaver.id, sessionsEnded: 2 });
    expect(disabled.body.disabledAt).toEqual(expect.any(String));

    for (const token of [first, second]) {
      const me = await server.gql(ME, {}, { token, organisation: zorg.slug });
      expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Nobody else is signed out.
    expect((await server.gql(ME, {}, { token: colleague })).errors).toBeUndefined();
  });

  it('answers a sign-in to a disabled account, even with the right password, like an unknown address or a wrong password, doing the same work', async () => {
    const leaver = zorg.people.leaver!;
    expect(await disabledAt(leaver)).not.toBeNull();
    const unknown = await server.countQueries(() =>
      attempt(`nobody-${zorg.slug}@example.test`, 'guess'),
    );
    const wrong = await server.countQueries(() => attempt(zorg.people.colleague!.email, 'guess'));
    const disabled = await server.countQueries(() => attempt(leaver.email, leaver.password));
    for (const { result } of [wrong, disabled]) {
      expect(result.status).toBe(unknown.result.status);
      expect(result.errors).toEqual(unknown.result.errors);
      expect(result.data ?? null).toBeNull();
    }
    expect(unknown.result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    // The same statements in each (the password hash function and the failure count included),
    // so the same Argon2id verification: the password is checked, then the account refused.
    expect(wrong.queries).toBe(unknown.queries);
    expect(disabled.queries).toBe(unknown.queries);
    // A disabled account gets no reset link either: the answer is the same, nothing is queued.
    const reset = await server.gql<{ requestPasswordReset: boolean }>(
      'mutation($e: String!) { requestPasswordReset(email: $e) }',
      { e: leaver.email },
    );
    expect(reset.data).toEqual({ requestPasswordReset: true });
    const resets = await withOwnerClient((client) =>
      client.query('select 1 from password_resets where user_id = $1', [leaver.id]),
    );
    expect(resets.rowCount).toBe(0);
  });

  it('lets the person sign in again once an operator enables the account', async () => {
    const person = zorg.people.returning!;
    await operatorApi('/accounts/disable', operatorToken, { email: person.email });
    expect((await attempt(person.email, person.password)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const enabled = await operatorApi('/accounts/enable', operatorToken, { email: person.email });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ userId: person.id, disabledAt: null, sessionsEnded: 0 });
    expect((await attempt(person.email, person.password)).errors).toBeUndefined();
  });

  it('is for operators only: members, directors of this or another organisation and a session token change nothing', async () => {
    const colleague = zorg.people.colleague!;
    const memberToken = await signIn(server, zorg.people.director!);
    const outsiderToken = await signIn(server, other.people.director!);
    for (const token of [undefined, memberToken, outsiderToken, 'not-a-token']) {
      const refused = await operatorApi('/accounts/disable', token, { email: colleague.email });
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('UNAUTHENTICATED');
    }
    // Nor can the runtime role's own function be called in a member's or organisation's scope.
    for (const scope of [
      { userId: zorg.people.director!.id },
      { organisationId: zorg.id },
      { organisationId: other.id, userId: other.people.director!.id },
    ]) {
      const rows = await withTenantTransaction(server.runtimeOrm, scope, (em) =>
        em.execute('select * from app.set_account_disabled(?, true, now())', [colleague.email]),
      );
      expect(rows).toEqual([]);
    }
    // The column is the database's: the runtime role may not write it, even for itself.
    await expect(
      withTenantTransaction(server.runtimeOrm, { userId: colleague.id }, (em) =>
        em.execute('update users set disabled_at = now() where id = ?', [colleague.id]),
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await disabledAt(colleague)).toBeNull();
    // An address without an account is the operator's to know about.
    const unknown = await operatorApi('/accounts/disable', operatorToken, {
      email: `nobody-${zorg.slug}@example.test`,
    });
    expect(unknown.status).toBe(404);
  });

  it('is done from the command line as the operator of KLACHTPAD_OPERATOR_TOKEN', async () => {
    const person = zorg.people.scripted!;
    const token = await signIn(server, person);
    const done = await runAdmin(['disable-account', '--email', person.email], {
      KLACHTPAD_OPERATOR_TOKEN: operatorToken,
    });
    expect(done.stderr).toBe('');
    expect(done.json).toMatchObject({ userId: person.id, sessionsEnded: 1 });
    expect((await server.gql(ME, {}, { token })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const refused = await runAdmin(['enable-account', '--email', person.email], {
      KLACHTPAD_OPERATOR_TOKEN: 'not-a-token',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHENTICATED/);
    expect(await disabledAt(person)).not.toBeNull();
  });
});
