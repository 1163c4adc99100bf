import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  cloneTemplateCases,
  createOrganisations,
  BENCH_PASSWORD,
  emailOf,
  type BenchOrganisation,
} from '../../../bench/generate.js';
import {
  ORGANISATION_ACCESS_LOG,
  type OrganisationAccessLogAnswer,
} from '../../../test/access-log-operations.js';
import { enrolSecondFactor, startTestServer, type TestServer } from '../../../test/harness.js';

interface Statement {
  sql: string;
  bindings: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`;
const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { __typename ... on CaseChanged { case { id } } } }`;
const POST = `mutation Post($input: PostMessageInput!) { postMessage(input: $input) { id } }`;
const INBOX = `query { cases(first: 20) { totalCount edges { node { id reference stages { label { nl } } handlerIds timeline { type occurredAt } } } } }`;
const FLAGGED = `query { cases(first: 20, filter: { needsReassignment: true }) { totalCount edges { node { id needsReassignment } } } }`;
const DASHBOARD = `query { dashboard { open overdue stages { stage count } leadTimes { closed medianDays p90Days withinTerm } receivedByCategory { month key count } closedByOutcome { month key count } } }`;
const CASE_PAGE = `query CasePage($id: ID!) { case(id: $id) { id version timeline { sequence type payload } deadlines { due } availableActions { id } messages { body } } }`;

/**
 * The statements of the hot requests (session, organisation and membership, the inbox page, a
 * case page with its timeline, the access-log append), captured as the server sends them and
 * explained on generated data of a few organisations of different sizes: every tenant table is
 * reached through an index that leads with `organisation_id` (the key of RLS, of every primary
 * key and of a Citus distribution), never by a sequential scan.
 */
describe('query plans of the hot requests', () => {
  const database = inject('database');
  let server: TestServer;
  let largest: BenchOrganisation;
  let owner: pg.Client;
  /** Index name → its first column, and the tables that carry organisation_id. */
  const leading = new Map<string, string>();
  const tenantTables = new Set<string>();
  let manager: string;
  let caseId: string;

  const as = (token: string) => ({ token, organisation: largest.slug });

  /** The statements one GraphQL request sends (knex reports every one, in transactions too). */
  const capture = async (query: string, variables: Record<string, unknown>, token: string) => {
    const statements: Statement[] = [];
    const knex = server.runtimeOrm.em.getKnex();
    const seen = (event: { sql: string; bindings?: unknown[] }) =>
      statements.push({ sql: event.sql, bindings: event.bindings ?? [] });
    knex.on('query', seen);
    try {
      const result = await server.gql(query, variables, as(token));
      expect(result.errors).toBeUndefined();
    } finally {
      knex.off('query', seen);
    }
    return statements.filter((s) => /^\s*(select|insert|update|delete|with)\b/i.test(s.sql));
  };

  /**
   * The plan of a statement as the runtime role gets it, under the scope a request sets (RLS
   * policies are part of the plan), without running it.
   */
  const explain = async (statement: Statement, scope: Record<string, string>) => {
    const client = new pg.Client({ connectionString: database.runtimeUrl });
    await client.connect();
    try {
      await client.query('begin');
      // Small tables (a few procedure versions) are cheaper to scan than to look up, and the
      // planner rightly scans them; what must hold at every size is that an index leading with
      // the organisation serves the statement. With sequential scans priced out, a scan still
      // shows wherever no index can serve it.
      await client.query(`set local enable_seqscan = off`);
      for (const [name, value] of Object.entries(scope))
        await client.query(`select set_config($1, $2, true)`, [name, value]);
      let position = 0;
      const sql = statement.sql.replace(/\?/g, () => `$${++position}`);
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (format json) ${sql}`,
        statement.bindings.map((value) =>
          value !== null && typeof value === 'object' && !(value instanceof Date)
            ? JSON.stringify(value)
            : value,
        ),
      );
      await client.query('rollback');
      return rows[0]!['QUERY PLAN'][0].Plan;
    } finally {
      await client.end();
    }
  };

  const scans = (node: PlanNode): PlanNode[] => [
    ...(node['Relation Name'] || node['Index Name'] ? [node] : []),
    ...(node.Plans ?? []).flatMap(scans),
  ];

  /**
   * What is wrong with a plan: sequential scans and indexes not led by the organisation. One
   * index is let through, for one kind of statement: `memberships_user_idx` (a user is a global
   * identity; "my organisations" is read across organisations) where the statement names both
   * the organisation and the user, i.e. the one membership row of (organisation, user). Both it
   * and the primary key find that row in one probe, the planner takes either, and the
   * organisation stays in the statement for RLS and for routing to its shard (ADR 0071). The
   * same probe is what the `users_select` policy (migration 0001) adds to a statement that reads
   * people by id, names for a page (ADR 0087): a person is visible through their membership of
   * (the organisation in scope, that user), written in the policy rather than the statement.
   */
  const faults = (plan: PlanNode, sql = '') =>
    scans(plan).flatMap((scan) => {
      if (
        scan['Index Name'] === 'memberships_user_idx' &&
        ((/organisation_id"? = /.test(sql) && /user_id"? = /.test(sql)) ||
          /^select "u0"\.\* from "users" as "u0" where "u0"\."id" in \(/.test(sql))
      )
        return [];
      const table = scan['Relation Name'];
      if (scan['Node Type'] === 'Seq Scan' && table && tenantTables.has(table))
        return [`sequential scan of ${table}`];
      const index = scan['Index Name'];
      if (index && leading.has(index) && tenantTables.has(leading.get(index)!.split('.')[0]!)) {
        const column = leading.get(index)!.split('.')[1];
        if (column !== 'organisation_id') return [`${index} leads with ${column}`];
      }
      return [];
    });

  beforeAll(async () => {
    server = await startTestServer();
    // A large organisation and a few smaller ones, as the benchmark generates them (bench/).
    const organisations = await createOrganisations(database.migrationUrl, [3_000, 400, 150]);
    largest = organisations[0]!;
    const signIn = async (email: string) =>
      (
        await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
          email,
          password: BENCH_PASSWORD,
        })
      ).data!.signIn.token;
    manager = await signIn(emailOf('manager', largest.slug));
    const client = await signIn(emailOf('client', largest.slug));
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'De afspraak werd verzet.' }] } },
      as(client),
    );
    caseId = filed.data!.fileComplaint.case.id;
    await server.gql(
      POST,
      { input: { caseId, body: 'Wanneer hoor ik iets?', visibility: 'SHARED' } },
      as(client),
    );
    await cloneTemplateCases(database.migrationUrl, largest, [caseId], organisations);
    owner = new pg.Client({ connectionString: database.migrationUrl });
    await owner.connect();
    await owner.query('analyze');
    const { rows } = await owner.query<{ index: string; first: string }>(
      `select i.relname as index, t.relname || '.' || a.attname as first
         from pg_index x
         join pg_class i on i.oid = x.indexrelid
         join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
         left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]`,
    );
    for (const row of rows) leading.set(row.index, row.first ?? `${row.first}.(expression)`);
    const tenant = await owner.query<{ table_name: string }>(
      `select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'organisation_id'`,
    );
    for (const row of tenant.rows) tenantTables.add(row.table_name);
  }, 300_000);
  afterAll(async () => {
    await owner?.end();
    await server?.close();
  });

  const scopeOf = async (role = 'manager') => {
    const { rows } = await owner.query<{ user_id: string }>(
      `select id as user_id from users where email = $1`,
      [emailOf(role, largest.slug)],
    );
    return {
      'app.organisation_id': largest.id,
      'app.user_id': rows[0]!.user_id,
    };
  };

  it('reads the session, the organisation, the membership and an inbox page through the organisation’s indexes', async () => {
    const statements = await capture(INBOX, {}, manager);
    const scope = await scopeOf();
    const tables = new Set<string>();
    const found: Record<string, string[]> = {};
    for (const statement of statements) {
      const plan = await explain(statement, scope);
      for (const scan of scans(plan)) if (scan['Relation Name']) tables.add(scan['Relation Name']);
      const wrong = faults(plan, statement.sql);
      if (wrong.length > 0) found[statement.sql.slice(0, 120)] = wrong;
    }
    expect(found).toEqual({});
    // The hot statements were all there to be checked.
    for (const table of [
      'sessions',
      'organisations',
      'memberships',
      'cases',
      'case_events',
      'procedure_versions',
    ])
      expect(tables).toContain(table);
    expect(statements.some((s) => /insert into "?access_log/i.test(s.sql))).toBe(true);
  }, 120_000);

  it('reads a case page with its timeline, deadlines, actions and messages through the organisation’s indexes', async () => {
    const statements = await capture(CASE_PAGE, { id: caseId }, manager);
    const scope = await scopeOf();
    const found: Record<string, string[]> = {};
    for (const statement of statements) {
      const wrong = faults(await explain(statement, scope), statement.sql);
      if (wrong.length > 0) found[statement.sql.slice(0, 120)] = wrong;
    }
    expect(found).toEqual({});
    expect(statements.some((s) => /from "?case_messages/i.test(s.sql))).toBe(true);
  }, 120_000);

  it('reads the director’s access log, filtered by case, person and period and paged, through the organisation’s indexes', async () => {
    // Every read above added lines; a director with a second factor reads them (ADR 0087).
    const director = await enrolSecondFactor(
      server,
      (
        await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
          email: emailOf('director', largest.slug),
          password: BENCH_PASSWORD,
        })
      ).data!.signIn.token,
    );
    const scope = await scopeOf('director');
    const first = await server.gql<OrganisationAccessLogAnswer>(
      ORGANISATION_ACCESS_LOG,
      { first: 2 },
      as(director),
    );
    const after = first.data!.organisationAccessLog.pageInfo.endCursor;
    expect(after).not.toBeNull();
    const day = new Date(Date.now() - 86_400_000).toISOString();
    const reference = (
      await server.gql<{ case: { reference: string } }>(
        `query($id: ID!) { case(id: $id) { reference } }`,
        { id: caseId },
        as(director),
      )
    ).data!.case.reference;
    const filters = [
      {},
      { caseId },
      { caseReference: reference },
      { actorId: scope['app.user_id'] },
      { from: day, to: new Date(Date.now() + 86_400_000).toISOString() },
      { caseId, actorId: scope['app.user_id'], from: day },
    ];
    const found: Record<string, string[]> = {};
    const indexes = new Set<string>();
    for (const filter of filters) {
      for (const page of [{}, { after }]) {
        const statements = await capture(
          ORGANISATION_ACCESS_LOG,
          { filter, first: 20, ...page },
          director,
        );
        expect(statements.some((s) => /from "?access_log/i.test(s.sql))).toBe(true);
        for (const statement of statements) {
          const plan = await explain(statement, scope);
          for (const scan of scans(plan))
            if (scan['Relation Name'] === 'access_log' && scan['Index Name'])
              indexes.add(scan['Index Name']);
          const wrong = faults(plan, statement.sql);
          if (wrong.length > 0)
            found[`${JSON.stringify(filter)} ${statement.sql.slice(0, 100)}`] = wrong;
        }
      }
    }
    expect(found).toEqual({});
    // The log's own indexes serve it, not only its primary key.
    expect(indexes).toContain('access_log_recent_idx');
    expect(indexes).toContain('access_log_actor_idx');
  }, 180_000);

  it('lists the cases that wait for a new handler through the organisation’s indexes (ADR 0096)', async () => {
    const statements = await capture(FLAGGED, {}, manager);
    const scope = await scopeOf();
    const found: Record<string, string[]> = {};
    for (const statement of statements) {
      const wrong = faults(await explain(statement, scope), statement.sql);
      if (wrong.length > 0) found[statement.sql.slice(0, 120)] = wrong;
    }
    expect(found).toEqual({});
    expect(statements.some((s) => /released_handler_ids/i.test(s.sql))).toBe(true);
  }, 120_000);

  it.each(['URGENCY', 'REFERENCE', 'STAGE', 'HANDLER', 'CATEGORY'])(
    'orders an inbox page by %s through the organisation’s indexes',
    async (order) => {
      const statements = await capture(
        `query ($order: CaseOrder) { cases(first: 20, order: $order) { edges { cursor node { id } } } }`,
        { order },
        manager,
      );
      const scope = await scopeOf();
      const found: Record<string, string[]> = {};
      for (const statement of statements) {
        const wrong = faults(await explain(statement, scope), statement.sql);
        if (wrong.length > 0) found[statement.sql.slice(0, 120)] = wrong;
      }
      expect(found).toEqual({});
      expect(statements.some((s) => /from "?cases/i.test(s.sql))).toBe(true);
    },
    120_000,
  );

  it('counts the management dashboard, its lead times and trends, through the organisation’s indexes (ADR 0086)', async () => {
    const statements = await capture(DASHBOARD, {}, manager);
    const scope = await scopeOf();
    const found: Record<string, string[]> = {};
    const indexes = new Set<string>();
    for (const statement of statements) {
      const plan = await explain(statement, scope);
      for (const scan of scans(plan)) if (scan['Index Name']) indexes.add(scan['Index Name']);
      const wrong = faults(plan, statement.sql);
      if (wrong.length > 0) found[statement.sql.slice(0, 120)] = wrong;
    }
    expect(found).toEqual({});
    for (const view of ['case_receipts', 'case_closings', 'case_part_closings'])
      expect(statements.some((s) => new RegExp(`from "?${view}`, 'i').test(s.sql))).toBe(true);
    // Every scan goes through an index led by organisation_id (the check above). Which of those
    // the planner picks for the months' bounds depends on statistics that the other stories,
    // writing to the same database meanwhile, keep changing: a clean-clone run picked another
    // organisation-led index once, so the names are not asserted.
    expect(indexes.size).toBeGreaterThan(0);
  }, 120_000);

  it('sees a sequential scan or a foreign-led index where there is one (the check itself can fail)', async () => {
    const scope = await scopeOf();
    const plan = await explain(
      {
        sql: `select * from cases where handler_ids @> array[?]::uuid[] and reference like ?`,
        bindings: [largest.handlers[0], '%x%'],
      },
      scope,
    );
    const membership = await explain(
      { sql: `select * from memberships where user_id = ?`, bindings: [scope['app.user_id']] },
      scope,
    );
    expect([...faults(plan), ...faults(membership)].length).toBeGreaterThan(0);
  }, 120_000);
});
