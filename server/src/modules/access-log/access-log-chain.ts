import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * The access log's hash chain (ADR 0021), kept off the request path: requests insert lines
 * unsealed and without a lock; `sealAccessLog` chains them afterwards. Sealing and verifying run
 * on a plain `pg` client, outside any request, so a job queue can call them as they are.
 */

/** The content of a line that its hash covers, in a fixed order. */
export interface ChainedLine {
  organisationId: string;
  occurredAt: Date;
  caseId: string | null;
  clientId: string | null;
  userId: string | null;
  onBehalfOfId: string | null;
  role: string | null;
  action: string;
  outcome: string;
  /** Added by ADR 0087: hashed only when set, so the lines sealed before it keep their hash. */
  actorOrganisationId: string | null;
}

/**
 * The hash of one line: every field and the previous line's hash. Lines sealed before ADR 0021
 * were hashed exactly so, which keeps them verifiable; a field added to the log must keep that
 * true (e.g. join the array only when it is set).
 */
export function entryHash(previousHash: string | null, line: ChainedLine): string {
  const fields: (string | null)[] = [
    previousHash,
    line.organisationId,
    line.occurredAt.toISOString(),
    line.caseId,
    line.clientId,
    line.userId,
    line.onBehalfOfId,
    line.role,
    line.action,
    line.outcome,
  ];
  if (line.actorOrganisationId !== null) fields.push(line.actorOrganisationId);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

const LINE_COLUMNS = `id, organisation_id, occurred_at, case_id, client_id, user_id, on_behalf_of_id,
  role, action, outcome, actor_organisation_id`;

interface LineRow {
  id: string;
  organisation_id: string;
  occurred_at: Date;
  case_id: string | null;
  client_id: string | null;
  user_id: string | null;
  on_behalf_of_id: string | null;
  role: string | null;
  action: string;
  outcome: string;
  actor_organisation_id: string | null;
}

function lineOf(row: LineRow): ChainedLine {
  return {
    organisationId: row.organisation_id,
    occurredAt: row.occurred_at,
    caseId: row.case_id,
    clientId: row.client_id,
    userId: row.user_id,
    onBehalfOfId: row.on_behalf_of_id,
    role: row.role,
    action: row.action,
    outcome: row.outcome,
    actorOrganisationId: row.actor_organisation_id,
  };
}

const SCOPE = `select set_config('app.organisation_id', $1, true)`;

/**
 * Seals an organisation's waiting lines onto the end of its chain, oldest id first, in batches of
 * `batchSize` (one short transaction each). A batch costs the same statements whatever its
 * number of lines, and a change fanned out to thousands of subscribers writes a line for each:
 * batches are large, so one round seals such a change whole (ADR 0079). Idempotent and safe to run from several processes at
 * once: a sealer that finds another one at work on the organisation leaves it to that one, and
 * the unique chain position refuses a fork even then. Returns how many lines it sealed.
 */
export async function sealAccessLog(
  client: pg.ClientBase,
  organisationId: string,
  batchSize = 50_000,
): Promise<number> {
  let sealed = 0;
  for (;;) {
    await client.query('begin');
    try {
      const { rows: locked } = await client.query<{ locked: boolean }>(
        `select set_config('app.organisation_id', $1, true),
                pg_try_advisory_xact_lock(hashtextextended('access-log-seal:' || $1, 0)) as locked`,
        [organisationId],
      );
      if (!locked[0]!.locked) {
        await client.query('rollback');
        return sealed;
      }
      const { rows: lines } = await client.query<LineRow>(
        `select ${LINE_COLUMNS} from access_log
          where organisation_id = $1 and hash is null order by id limit $2`,
        [organisationId, batchSize],
      );
      if (lines.length > 0) {
        const { rows: head } = await client.query<{ chain_position: string; hash: string }>(
          `select chain_position, hash from access_log
            where organisation_id = $1 and chain_position is not null
            order by chain_position desc limit 1`,
          [organisationId],
        );
        let position = Number(head[0]?.chain_position ?? 0);
        let previousHash = head[0]?.hash ?? null;
        const ids: string[] = [];
        const positions: number[] = [];
        const previous: (string | null)[] = [];
        const hashes: string[] = [];
        for (const row of lines) {
          const hash = entryHash(previousHash, lineOf(row));
          position += 1;
          ids.push(row.id);
          positions.push(position);
          previous.push(previousHash);
          hashes.push(hash);
          previousHash = hash;
        }
        await client.query(
          `update access_log l
              set chain_position = s.position, previous_hash = s.previous_hash, hash = s.hash,
                  sealed_at = now()
             from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[])
                  as s(id, position, previous_hash, hash)
            where l.organisation_id = $1 and l.id = s.id`,
          [organisationId, ids, positions, previous, hashes],
        );
      }
      await client.query('commit');
      sealed += lines.length;
      if (lines.length < batchSize) return sealed;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  }
}

/** The organisations with lines waiting for their seal (ids only; needs no scope). */
export async function organisationsAwaitingSeal(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    'select id from app.unsealed_access_log_organisations() as id',
  );
  return rows.map((row) => row.id);
}

/** Seals every organisation's waiting lines; returns how many lines were sealed. */
export async function sealWaitingAccessLogs(client: pg.ClientBase): Promise<number> {
  let sealed = 0;
  for (const organisationId of await organisationsAwaitingSeal(client)) {
    sealed += await sealAccessLog(client, organisationId);
  }
  return sealed;
}

export interface ChainVerification {
  ok: boolean;
  /** Sealed lines found intact, from the start of the chain. */
  checked: number;
  /** Where and how the chain breaks, when it does. */
  broken?: {
    /** The position that is missing or whose line does not match. */
    position: number;
    /** The id of the line there; absent when it was removed. */
    lineId?: string;
    reason: 'removed' | 'changed' | 'relinked';
  };
  /** Lines still waiting for their seal (inserted after the last seal, e.g. while verifying). */
  unsealed: number;
}

/**
 * Walks an organisation's chain from position 1: positions must follow without a gap (a removed
 * line), each line must name the previous line's hash, and its own hash must match its content
 * (an edited line). Reads one consistent snapshot.
 */
export async function verifyAccessLog(
  client: pg.ClientBase,
  organisationId: string,
  batchSize = 5000,
): Promise<ChainVerification> {
  await client.query('begin isolation level repeatable read read only');
  try {
    await client.query(SCOPE, [organisationId]);
    let checked = 0;
    let previousHash: string | null = null;
    let result: ChainVerification | undefined;
    while (!result) {
      const { rows } = await client.query<
        LineRow & { chain_position: string; previous_hash: string | null; hash: string }
      >(
        `select ${LINE_COLUMNS}, chain_position, previous_hash, hash from access_log
          where organisation_id = $1 and chain_position > $2
          order by chain_position limit $3`,
        [organisationId, checked, batchSize],
      );
      for (const row of rows) {
        const position = checked + 1;
        const broken = (reason: 'removed' | 'changed' | 'relinked', lineId?: string) => ({
          position,
          ...(lineId ? { lineId } : {}),
          reason,
        });
        if (Number(row.chain_position) !== position) {
          result = { ok: false, checked, broken: broken('removed'), unsealed: 0 };
          break;
        }
        if (row.previous_hash !== previousHash) {
          result = { ok: false, checked, broken: broken('relinked', row.id), unsealed: 0 };
          break;
        }
        if (row.hash !== entryHash(previousHash, lineOf(row))) {
          result = { ok: false, checked, broken: broken('changed', row.id), unsealed: 0 };
          break;
        }
        previousHash = row.hash;
        checked = position;
      }
      if (!result && rows.length < batchSize) result = { ok: true, checked, unsealed: 0 };
    }
    const { rows: waiting } = await client.query<{ count: number }>(
      `select count(*)::integer as count from access_log
        where organisation_id = $1 and hash is null`,
      [organisationId],
    );
    result.unsealed = waiting[0]!.count;
    return result;
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}
