// The benchmark's ceiling: the least a server can do to answer the same requests from the same
// database. Plain node:http and pg, no framework, no ORM, no GraphQL; but every statement
// Klachtpad needs for the answer is here too, in the same transaction: the session check with its
// scope, the organisation and membership, the scope of the organisation, the data, the procedure
// engine's computation where the answer needs it, and the access-log line. What Klachtpad costs
// beyond this is what its layers add (run.ts prints the ratio).
import http from 'node:http';
import pg from 'pg';
import {
  applyAction,
  availableActions,
  explainClocks,
  fileCase,
  type Actor,
  type CaseState,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import { hashSessionToken } from '../src/modules/auth/session-token.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

interface Entered {
  client: pg.PoolClient;
  userId: string;
  organisationId: string;
  slug: string;
  roles: string[];
}

class Refused extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

/** Session, user scope, organisation, membership, organisation scope: Klachtpad's request entry. */
async function enter(client: pg.PoolClient, req: http.IncomingMessage): Promise<Entered> {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const slug = String(req.headers['x-organisation'] ?? '');
  if (!token) throw new Refused(401);
  const hash = hashSessionToken(token);
  await client.query(`select set_config('app.session_token_hash', $1, true)`, [hash]);
  const session = await client.query<{ user_id: string; live: boolean }>(
    `select user_id, revoked_at is null and expires_at > now() and last_seen_at > now() - interval '1 day' as live
       from sessions where token_hash = $1`,
    [hash],
  );
  const userId = session.rows[0]?.live ? session.rows[0].user_id : undefined;
  await client.query(
    `select set_config('app.session_token_hash', '', true), set_config('app.user_id', $1, true)`,
    [userId ?? ''],
  );
  if (!userId) throw new Refused(401);
  const organisation = await client.query<{ id: string }>(
    `select id, mfa_required_for_staff from organisations where slug = $1`,
    [slug],
  );
  const organisationId = organisation.rows[0]?.id;
  const membership = organisationId
    ? await client.query<{ roles: string[] }>(
        `select roles from memberships where organisation_id = $1 and user_id = $2`,
        [organisationId, userId],
      )
    : undefined;
  const roles = membership?.rows[0]?.roles;
  if (!organisationId || !roles) throw new Refused(403);
  await client.query(`select set_config('app.organisation_id', $1, true)`, [organisationId]);
  return { client, userId, organisationId, slug, roles };
}

async function accessLog(
  e: Entered,
  action: string,
  caseId: string | null,
  clientId: string | null,
) {
  await e.client.query(
    `insert into access_log (organisation_id, occurred_at, case_id, client_id, user_id, role, action, outcome)
     values ($1, now(), $2, $3, $4, $5, $6, 'allowed')`,
    [e.organisationId, caseId, clientId, e.userId, e.roles[0], action],
  );
}

async function definitions(e: Entered, ids: string[]): Promise<Map<string, ProcedureDefinition>> {
  const { rows } = await e.client.query<{ id: string; definition: ProcedureDefinition }>(
    `select id, definition from procedure_versions where organisation_id = $1 and id = any($2::uuid[])`,
    [e.organisationId, [...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row.definition]));
}

function stages(definition: ProcedureDefinition, tracks: CaseState['tracks']) {
  return Object.entries(tracks)
    .filter(([, track]) => track.status === 'active')
    .map(([trackId, track]) => ({
      label: definition.tracks
        .find((t) => t.id === trackId)
        ?.stages.find((s) => s.id === track.stage)?.label ?? { nl: track.stage, en: track.stage },
    }));
}

const isStaff = (roles: string[]) =>
  roles.some((r) => ['handler', 'manager', 'director'].includes(r));
/** Who may see which cases: the same rule Klachtpad's ability turns into SQL. */
function visible(e: Entered, from: number): { sql: string; params: unknown[] } {
  if (e.roles.includes('manager') || e.roles.includes('director'))
    return { sql: 'true', params: [] };
  if (e.roles.includes('handler'))
    return { sql: `handler_ids @> array[$${from}]::uuid[]`, params: [e.userId] };
  return { sql: `client_id = $${from}`, params: [e.userId] };
}

type Handler = (e: Entered, body: Record<string, unknown>) => Promise<unknown>;

const routes: Record<string, Handler> = {
  async '/me'(e) {
    return { me: { id: e.userId } };
  },

  async '/inbox'(e) {
    const filter = visible(e, 2);
    const { rows: cases } = await e.client.query<{
      id: string;
      reference: string;
      received_on: string;
      closed: boolean;
      handler_ids: string[];
      procedure_version_id: string;
      parts: { summary: string }[];
      tracks: CaseState['tracks'];
    }>(
      `select id, reference, received_on::text, closed, handler_ids, procedure_version_id,
              state->'parts' as parts, state->'tracks' as tracks
         from cases where organisation_id = $1 and ${filter.sql}
        order by created_at desc, id desc limit 21`,
      [e.organisationId, ...filter.params],
    );
    const page = cases.slice(0, 20);
    const ids = page.map((c) => c.id);
    const defs = await definitions(
      e,
      page.map((c) => c.procedure_version_id),
    );
    const { rows: events } = await e.client.query<{
      case_id: string;
      type: string;
      occurred_at: Date;
    }>(
      `select case_id, type, occurred_at from case_events
        where organisation_id = $1 and case_id = any($2::uuid[]) order by case_id, sequence`,
      [e.organisationId, ids],
    );
    await accessLog(e, 'list', null, null);
    const staff = isStaff(e.roles);
    return {
      cases: {
        edges: page.map((c) => ({
          node: {
            id: c.id,
            reference: c.reference,
            receivedOn: c.received_on,
            closed: c.closed,
            stages: stages(defs.get(c.procedure_version_id)!, c.tracks),
            parts: c.parts.map((p) => ({ summary: p.summary })),
            handlerIds: staff ? c.handler_ids : null,
            timeline: events
              .filter((ev) => ev.case_id === c.id)
              .map((ev) => ({ type: ev.type, occurredAt: ev.occurred_at.toISOString() })),
          },
        })),
      },
    };
  },

  async '/case'(e, body) {
    const filter = visible(e, 3);
    const { rows } = await e.client.query(
      `select * from cases where organisation_id = $1 and id = $2 and ${filter.sql}`,
      [e.organisationId, body.id, ...filter.params],
    );
    const kase = rows[0] as
      | {
          id: string;
          reference: string;
          version: number;
          received_on: Date;
          closed: boolean;
          handler_ids: string[];
          client_id: string;
          procedure_version_id: string;
          state: CaseState;
        }
      | undefined;
    if (!kase) return { case: null };
    const definition = (await definitions(e, [kase.procedure_version_id])).get(
      kase.procedure_version_id,
    )!;
    const { rows: events } = await e.client.query<{
      sequence: number;
      type: string;
      occurred_at: Date;
      payload: unknown;
    }>(
      `select sequence, type, visibility, payload, occurred_at, actor_id from case_events
        where organisation_id = $1 and case_id = $2 order by sequence`,
      [e.organisationId, kase.id],
    );
    const { rows: messages } = await e.client.query<{
      id: string;
      body: string;
      visibility: string;
      posted_at: Date;
    }>(
      `select id, body, visibility, posted_at from case_messages
        where organisation_id = $1 and case_id = $2 order by posted_at, id`,
      [e.organisationId, kase.id],
    );
    await accessLog(e, 'view', kase.id, kase.client_id);
    const actor: Actor = { roles: e.roles as Actor['roles'], relationships: [] };
    return {
      case: {
        id: kase.id,
        reference: kase.reference,
        version: kase.version,
        closed: kase.closed,
        stages: stages(definition, kase.state.tracks),
        parts: kase.state.parts.map((p) => ({ summary: p.summary })),
        handlerIds: kase.handler_ids,
        timeline: events.map((ev) => ({
          sequence: ev.sequence,
          type: ev.type,
          occurredAt: ev.occurred_at.toISOString(),
          payload: ev.payload,
        })),
        deadlines: explainClocks(definition, kase.state, 'nl').map((d) => ({
          clock: d.clock,
          due: d.due,
          explanation: d.explanation,
          status: d.status,
        })),
        availableActions: availableActions(definition, kase.state, actor, new Date()).map((a) => ({
          id: a.id,
          label: { nl: a.label.nl },
          inputs: a.inputs,
        })),
        messages: messages.map((m) => ({
          id: m.id,
          body: m.body,
          visibility: m.visibility.toUpperCase(),
          postedAt: m.posted_at.toISOString(),
        })),
      },
    };
  },

  async '/perform'(e, body) {
    const input = body.input as {
      caseId: string;
      action: string;
      expectedVersion: number;
      payload: Record<string, unknown>;
    };
    const { rows } = await e.client.query<{
      id: string;
      client_id: string;
      version: number;
      procedure_version_id: string;
      state: CaseState;
    }>(`select * from cases where organisation_id = $1 and id = $2 for update`, [
      e.organisationId,
      input.caseId,
    ]);
    const kase = rows[0];
    if (!kase) return { performAction: null };
    if (kase.version !== input.expectedVersion) throw new Refused(409);
    const definition = (await definitions(e, [kase.procedure_version_id])).get(
      kase.procedure_version_id,
    )!;
    const actor: Actor = { roles: e.roles as Actor['roles'], relationships: [] };
    const result = applyAction(
      definition,
      kase.state,
      actor,
      input.action,
      input.payload ?? {},
      new Date(),
    );
    if (!result.ok)
      return { performAction: { __typename: 'ActionRefused', code: result.refusal.code } };
    await e.client.query(
      `update cases set state = $3, version = $4, closed = $5, updated_at = now() where organisation_id = $1 and id = $2`,
      [e.organisationId, kase.id, result.state, result.state.version, result.state.closed],
    );
    await insertEvents(e, kase.id, result.events);
    await accessLog(e, `perform:${input.action}`, kase.id, kase.client_id);
    return {
      performAction: {
        __typename: 'CaseChanged',
        case: { id: kase.id, version: result.state.version },
      },
    };
  },

  async '/message'(e, body) {
    const input = body.input as { caseId: string; body: string; visibility: string };
    // As Klachtpad does: the case row locked (every change to a case takes it, and the next
    // timeline sequence is counted under it), the message, and its entry on the timeline.
    const { rows } = await e.client.query<{ client_id: string }>(
      `select client_id from cases where organisation_id = $1 and id = $2 for update`,
      [e.organisationId, input.caseId],
    );
    if (!rows[0]) throw new Refused(404);
    const visibility = input.visibility.toLowerCase();
    const { rows: inserted } = await e.client.query<{ id: string }>(
      `insert into case_messages (organisation_id, id, case_id, author_id, body, visibility, posted_at)
       values ($1, gen_random_uuid(), $2, $3, $4, $5, now()) returning id`,
      [e.organisationId, input.caseId, e.userId, input.body, visibility],
    );
    await e.client.query(
      `insert into case_events (organisation_id, case_id, sequence, type, visibility, actor_id, payload, occurred_at)
       select $1, $2, coalesce((select max(sequence) from case_events where organisation_id = $1 and case_id = $2), 0) + 1,
              'message-posted', $3, $4, jsonb_build_object('messageId', $5::uuid), now()`,
      [e.organisationId, input.caseId, visibility, e.userId, inserted[0]!.id],
    );
    await accessLog(e, 'post-message', input.caseId, rows[0].client_id);
    return { postMessage: { id: inserted[0]!.id } };
  },

  async '/file'(e, body) {
    const input = body.input as { complainant: string; parts: { summary: string }[] };
    const { rows: versions } = await e.client.query<{
      id: string;
      definition: ProcedureDefinition;
    }>(
      `select id, definition from procedure_versions where organisation_id = $1 order by version desc limit 1`,
      [e.organisationId],
    );
    const version = versions[0]!;
    const now = new Date();
    const result = fileCase(
      version.definition,
      { complainant: input.complainant, parts: input.parts },
      now,
    );
    if (!result.ok)
      return { fileComplaint: { __typename: 'ActionRefused', code: result.refusal.code } };
    const year = now.getUTCFullYear();
    const { rows: counter } = await e.client.query<{ last_number: number }>(
      `insert into case_reference_counters (organisation_id, year, last_number) values ($1, $2, 1)
       on conflict (organisation_id, year) do update set last_number = case_reference_counters.last_number + 1
       returning last_number`,
      [e.organisationId, year],
    );
    const words = e.slug.split('-');
    const reference = `${words
      .map((w) => w[0])
      .join('')
      .toUpperCase()}-${year}-${String(counter[0]!.last_number).padStart(4, '0')}`;
    const { rows: created } = await e.client.query<{ id: string }>(
      `insert into cases (organisation_id, id, reference, procedure_version_id, client_id, filed_by_id, channel,
         stages, state, version, received_on, closed)
       values ($1, gen_random_uuid(), $2, $3, $4, $4, 'portal', '{}', $5, $6, $7, false) returning id`,
      [
        e.organisationId,
        reference,
        version.id,
        e.userId,
        result.state,
        result.state.version,
        result.state.receivedOn,
      ],
    );
    await insertEvents(e, created[0]!.id, result.events);
    await accessLog(e, 'file', created[0]!.id, e.userId);
    return {
      fileComplaint: { __typename: 'CaseChanged', case: { id: created[0]!.id, reference } },
    };
  },
};

async function insertEvents(e: Entered, caseId: string, events: unknown[]) {
  if (events.length === 0) return;
  await e.client.query(
    `insert into case_events (organisation_id, case_id, sequence, type, visibility, actor_id, payload, occurred_at)
     select $1, $2, coalesce((select max(sequence) from case_events where organisation_id = $1 and case_id = $2), 0) + ord,
            p->>'type', 'shared', $3, p, now()
       from jsonb_array_elements($4::jsonb) with ordinality as x(p, ord)`,
    [e.organisationId, caseId, e.userId, JSON.stringify(events)],
  );
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/readyz') return void res.end('{"status":"ready"}');
  const route = routes[req.url ?? ''];
  if (!route || req.method !== 'POST') {
    res.statusCode = 404;
    return void res.end();
  }
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => {
    void (async () => {
      const client = await pool.connect();
      let status = 200;
      let data: unknown;
      try {
        await client.query('begin');
        const entered = await enter(client, req);
        data = await route(entered, JSON.parse(raw || '{}') as Record<string, unknown>);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        status = error instanceof Refused ? error.status : 500;
        if (status === 500) console.error(error);
      } finally {
        client.release();
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(status === 200 ? { data } : { errors: [{ message: String(status) }] }),
      );
    })();
  });
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end()));
