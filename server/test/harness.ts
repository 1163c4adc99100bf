import { sessionCookieFor } from '../src/core/http/session-cookie.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '@klachtpad/contracts';
import { loadTemplate, type ProcedureDefinition } from '@klachtpad/procedures';
import { createApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/core/config.js';
import type { Orm } from '../src/core/db/orm.js';
import { createOrm } from '../src/orm.js';
import { withTenantTransaction } from '../src/core/db/tenant-session.js';
import { createLogger, type Logger } from '../src/core/logger.js';
import { startKlachtpadWorker, type KlachtpadWorker } from '../src/jobs.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { currentTotp } from '../src/modules/auth/totp.js';
import { Membership } from '../src/modules/memberships/membership.entity.js';
import { Organisation } from '../src/modules/organisations/organisation.entity.js';
import { ProcedureVersion } from '../src/modules/procedures/procedure-version.entity.js';
import { createAccountAsOwner } from '../src/modules/users/account.js';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface Actor {
  token?: string | undefined;
  organisation?: string | undefined;
  /** The client's address, as a proxy on loopback forwards it (`X-Forwarded-For`). */
  clientAddress?: string | undefined;
}

/** A test's clock: starts at real time and moves only when the test says so. */
export class TestClock {
  private current = new Date();
  readonly now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Moves to an instant, never back: cases refuse to go back in time, as real ones would. */
  advanceTo(instant: Date) {
    if (instant > this.current) this.current = new Date(instant);
  }
}

export interface TestServer {
  url: string;
  /** The application itself: its live feed and open sockets, for the realtime stories. */
  app: App;
  config: Config;
  clock: TestClock;
  runtimeOrm: Orm;
  ownerOrm: Orm;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Actor,
  ): Promise<GraphqlResponse<T>>;
  /**
   * Counts the SQL statements the server runs while `work` runs (transaction control included).
   * Nothing else may talk to the server meanwhile.
   */
  countQueries<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; queries: number; statements: string[] }>;
  /** Runs the access-log sealer's round now instead of waiting for its timer. */
  sealAccessLog(): Promise<number>;
  /**
   * Starts a queue worker on the test's clock that serves only these organisations (test files
   * share one database, each with its own clock), driven by the test (`tick`, `drain`); stopped
   * with the server. Each call starts another one, as another process would.
   */
  startWorker(organisations: readonly { id: string }[]): Promise<KlachtpadWorker>;
  close(): Promise<void>;
}

/** Sessions that outlive the weeks a story lets pass on its clock. */
export const LONG_SESSIONS = {
  SESSION_IDLE_MINUTES: String(60 * 24 * 400),
  SESSION_ABSOLUTE_HOURS: String(24 * 400),
};

/** The key sealing TOTP secrets in tests (`MFA_ENCRYPTION_KEY`): 32 bytes, base64. */
export const TEST_MFA_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The test config: production mode (as deployed), quiet logs, short sign-in delays, cost and
 * sign-in-address budgets no story reaches (the rate-limit tests set their own), and one key sealing TOTP secrets for
 * every test server (a restart in a story must open what the first one sealed).
 */
export function testConfig(env: Record<string, string> = {}): Config {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_USER_COST: String(1e9),
    RATE_LIMIT_ORGANISATION_COST: String(1e9),
    // Every story signs in from 127.0.0.1 into one shared limit table; the limit's own story
    // sets a low one and its own addresses.
    SIGN_IN_ADDRESS_LIMIT: String(1e6),
    MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    ...env,
  });
  return { ...config, signIn: { ...config.signIn, maxDelayMs: 20 } };
}

/** The real application on the test database, listening on a free loopback port. */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    poolMax?: number;
    /** A clock that goes on from an earlier server (a restart in the same story). */
    clock?: TestClock;
    /** Where the runtime role connects instead of the test database (e.g. through a proxy). */
    runtimeUrl?: string;
    /** The server's log, for tests that read what it wrote. */
    log?: Logger;
  } = {},
): Promise<TestServer> {
  const database = inject('database');
  const config = testConfig(options.env);
  const clock = options.clock ?? new TestClock();
  const runtimeOrm = await createOrm(
    options.runtimeUrl ?? database.runtimeUrl,
    options.poolMax ?? 4,
    config.dbTimeouts,
  );
  const ownerOrm = await createOrm(database.migrationUrl, 2);
  const app: App = await createApp({
    config,
    orm: runtimeOrm,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: clock.now,
  });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const workers: KlachtpadWorker[] = [];
  return {
    url,
    app,
    config,
    clock,
    runtimeOrm,
    ownerOrm,
    async gql(query, variables, as = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // A fresh connection per request: a test that computes for longer than the server's
          // keep-alive timeout (a route search on a loaded machine) would otherwise send its next
          // request on a socket the server is closing, and get ECONNRESET for machine speed.
          connection: 'close',
          ...(as.token ? { authorization: `Bearer ${as.token}` } : {}),
          ...(as.organisation ? { 'x-organisation': as.organisation } : {}),
          ...(as.clientAddress ? { 'x-forwarded-for': as.clientAddress } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphqlResponse, 'status'>;
      return { status: response.status, ...body } as GraphqlResponse<never>;
    },
    async countQueries(work) {
      let queries = 0;
      const statements: string[] = [];
      const count = (query: { sql?: string }) => {
        queries += 1;
        statements.push(query.sql ?? '');
      };
      // Knex reports every statement, including those inside transactions, on its client.
      const knex = runtimeOrm.em.getKnex();
      knex.on('query', count);
      try {
        const result = await work();
        return { result, queries, statements };
      } finally {
        knex.off('query', count);
      }
    },
    sealAccessLog: () => app.accessLogSealer.sealNow(),
    async startWorker(organisations) {
      const ids = organisations.map((organisation) => organisation.id);
      const worker = await startKlachtpadWorker({
        config,
        orm: runtimeOrm,
        log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
        clock: clock.now,
        organisationIds: () => ids,
        tickMs: 0,
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const worker of workers.splice(0)) await worker.stop();
      await app.close();
      await runtimeOrm.close(true);
      await ownerOrm.close(true);
    },
  };
}

/**
 * A plain connection as the schema owner, for what only an operator (or an attacker with the
 * owner's rights) could do: verify the access log, or tamper with it.
 */
export async function withOwnerClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('database').migrationUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ArrangedPerson {
  id: string;
  email: string;
  password: string;
}

export interface ArrangedOrganisation {
  id: string;
  slug: string;
  people: Record<string, ArrangedPerson>;
}

const passwordHashes = new Map<string, Promise<string>>();

/**
 * Creates an organisation with a unique slug and one account per named person, as the platform
 * operator would. Tests arrange their own organisations, so they never depend on each other.
 */
export async function arrangeOrganisation(
  ownerOrm: Orm,
  people: Record<string, Role[]>,
  options: {
    mfaRequiredForStaff?: boolean;
    kind?: 'care' | 'commission';
    handlerIntakeQueue?: boolean;
  } = {},
): Promise<ArrangedOrganisation> {
  const id = randomUUID();
  const slug = `test-${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery staple';
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  const passwordHash = await passwordHashes.get(password)!;
  const arranged: Record<string, ArrangedPerson> = {};
  await withTenantTransaction(ownerOrm, {}, async (em) => {
    em.create(Organisation, {
      id,
      slug,
      name: `Organisation ${slug}`,
      kind: options.kind ?? 'care',
      mfaRequiredForStaff: options.mfaRequiredForStaff ?? false,
      handlerIntakeQueue: options.handlerIntakeQueue ?? false,
      createdAt: new Date(),
    });
    for (const name of Object.keys(people)) {
      const person = { id: randomUUID(), email: `${name}-${slug}@example.test`, password };
      arranged[name] = person;
      await createAccountAsOwner(em, {
        id: person.id,
        email: person.email,
        displayName: name,
        passwordHash,
      });
    }
  });
  await withTenantTransaction(ownerOrm, { organisationId: id }, async (em) => {
    for (const [name, roles] of Object.entries(people)) {
      em.create(Membership, {
        organisationId: id,
        userId: arranged[name]!.id,
        roles,
        createdAt: new Date(),
      });
    }
  });
  return { id, slug, people: arranged };
}

/** Gives an existing person roles in another organisation too. */
export async function addMembership(
  ownerOrm: Orm,
  organisationId: string,
  userId: string,
  roles: Role[],
) {
  await withTenantTransaction(ownerOrm, { organisationId }, async (em) => {
    em.create(Membership, { organisationId, userId, roles, createdAt: new Date() });
  });
}

/** The session cookie's name for requests to the test server, as a browser there would get it. */
export function sessionCookieName(server: Pick<TestServer, 'config' | 'url'>): string {
  return sessionCookieFor(server.config, { secure: false, hostname: new URL(server.url).hostname })
    .name;
}

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      mfaRequired
      expiresAt
    }
  }
`;

/** Signs a person in and returns their bearer token; fails the test if sign-in fails. */
export async function signIn(server: TestServer, person: ArrangedPerson): Promise<string> {
  const result = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
    email: person.email,
    password: person.password,
  });
  if (!result.data?.signIn) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  return result.data.signIn.token;
}

/**
 * Turns a person's second factor on through the API (begin, then a first code) and returns the
 * session's new token, which counts as having passed it; fails the test if it cannot.
 */
export async function enrolSecondFactor(server: TestServer, token: string): Promise<string> {
  const begun = await server.gql<{ beginMfaEnrolment: { secret: string } }>(
    'mutation { beginMfaEnrolment { secret } }',
    {},
    { token },
  );
  const secret = begun.data?.beginMfaEnrolment.secret;
  if (!secret) throw new Error(`enrolment failed: ${JSON.stringify(begun.errors)}`);
  const confirmed = await server.gql<{ confirmMfaEnrolment: { token: string } }>(
    'mutation($code: String!) { confirmMfaEnrolment(code: $code) { token } }',
    { code: currentTotp(secret) },
    { token },
  );
  const verified = confirmed.data?.confirmMfaEnrolment.token;
  if (!verified) throw new Error(`enrolment failed: ${JSON.stringify(confirmed.errors)}`);
  return verified;
}

/** Publishes a procedure template as the organisation's current version, as its director would. */
export async function publishTemplate(
  ownerOrm: Orm,
  organisation: ArrangedOrganisation,
  slug: string,
  publisher: ArrangedPerson,
) {
  await publishDefinition(ownerOrm, organisation, loadTemplate(slug), publisher);
}

/** Publishes a procedure definition (a template changed for a story) as the next version. */
export async function publishDefinition(
  ownerOrm: Orm,
  organisation: ArrangedOrganisation,
  definition: ProcedureDefinition,
  publisher: ArrangedPerson,
) {
  await withTenantTransaction(ownerOrm, { organisationId: organisation.id }, async (em) => {
    const latest = await em.findOne(
      ProcedureVersion,
      { organisationId: organisation.id },
      { orderBy: { version: 'desc' } },
    );
    const version = (latest?.version ?? 0) + 1;
    em.create(ProcedureVersion, {
      organisationId: organisation.id,
      id: randomUUID(),
      version,
      definition: { ...definition, version },
      publishedAt: new Date(),
      publishedBy: publisher.id,
    });
  });
}
