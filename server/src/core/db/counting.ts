import { raw, sql, type EntityKey, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

export type GroupCount<T, F extends EntityKey<T>> = Pick<T, F> & { count: number };

/**
 * Counts the rows matching `where` per distinct value of `groupBy`, in one SQL query, so reports
 * never load the rows they count. Row-level security applies as to any query.
 */
export async function countGroups<T extends object, F extends EntityKey<T>>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  groupBy: readonly F[],
): Promise<GroupCount<T, F>[]> {
  const rows = await em
    .createQueryBuilder(entity)
    .select([...groupBy, sql`count(*)::integer`.as('count')])
    .where(where)
    .groupBy([...groupBy])
    .execute<GroupCount<T, F>[]>('all');
  return rows;
}

/**
 * The given percentiles (fractions between 0 and 1, continuous: interpolated between rows) of a
 * numeric property over the rows matching `where`, in one SQL query; null for each when no row
 * matches. Row-level security applies as to any query.
 */
export async function percentilesOf<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  property: EntityKey<T>,
  fractions: readonly number[],
): Promise<(number | null)[]> {
  const field = em.getMetadata().find(entity)?.properties[property]?.fieldNames[0];
  if (!field) throw new Error(`No column for ${String(property)}`);
  if (fractions.some((f) => !(f >= 0 && f <= 1))) throw new Error('Fractions lie in [0, 1]');
  // The fractions are the caller's constants, checked above; written as literals because a bound
  // parameter leaves percentile_cont's overloads (one fraction or an array) ambiguous.
  const rows = await em
    .createQueryBuilder(entity)
    .select(
      fractions.map((fraction, index) =>
        raw(`percentile_cont(${fraction}) within group (order by ??)::float8`, [field]).as(
          `p${index}`,
        ),
      ),
    )
    .where(where)
    .execute<Record<string, number | null>[]>('all');
  return fractions.map((_, index) => rows[0]?.[`p${index}`] ?? null);
}
