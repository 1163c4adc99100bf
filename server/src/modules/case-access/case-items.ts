import type { EntityClass, FindOptions } from '@mikro-orm/core';
import { caseItemFilter } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import type { Case } from '../cases/case.entity.js';

/** A kind of case item: a row of a case, with the audience columns of ADR 0007. */
interface CaseItemRow {
  caseId: string;
}

/**
 * The items of each of these cases the viewer may see, by case id, in one query: each case has
 * its own audience for this viewer (ADR 0007), so the filter is the `$or` of one per case.
 * `orderBy` orders the items within a case.
 */
export async function findVisibleCaseItems<T extends CaseItemRow>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  cases: readonly Case[],
  orderBy: FindOptions<T>['orderBy'],
  options: { readOnly?: boolean } = {},
): Promise<Map<string, T[]>> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability, viewer } = await requestAbility(ctx);
  // Cases with the same audience for this viewer (for staff on them, all of a page) share one
  // term: the filter is one `case_id in (…)` per audience, not one whole audience per case.
  const byAudience = new Map<string, { audience: Record<string, unknown>; caseIds: string[] }>();
  for (const kase of cases) {
    const audience = caseItemFilter(ability, kase, viewer.userId);
    if (!audience) continue;
    const key = JSON.stringify(audience);
    const group = byAudience.get(key) ?? { audience, caseIds: [] };
    group.caseIds.push(kase.id);
    byAudience.set(key, group);
  }
  const terms = [...byAudience.values()].map(({ audience, caseIds }) => ({
    $and: [{ caseId: caseIds.length === 1 ? caseIds[0] : { $in: caseIds } }, audience],
  }));
  // Rows of this kind the request added and has not flushed yet: the plain read below does not
  // flush them first.
  if (options.readOnly && terms.length > 0) await ctx.em.tryFlush(entity, {});
  const where = { organisationId, ...(terms.length === 1 ? terms[0] : { $or: terms }) } as never;
  const items =
    terms.length === 0
      ? []
      : options.readOnly
        ? // A read-only kind is read as plain rows with the entity's property names: nothing
          // changes them, so the unit of work need neither build nor track an entity per row
          // (a page's timelines are hundreds of rows).
          await ctx.em
            .createQueryBuilder(entity)
            .select('*')
            .where(where)
            .orderBy(orderBy as never)
            .execute('all', true)
        : await ctx.em.find(entity, where, { orderBy } as FindOptions<T, never>);
  const byCase = new Map<string, T[]>();
  for (const item of items as T[]) {
    const list = byCase.get(item.caseId) ?? [];
    list.push(item);
    byCase.set(item.caseId, list);
  }
  return byCase;
}

/**
 * Declares how to load one kind of case item for the cases of a response: `load(ctx, kase)` gives
 * the items of that case the viewer may see, and the cases of a listed page load in one query.
 */
export function defineCaseItemLoader<T extends CaseItemRow>(
  entity: EntityClass<T>,
  orderBy: FindOptions<T>['orderBy'],
  /**
   * Rows no one changes once written (timeline entries): loaded as plain rows, not managed
   * entities (relations are their keys).
   */
  options: { readOnly?: boolean } = {},
): (ctx: RequestContext, kase: Case) => Promise<T[]> {
  const loader = defineRequestLoader<Case, T[], string>(
    async (ctx, cases) => {
      const byCase = await findVisibleCaseItems(ctx, entity, cases, orderBy, options);
      return cases.map((kase) => byCase.get(kase.id) ?? []);
    },
    { cacheKeyFn: (kase) => kase.id },
  );
  return (ctx, kase) => loader(ctx).load(kase);
}
