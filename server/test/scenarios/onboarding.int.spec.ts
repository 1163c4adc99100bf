import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantTransaction, withTenantTransaction } from '../../src/core/db/tenant-session.js';
import type { KlachtpadWorker } from '../../src/jobs.js';
import { currentTotp } from '../../src/modules/auth/totp.js';
import { enterAsOperator } from '../../src/modules/operators/operator.service.js';
import { runAdmin } from '../admin-command.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../harness.js';
import { bodyOf, startSmtpServer, type SmtpTestServer } from '../smtp-server.js';

const ACCEPT = /* GraphQL */ `
  mutation Accept($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      token
    }
  }
`;
const INVITE = /* GraphQL */ `
  mutation Invite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
    }
  }
`;
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
const CASES = /* GraphQL */ `
  query {
    cases(first: 10) {
      totalCount
    }
  }
`;

/**
 * Issue 11.1: a platform operator onboards a care organisation from the command line; its first
 * director takes it from there. The operator's credentials reach no case: no membership, no
 * organisation scope, no bypass of row-level security.
 */
// Each `pnpm admin` is a Node process starting from source: seconds on a quiet machine, far more on
// a shared CI runner, so every story here gets minutes.
describe('onboarding an organisation by a platform operator', { timeout: 300_000 }, () => {
  let smtp: SmtpTestServer;
  let server: TestServer;
  let worker: KlachtpadWorker;
  let other: ArrangedOrganisation;
  let otherCaseId: string;
  const stamp = Date.now().toString(36);
  const slug = `zorg-${stamp}`;
  const operatorName = `ops-${stamp}`;
  const directorEmail = `directie-${stamp}@example.test`;
  const clientEmail = `client-${stamp}@example.test`;
  let operatorToken: string;
  let organisationId: string;
  let caseId: string;
  const tokens: Record<string, string> = {};
  const as = (name: string): Actor => ({ token: tokens[name], organisation: slug });

  async function linkTokenMailedTo(email: string): Promise<string> {
    for (let round = 0; round < 100 && smtp.to(email).length === 0; round += 1) {
      await worker.drain();
      if (smtp.to(email).length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(smtp.to(email)).toHaveLength(1);
    return /token=([A-Za-z0-9_-]{43})/.exec(bodyOf(smtp.to(email)[0]!.raw))![1]!;
  }

  const createArgs = (regime: string) => [
    'create-organisation',
    ...['--name', 'Zorg Noord', '--slug', slug, '--regime', regime, '--template', 'wkkgz'],
    ...['--director-email', directorEmail, '--director-name', 'Dina Directeur'],
  ];

  const operatorApi = (path: string, token: string | undefined, body?: unknown) =>
    fetch(`${server.url}/operator${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        connection: 'close',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, checked below
      body: (await response.json()) as any,
    }));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      env: { ...LONG_SESSIONS, SMTP_URL: smtp.url, MAIL_FROM: 'klachtpad@example.test' },
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Elders.' }], subjectIds: [] } },
      { token: await signIn(server, other.people.client!), organisation: other.slug },
    );
    otherCaseId = filed.data!.fileComplaint.case.id;
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('gives an operator a token once, from the command line, and keeps only its hash', async () => {
    const created = await runAdmin(['create-operator', operatorName]);
    expect(created.code, created.stderr).toBe(0);
    operatorToken = created.json!.token as string;
    expect(operatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await withOwnerClient((client) =>
      client.query<{ token_hash: string }>('select token_hash from operators where name = $1', [
        operatorName,
      ]),
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.token_hash).not.toContain(operatorToken);
    expect(stored.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to create an organisation without valid operator credentials, or with bad input', async () => {
    const anonymous = await runAdmin(createArgs('wkkgz'), { KLACHTPAD_OPERATOR_TOKEN: '' });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('UNAUTHENTICATED');
    const mismatched = await runAdmin(createArgs('awb9'), {
      KLACHTPAD_OPERATOR_TOKEN: operatorToken,
    });
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain('ander wettelijk regime');
    // Through the API, a member's session token is not an operator's, and neither is nothing.
    const director = await signIn(server, other.people.director!);
    for (const token of [director, undefined, 'x'.repeat(43)]) {
      const refused = await operatorApi('/organisations', token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    }
    const badSlug = await operatorApi('/organisations', operatorToken, {
      name: 'Zorg',
      slug: 'Geen Slug!',
      regime: 'wkkgz',
      template: 'wkkgz',
      director: { email: 'nee', displayName: 'X' },
    });
    expect(badSlug.status).toBe(400);
    expect(badSlug.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'director.email',
      'slug',
    ]);
    const { rows } = await withOwnerClient((client) =>
      client.query('select 1 from organisations where slug = $1', [slug]),
    );
    expect(rows).toHaveLength(0);
  });

  it('creates the organisation from the command line and invites its first director', async () => {
    const created = await runAdmin(createArgs('wkkgz'), {
      KLACHTPAD_OPERATOR_TOKEN: operatorToken,
    });
    expect(created.code, created.stderr).toBe(0);
    const organisation = created.json!.organisation as Record<string, unknown>;
    expect(organisation).toMatchObject({
      slug,
      name: 'Zorg Noord',
      regime: 'wkkgz',
      procedureTemplate: 'wkkgz',
      mfaRequiredForStaff: true,
    });
    organisationId = organisation.id as string;
    // The same slug again is a conflict, through the API as from the command line.
    const again = await operatorApi('/organisations', operatorToken, {
      name: 'Zorg Noord',
      slug,
      regime: 'wkkgz',
      template: 'wkkgz',
      director: { email: directorEmail, displayName: 'Dina' },
    });
    expect(again.status).toBe(409);
    const listed = await operatorApi('/organisations', operatorToken);
    expect(listed.body.organisations).toContainEqual(
      expect.objectContaining({ id: organisationId, slug, regime: 'wkkgz' }),
    );
    worker = await server.startWorker([{ id: organisationId }]);
  });

  it('lets the director accept, enrol MFA, publish the starting procedure and invite a client who files', async () => {
    const invitationToken = await linkTokenMailedTo(directorEmail);
    const accepted = await server.gql<{ acceptInvitation: { token: string } }>(ACCEPT, {
      input: { token: invitationToken, password: 'een lang nieuw wachtwoord' },
    });
    expect(accepted.errors).toBeUndefined();
    tokens.director = accepted.data!.acceptInvitation.token;
    // Staff of this organisation must pass MFA first.
    const refused = await server.gql(CASES, {}, as('director'));
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });
    const enrolment = await server.gql<{ beginMfaEnrolment: { secret: string } }>(
      'mutation { beginMfaEnrolment { secret } }',
      {},
      { token: tokens.director },
    );
    const confirmed = await server.gql<{ confirmMfaEnrolment: { token: string } }>(
      'mutation($c: String!) { confirmMfaEnrolment(code: $c) { token } }',
      { c: currentTotp(enrolment.data!.beginMfaEnrolment.secret) },
      { token: tokens.director },
    );
    expect(confirmed.errors).toBeUndefined();
    tokens.director = confirmed.data!.confirmMfaEnrolment.token;

    const starting = await server.gql<{ startingProcedure: { regime: string } }>(
      '{ startingProcedure }',
      {},
      as('director'),
    );
    expect(starting.data!.startingProcedure.regime).toBe('wkkgz');
    const published = await server.gql<{ publishProcedure: { procedure?: { version: number } } }>(
      'mutation($d: JSON!) { publishProcedure(definition: $d) { ... on ProcedurePublished { procedure { version } } } }',
      { d: starting.data!.startingProcedure },
      as('director'),
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishProcedure.procedure?.version).toBe(1);

    const invited = await server.gql(
      INVITE,
      { input: { email: clientEmail, roles: ['CLIENT'], displayName: 'Karel Cliënt' } },
      as('director'),
    );
    expect(invited.errors).toBeUndefined();
    const clientInvitation = await linkTokenMailedTo(clientEmail);
    const client = await server.gql<{ acceptInvitation: { token: string } }>(ACCEPT, {
      input: { token: clientInvitation, password: 'nog een lang wachtwoord' },
    });
    tokens.client = client.data!.acceptInvitation.token;
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: { complainant: 'client', parts: [{ summary: 'Te lang gewacht.' }], subjectIds: [] },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    caseId = filed.data!.fileComplaint.case.id;
    const seen = await server.gql<{ cases: { totalCount: number } }>(CASES, {}, as('director'));
    expect(seen.data!.cases.totalCount).toBe(1);
  });

  it('leaves the operator outside every organisation: its credentials read no case', async () => {
    // Over GraphQL the operator token is no session: nothing of any organisation.
    for (const organisation of [slug, other.slug]) {
      const asOperator = await server.gql(CASES, {}, { token: operatorToken, organisation });
      expect(asOperator.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // In the database, the operator's scope shows no tenant row, however it asks.
    const tx = await TenantTransaction.open(server.runtimeOrm);
    try {
      await enterAsOperator(tx, operatorToken, new Date());
      for (const table of ['cases', 'case_events', 'memberships', 'invitations', 'access_log']) {
        const [row] = await tx.em.execute<{ n: number }[]>(
          `select count(*)::integer as n from ${table}`,
        );
        expect(row!.n, table).toBe(0);
      }
      const [direct] = await tx.em.execute<{ n: number }[]>(
        'select count(*)::integer as n from cases where id in (?, ?)',
        [caseId, otherCaseId],
      );
      expect(direct!.n).toBe(0);
    } finally {
      await tx.rollback();
    }
    // …while the cases are there, and the organisation's members are its director and client only.
    const inScope = <T>(id: string, sql: string, params: unknown[]) =>
      withTenantTransaction(server.ownerOrm, { organisationId: id }, (em) =>
        em.execute<T[]>(sql, params),
      );
    expect(
      await inScope(organisationId, 'select id from cases where id = ?', [caseId]),
    ).toHaveLength(1);
    expect(
      await inScope(other.id, 'select id from cases where id = ?', [otherCaseId]),
    ).toHaveLength(1);
    const members = await inScope<{ email: string }>(
      organisationId,
      `select u.email from memberships m join users u on u.id = m.user_id
        where m.organisation_id = ? order by u.email`,
      [organisationId],
    );
    expect(members.map((row) => row.email)).toEqual([clientEmail, directorEmail].sort());
  });

  it('stops a revoked operator token at once', async () => {
    const revoked = await runAdmin(['revoke-operator', operatorName]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const refused = await operatorApi('/organisations', operatorToken);
    expect(refused.status).toBe(401);
  });
});
