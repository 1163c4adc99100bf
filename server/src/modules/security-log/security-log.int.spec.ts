import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../test/admin-command.js';
import {
  SIGN_IN,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { hashSessionToken, newSessionToken } from '../auth/session-token.js';
import { currentTotp } from '../auth/totp.js';
import { flushSecurityLog } from './security-log.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const CASE = 'query($id: ID!) { case(id: $id) { id } }';

interface Line {
  kind: string;
  reason: string;
  action: string | null;
  userId: string | null;
  organisationId: string | null;
  targetId: string | null;
  clientAddress: string | null;
  accountDigest: string | null;
}

/** Issue 11.6: refused and suspicious attempts, for operators and nobody else. */
describe('the security log', { timeout: 300_000 }, () => {
  let server: TestServer;
  let limited: TestServer;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let operatorToken: string;
  let caseId: string;
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  const operatorLog = async (query: Record<string, string>, token = operatorToken) => {
    const response = await fetch(
      `${server.url}/operator/security-log?${new URLSearchParams({ since: startedAt, limit: '1000', ...query })}`,
      { headers: { connection: 'close', authorization: `Bearer ${token}` } },
    );
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { events?: Line[] } };
  };

  /** The lines that match, once written: events are written in batches, off the request path. */
  /**
   * The operator's lines that match, once at least `atLeast` have been written: events are
   * written in batches, so on a slow machine the first look may see only some of them.
   */
  async function linesMatching(
    query: Record<string, string>,
    match: (line: Line) => boolean,
    atLeast = 1,
  ) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await flushSecurityLog(server.runtimeOrm);
      await flushSecurityLog(limited.runtimeOrm);
      const lines = (await operatorLog(query)).body.events!.filter(match);
      if (lines.length >= atLeast || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    server = await startTestServer();
    limited = await startTestServer({ env: { RATE_LIMIT_USER_COST: '6' } });
    zorg = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      director: ['director'],
      guessed: ['client'],
      flooder: ['client'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [{ summary: 'Niemand belde terug na mijn klacht over de avonddienst.' }],
        },
      },
      { token: await signIn(server, zorg.people.client!), organisation: zorg.slug },
    );
    expect(filed.errors).toBeUndefined();
    caseId = filed.data!.fileComplaint.case.id;
    operatorToken = newSessionToken();
    await withOwnerClient((client) =>
      client.query(
        'insert into operators (id, name, token_hash, created_at) values ($1, $2, $3, now())',
        [randomUUID(), `sec-${zorg.slug}`.slice(0, 60), hashSessionToken(operatorToken)],
      ),
    );
  });
  afterAll(async () => {
    await server?.close();
    await limited?.close();
  });

  it("records another organisation's case id, a case the viewer may not see and an unknown id, each with its reason", async () => {
    const outsider = other.people.director!;
    const unknownId = randomUUID();
    const asOutsider = { token: await signIn(server, outsider), organisation: other.slug };
    const asClient2 = {
      token: await signIn(server, zorg.people.client2!),
      organisation: zorg.slug,
    };
    for (const [as, id] of [
      [asOutsider, caseId],
      [asClient2, caseId],
      [asClient2, unknownId],
    ] as const) {
      const answer = await server.gql(CASE, { id }, as);
      // The answer is the same for all three: nothing to learn from it.
      expect(answer.data).toEqual({ case: null });
    }

    // Other spec files refuse thousands of requests in the same database: read each
    // organisation's lines, or the newest 1,000 of the platform may be all of someone else's.
    const foreign = await linesMatching(
      { kind: 'access-denied', organisation: other.id },
      (line) => line.userId === outsider.id && line.targetId === caseId,
    );
    expect(foreign).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        reason: 'another-organisation',
        action: 'read',
        organisationId: other.id,
      }),
    ]);
    const hidden = await linesMatching(
      { kind: 'access-denied', organisation: zorg.id },
      (line) => line.userId === zorg.people.client2!.id,
      2,
    );
    expect(hidden.map((line) => [line.reason, line.targetId]).sort()).toEqual(
      [
        ['not-found', unknownId],
        ['not-permitted', caseId],
      ].sort(),
    );
  });

  it('records repeated failed sign-ins and refused second-factor codes, never the password or the address', async () => {
    const password = 'Zeedijk-Wachtwoord-4417';
    const guessed = zorg.people.guessed!;
    for (let n = 0; n < 3; n += 1) {
      const failed = await server.gql(
        SIGN_IN,
        { email: guessed.email, password },
        { clientAddress: '203.0.113.68' },
      );
      expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const failures = await linesMatching(
      { kind: 'sign-in-failed' },
      (line) => line.userId === guessed.id,
      3,
    );
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({
      reason: 'wrong-password',
      clientAddress: '203.0.113.68',
      accountDigest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });

    // A second factor, then a wrong code for it.
    const handler = zorg.people.handler!;
    const token = await signIn(server, handler);
    const begun = await server.gql<{ beginMfaEnrolment: { secret: string } }>(
      'mutation { beginMfaEnrolment { secret } }',
      {},
      { token },
    );
    const secret = begun.data!.beginMfaEnrolment.secret;
    const near = new Set([-1, 0, 1].map((steps) => currentTotp(secret, steps)));
    const wrong = ['000000', '111111', '222222'].find((code) => !near.has(code))!;
    const refused = await server.gql(
      'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
      { c: wrong },
      { token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const codes = await linesMatching(
      { kind: 'mfa-refused' },
      (line) => line.userId === handler.id,
    );
    expect(codes).toEqual([expect.objectContaining({ reason: 'wrong-code' })]);

    const everything = (await operatorLog({})).text;
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(guessed.email);
    // The code as a value of its own: six digits alone also turn up inside ids and timestamps.
    expect(everything).not.toContain(`"${wrong}"`);
  });

  it("records an operation refused for its cost with the person's budget", async () => {
    const flooder = zorg.people.flooder!;
    const as = { token: await signIn(limited, flooder), organisation: zorg.slug };
    let status = 200;
    for (let n = 0; n < 20 && status !== 429; n += 1)
      status = (await limited.gql(CASE, { id: caseId }, as)).status;
    expect(status).toBe(429);
    const hits = await linesMatching(
      { kind: 'rate-limited' },
      (line) => line.userId === flooder.id,
    );
    expect(hits[0]).toMatchObject({ reason: 'user-budget', organisationId: zorg.id });
  });

  it('is read by operators only: no member, no session token and no tenant scope reads a line of it', async () => {
    for (const token of [await signIn(server, zorg.people.director!), 'not-a-token']) {
      const refused = await operatorLog({}, token);
      expect(refused.status).toBe(401);
      expect(refused.text).not.toContain('access-denied');
    }
    const scopes = [
      {},
      { organisationId: zorg.id },
      { userId: zorg.people.director!.id },
      { organisationId: zorg.id, userId: zorg.people.director!.id },
    ];
    for (const scope of scopes) {
      await expect(
        withTenantTransaction(server.runtimeOrm, scope, (em) =>
          em.execute('select count(*) from security_events'),
        ),
      ).rejects.toThrow(/permission denied/);
      const through = await withTenantTransaction(server.runtimeOrm, scope, (em) =>
        em.execute(`select * from app.security_log(now() - interval '1 day', null, 1000, null)`),
      );
      expect(through).toEqual([]);
      // Nor may it change or remove a line.
      await expect(
        withTenantTransaction(server.runtimeOrm, scope, (em) =>
          em.execute(`delete from security_events where kind = 'access-denied'`),
        ),
      ).rejects.toThrow(/permission denied/);
    }
    // Whereas the operator reads the lines of every organisation.
    for (const organisation of [zorg, other]) {
      const lines = await operatorLog({ kind: 'access-denied', organisation: organisation.id });
      expect(lines.status).toBe(200);
      expect(lines.body.events!.length).toBeGreaterThan(0);
      expect(lines.body.events!.every((line) => line.organisationId === organisation.id)).toBe(
        true,
      );
    }
  });

  it('is read from the command line by the operator of KLACHTPAD_OPERATOR_TOKEN', async () => {
    const read = await runAdmin(['security-log', '--kind', 'sign-in-failed', '--limit', '1000'], {
      KLACHTPAD_OPERATOR_TOKEN: operatorToken,
    });
    expect(read.stderr).toBe('');
    const events = (read.json as { events: Line[] }).events;
    expect(events.filter((line) => line.userId === zorg.people.guessed!.id)).toHaveLength(3);
    expect(events.every((line) => line.kind === 'sign-in-failed')).toBe(true);
    // One organisation's lines, as the API's `organisation` keeps them.
    const theirs = await runAdmin(
      ['security-log', '--kind', 'access-denied', '--organisation', other.id, '--limit', '1000'],
      { KLACHTPAD_OPERATOR_TOKEN: operatorToken },
    );
    expect(theirs.stderr).toBe('');
    const theirLines = (theirs.json as { events: Line[] }).events;
    expect(theirLines.some((line) => line.userId === other.people.director!.id)).toBe(true);
    expect(theirLines.every((line) => line.organisationId === other.id)).toBe(true);
    const refused = await runAdmin(['security-log'], { KLACHTPAD_OPERATOR_TOKEN: 'not-a-token' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHENTICATED/);
  });

  it('keeps its lines for SECURITY_LOG_DAYS, then the housekeeping round removes them', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    // Written as the server writes them: the runtime role may append, and only append.
    await withTenantTransaction(server.runtimeOrm, {}, (em) =>
      em.execute(
        `insert into security_events (id, occurred_at, kind, reason, organisation_id)
         values (?, now() - interval '400 days', 'malware-found', 'Test.Purge', ?),
                (?, now() - interval '300 days', 'malware-found', 'Test.Purge', ?)`,
        [old, zorg.id, recent, zorg.id],
      ),
    );
    const worker = await server.startWorker([zorg]);
    await worker.runTask('purge-security-log');
    const since = new Date(Date.now() - 500 * 86_400_000).toISOString();
    const left = (await operatorLog({ since, kind: 'malware-found' })).body.events!.filter(
      (line) => line.reason === 'Test.Purge' && line.organisationId === zorg.id,
    );
    expect(left.map((line) => (line as Line & { id: string }).id)).toEqual([recent]);
  });
});
