// The benchmark's data: organisations of realistic, uneven sizes, loaded with set-based SQL
// (generate_series), not row by row. People, memberships and procedure versions are plain rows;
// cases and their timelines are copies of a few template cases that were filed and walked through
// the real server (`cloneTemplateCases`), so every copied case is one the engine can read and act
// on, in a spread of stages.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadTemplate } from '@klachtpad/procedures';
import { hashPassword } from '../src/modules/auth/password.js';

export type Scale = 'tiny' | 'small' | 'medium' | 'large';

/** Cases per organisation, largest first. `large` is the issue's: 50 organisations, ~200,000 cases. */
export function organisationSizes(scale: Scale): number[] {
  switch (scale) {
    case 'tiny':
      return [40, 10];
    case 'small':
      return spread(5, 3_000, 2_000);
    case 'medium':
      return spread(20, 20_000, 10_000);
    case 'large':
      return spread(50, 200_000, 110_000);
  }
}

/** One large organisation, the rest falling off as 1/rank (few large tenants, many small). */
function spread(organisations: number, total: number, largest: number): number[] {
  const rest = organisations - 1;
  const harmonic = Array.from({ length: rest }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
  return [
    largest,
    ...Array.from({ length: rest }, (_, i) =>
      Math.max(20, Math.round(((total - largest) * (1 / (i + 1))) / harmonic)),
    ),
  ];
}

export const BENCH_PASSWORD = 'bench-password-not-secret';
/** The procedure every benchmark organisation publishes. */
export const BENCH_TEMPLATE = 'bureau-mhr';

export interface BenchOrganisation {
  id: string;
  slug: string;
  /** Cases the generator will copy into it. */
  size: number;
  manager: string;
  director: string;
  handlers: string[];
  /** The first client; the others are `client-N-<slug>@bench.test`. */
  client: string;
  clients: number;
  procedureVersionId: string;
  /** The reference prefix the server derives from the slug. */
  prefix: string;
}

export function emailOf(role: string, slug: string, n?: number): string {
  return `${role}${n === undefined ? '' : `-${n}`}-${slug}@bench.test`;
}

/** Runs `work` in one transaction of the owner, scoped to the organisation (forced RLS). */
async function inOrganisation(
  client: pg.ClientBase,
  organisationId: string | undefined,
  work: () => Promise<void>,
) {
  await client.query('begin');
  try {
    if (organisationId)
      await client.query(`select set_config('app.organisation_id', $1, true)`, [organisationId]);
    await work();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** Organisations, people, memberships and a published procedure: everything but the cases. */
export async function createOrganisations(
  ownerUrl: string,
  sizes: number[],
): Promise<BenchOrganisation[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const definition = loadTemplate(BENCH_TEMPLATE);
  const run = randomUUID().slice(0, 6);
  try {
    const organisations: BenchOrganisation[] = [];
    for (const [index, size] of sizes.entries()) {
      const slug = `bench-${run}-${String(index).padStart(2, '0')}`;
      const words = slug.split('-');
      const org: BenchOrganisation = {
        id: randomUUID(),
        slug,
        size,
        manager: randomUUID(),
        director: randomUUID(),
        handlers: Array.from({ length: Math.min(20, Math.max(2, Math.round(size / 2_000))) }, () =>
          randomUUID(),
        ),
        client: randomUUID(),
        clients: Math.max(5, Math.round(size / 3)),
        procedureVersionId: randomUUID(),
        prefix: words
          .map((w) => w[0])
          .join('')
          .toUpperCase(),
      };
      const named = [
        [org.manager, emailOf('manager', slug), ['manager']],
        [org.director, emailOf('director', slug), ['director']],
        [org.client, emailOf('client', slug), ['client']],
        ...org.handlers.map((id, n) => [id, emailOf('handler', slug, n), ['handler']] as const),
      ] as const;
      await inOrganisation(client, undefined, async () => {
        await client.query(
          `insert into organisations (id, slug, name, kind, mfa_required_for_staff) values ($1, $2, $3, 'care', false)`,
          [org.id, slug, `Benchmark ${index}`],
        );
        await client.query(
          `insert into users (id, email, display_name)
           select * from unnest($1::uuid[], $2::text[], $3::text[])`,
          [named.map((n) => n[0]), named.map((n) => n[1]), named.map((n) => n[2][0])],
        );
        await client.query(
          `insert into users (id, email, display_name)
           select gen_random_uuid(), format('client-%s-%s@bench.test', g, $1::text), format('Cliënt %s', g)
             from generate_series(1, $2::int - 1) g`,
          [slug, org.clients],
        );
        // Passwords live apart from the people, out of the runtime role's reach (ADR 0060).
        await client.query(
          `insert into user_secrets (user_id, password_hash)
           select id, $3 from users where id = any($1::uuid[]) or email like $2`,
          [named.map((n) => n[0]), `client-%-${slug}@bench.test`, passwordHash],
        );
      });
      await inOrganisation(client, org.id, async () => {
        await client.query(
          `insert into memberships (organisation_id, user_id, roles)
           select $1, id, array[display_name] from users where id = any($2::uuid[])`,
          [org.id, named.map((n) => n[0])],
        );
        await client.query(
          `insert into memberships (organisation_id, user_id, roles)
           select $1, id, array['client'] from users where email like $2`,
          [org.id, `client-%-${slug}@bench.test`],
        );
        await client.query(
          `insert into procedure_versions (organisation_id, id, version, definition, published_by)
           values ($1, $2, 1, $3, $4)`,
          [
            org.id,
            org.procedureVersionId,
            JSON.stringify({ ...definition, version: 1 }),
            org.director,
          ],
        );
      });
      organisations.push(org);
    }
    return organisations;
  } finally {
    await client.end();
  }
}

/**
 * Copies the template cases (filed through the server in `source`) into every organisation
 * until each has its size: the case rows, their timelines and messages, with the template's
 * people replaced by the organisation's own, creation times spread over the past two years, and
 * most cases assigned to one of the organisation's handlers. Set-based: one statement per table
 * per organisation.
 */
export async function cloneTemplateCases(
  ownerUrl: string,
  source: BenchOrganisation,
  templateCaseIds: string[],
  organisations: BenchOrganisation[],
  options: { count?: number } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // The templates, read once in the source organisation and kept in a session-local table.
    await client.query(
      `create temporary table bench_template_cases (like cases) on commit preserve rows`,
    );
    await client.query(
      `create temporary table bench_template_events (like case_events) on commit preserve rows`,
    );
    await client.query(
      `create temporary table bench_template_messages (like case_messages) on commit preserve rows`,
    );
    await inOrganisation(client, source.id, async () => {
      await client.query(
        `insert into bench_template_cases select * from cases where id = any($1::uuid[])`,
        [templateCaseIds],
      );
      await client.query(
        `insert into bench_template_events overriding system value select * from case_events where case_id = any($1::uuid[])`,
        [templateCaseIds],
      );
      await client.query(
        `insert into bench_template_messages select * from case_messages where case_id = any($1::uuid[])`,
        [templateCaseIds],
      );
    });
    await client.query(`alter table bench_template_cases add column ord serial`);
    const year = new Date().getUTCFullYear();
    for (const org of organisations) {
      await inOrganisation(client, org.id, async () => {
        const { rows } = await client.query<{ cases: number; numbered: number }>(
          `select (select count(*)::int from cases) as cases,
                  (select coalesce(max(last_number), 0)::int from case_reference_counters where year = $1) as numbered`,
          [year],
        );
        const existing = rows[0]!.numbered;
        const count = options.count ?? org.size - rows[0]!.cases;
        if (count <= 0) return;
        await client.query(
          `create temporary table bench_map on commit drop as
          with clients as (
            select user_id, row_number() over (order by user_id) as n
              from memberships where organisation_id = $1 and roles = array['client']
          ), handlers as (
            select h, row_number() over () as n from unnest($2::uuid[]) h
          )
          -- Joined on the number, not looked up per case: a lookup per case scans the clients
          -- (a third of the cases), which made a 200,000-case organisation take hours.
          select g, gen_random_uuid() as id, t.id as template_id, c.user_id as client_id,
                 h.h as handler_id,
                 now() - make_interval(secs => (g::float / $3) * 730 * 86400) as created_at
            from generate_series(1, $3) g
            join bench_template_cases t on t.ord = 1 + g % (select count(*) from bench_template_cases)
            join clients c on c.n = 1 + g % (select count(*) from clients)
            join handlers h on h.n = 1 + g % (select count(*) from handlers)`,
          [org.id, org.handlers, count],
        );
        // Who stands where in the template ($1, $2, $4, $6), and who stands there in this
        // organisation: the case's own client and handler, the organisation's manager and director.
        const people = [
          source.client,
          source.manager,
          org.manager,
          source.director,
          org.director,
          source.handlers[0],
          org.id,
        ];
        const person = (column: string) =>
          `case ${column} when $1 then m.client_id when $2 then $3::uuid when $4 then $5::uuid when $6 then m.handler_id else ${column} end`;
        const swap = (column: string) =>
          `replace(replace(replace(replace(replace(${column}::text, $1::text, m.client_id::text), $2::text, $3::text), $4::text, $5::text), $6::text, m.handler_id::text), t.id::text, m.id::text)::jsonb`;
        // Numbered as the server numbers (case.service.ts: at least four digits): lpad alone
        // would cut a number past 999,999 to its first six digits and collide.
        await client.query(
          `insert into cases (organisation_id, id, reference, procedure_version_id, client_id, filed_by_id,
             channel, category, handler_ids, subject_ids, confidant_ids, commission_ids, stages, state,
             version, received_on, next_due_on, closed, created_at, updated_at)
           select $7, m.id, format('%s-%s-%s', $8::text, $9::int, lpad((m.g + $10::int)::text, greatest(4, length((m.g + $10::int)::text)), '0')),
                  $11, m.client_id, ${person('t.filed_by_id')}, t.channel, t.category,
                  case when m.g % 10 < 7 then array[m.handler_id] else '{}' end,
                  '{}', '{}', '{}', t.stages, ${swap('t.state')},
                  t.version, m.created_at::date, t.next_due_on, t.closed, m.created_at, m.created_at
             from bench_map m join bench_template_cases t on t.id = m.template_id`,
          [...people, org.prefix, year, existing, org.procedureVersionId],
        );
        await client.query(
          `insert into case_events (organisation_id, case_id, sequence, type, visibility, actor_id,
             on_behalf_of_id, payload, occurred_at)
           select $7, m.id, e.sequence, e.type, e.visibility, ${person('e.actor_id')},
                  null, ${swap('e.payload')}, m.created_at + (e.occurred_at - t.created_at)
             from bench_map m join bench_template_cases t on t.id = m.template_id
             join bench_template_events e on e.case_id = t.id`,
          people,
        );
        await client.query(
          `insert into case_messages (organisation_id, id, case_id, author_id, body, visibility, posted_at)
           select $7, gen_random_uuid(), m.id, ${person('e.author_id')},
                  e.body, e.visibility, m.created_at + (e.posted_at - t.created_at)
             from bench_map m join bench_template_cases t on t.id = m.template_id
             join bench_template_messages e on e.case_id = t.id
            where e.visibility <> 'subject'`,
          people,
        );
        // New complaints continue the numbering instead of colliding with the copies.
        await client.query(
          `insert into case_reference_counters (organisation_id, year, last_number) values ($1, $2, $3)
           on conflict (organisation_id, year) do update set last_number = greatest(case_reference_counters.last_number, excluded.last_number)`,
          [org.id, year, existing + count + 1],
        );
      });
    }
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/**
 * Adds `count` managers to an organisation (the fan-out phase: the server caps sockets per
 * person), signed in with the bench password as `emailOf('fanout', slug, n)`.
 */
export async function addManagers(
  ownerUrl: string,
  org: BenchOrganisation,
  count: number,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const emails = Array.from({ length: count }, (_, n) => emailOf('fanout', org.slug, n));
  try {
    await inOrganisation(client, undefined, async () => {
      await client.query(
        `insert into users (id, email, display_name)
         select gen_random_uuid(), e, 'Manager' from unnest($1::text[]) e`,
        [emails],
      );
      await client.query(
        `insert into user_secrets (user_id, password_hash)
         select id, $2 from users where email = any($1::text[])`,
        [emails, passwordHash],
      );
    });
    await inOrganisation(client, org.id, async () => {
      await client.query(
        `insert into memberships (organisation_id, user_id, roles)
         select $1, id, array['manager'] from users where email = any($2::text[])`,
        [org.id, emails],
      );
    });
  } finally {
    await client.end();
  }
  return emails;
}
