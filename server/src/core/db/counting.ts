import { sql, type EntityKey, type EntityName, type FilterQuery } from '@mikro-orm/core';
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
