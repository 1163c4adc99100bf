import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Takes a transaction-scoped advisory lock on (purpose, organisation): released by commit or
 * rollback, so it can never be left behind.
 */
export async function lockForOrganisation(
  em: EntityManager,
  purpose: string,
  organisationId: string,
) {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `${purpose}:${organisationId}`,
  ]);
}

/**
 * The next number of a per-organisation, per-year counter (case references). An upsert, so the
 * first number of a year cannot race.
 */
export async function nextCounter(
  em: EntityManager,
  organisationId: string,
  year: number,
): Promise<number> {
  const rows = await em.execute<{ last_number: number }[]>(
    `insert into case_reference_counters (organisation_id, year, last_number) values (?, ?, 1)
     on conflict (organisation_id, year) do update set last_number = case_reference_counters.last_number + 1
     returning last_number`,
    [organisationId, year],
  );
  return rows[0]!.last_number;
}
