import { QueryOrder, raw } from '@mikro-orm/core';
import { caseFilter, type AppAbility } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import type { Keyset } from '../../core/graphql/keyset-cursor.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { ProcedureVersion } from '../procedures/procedure-version.entity.js';
import { procedureVersionsOf } from '../procedures/procedure.service.js';
import { Case } from './case.entity.js';
import { CaseFilterSchema, CaseOrder, type CaseFilterData } from './case.inputs.js';
import { needsReassignmentWhere } from './case-reassignment.js';
import { dueSoonWhere, overdueWhere } from './case-urgency.js';

export interface CasePage {
  cases: Case[];
  /**
   * How many cases the viewer may see that match the filter, counted when first asked: a count
   * is a scan of the organisation's matching cases, and most pages do not show it.
   */
  totalCount(): Promise<number>;
  hasNextPage: boolean;
}

/**
 * The text the inbox searches: the reference and every complaint part's summary, lower-cased.
 * Written once because migration 0085's trigram index is on exactly this expression; a query
 * that spells it differently would not use the index.
 */
export const SEARCH_TEXT_SQL = (alias: string) =>
  `lower(${alias}.reference || ' ' || jsonb_path_query_array(${alias}.state, '$.parts[*].summary')::text)`;

/**
 * The cases the viewer may see, filtered in SQL from the ability first and the inbox's filters
 * after it (so a filter can only narrow), in one of the `CaseOrder`s, and paginated by
 * keyset, so counts never include what the viewer may not see.
 */
export async function listCases(
  ctx: RequestContext,
  options: {
    first: number;
    after?: Keyset | undefined;
    filter?: unknown;
    order?: CaseOrder | undefined;
  },
): Promise<CasePage> {
  const filter = parseInput(CaseFilterSchema, options.filter ?? {});
  const order = options.order ?? CaseOrder.NEWEST;
  const ranked = ORDERINGS[order];
  if (ranked && options.after && options.after.rank === undefined)
    throw badInput('Deze cursor hoort bij een andere volgorde.', { field: 'after' });
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const visible = caseFilter(ability, 'read');
  if (visible === false)
    return { cases: [], totalCount: () => Promise.resolve(0), hasNextPage: false };
  const first = Math.min(Math.max(options.first, 1), 100);
  const responsible =
    filter.responsibleForMe === undefined
      ? undefined
      : await responsibleCondition(ctx, filter.responsibleForMe);
  // Built anew for each query: MikroORM consumes a raw fragment (the search) when it renders it.
  const where = () => ({
    $and: [
      { organisationId },
      visible,
      ...filterConditions(ctx, ability, filter),
      ...(responsible ? [responsible()] : []),
    ],
  });
  const keyset = options.after ? afterCursor(options.after, ranked) : {};
  const orderBy = [
    ...(ranked ? [{ [ranked.key()]: QueryOrder.ASC_NULLS_LAST }] : []),
    { createdAt: 'desc' },
    { id: 'desc' },
  ];
  // A list only shows its cases: read as plain rows with the entity's property names, so the
  // unit of work neither builds an entity per case nor compares its stored engine state at the
  // commit. A case the request changes is loaded through its gate instead (loadVisibleCase),
  // managed. Flushed first, so changes made earlier in the request are seen.
  await ctx.em.tryFlush(Case, {});
  const cases: Case[] = await ctx.em
    .createQueryBuilder(Case)
    .select('*')
    .where({ $and: [where(), keyset] } as never)
    .orderBy(orderBy as never)
    .limit(first + 1)
    .execute('all', true);
  let counted: Promise<number> | undefined;
  recordAccess(ctx, { action: 'list', outcome: 'allowed' });
  return {
    cases: cases.slice(0, first),
    totalCount: () => (counted ??= ctx.em.count(Case, where() as never)),
    hasNextPage: cases.length > first,
  };
}

/**
 * The orders with a leading key, ascending with the cases that have none last, then newest first
 * within one key, as their indexes (migrations 0085 and 0098) hold them. Newest first has no
 * leading key. `key` is the column or expression, built anew for each use: MikroORM consumes a
 * raw fragment when it renders it. Stage and handler group the cases (by the stage of the first
 * active track, by the first handler assigned), they do not rank them.
 */
const ORDERINGS: Record<CaseOrder, Ordering | undefined> = {
  [CaseOrder.NEWEST]: undefined,
  [CaseOrder.URGENCY]: { key: () => 'nextDueOn', of: (kase) => kase.nextDueOn },
  [CaseOrder.REFERENCE]: { key: () => 'reference', of: (kase) => kase.reference },
  [CaseOrder.CATEGORY]: { key: () => 'category', of: (kase) => kase.category },
  [CaseOrder.STAGE]: {
    key: () => raw((alias) => `${alias}.stages[1]`),
    of: (kase) => kase.stages[0] ?? null,
  },
  [CaseOrder.HANDLER]: {
    key: () => raw((alias) => `${alias}.handler_ids[1]`),
    of: (kase) => kase.handlerIds[0] ?? null,
  },
};

interface Ordering {
  key(): string;
  of(kase: Case): string | null;
}

/** The leading sort key a cursor carries for this order (none for newest first). */
export function cursorRank(kase: Case, order: CaseOrder | undefined): string | null | undefined {
  const ranked = ORDERINGS[order ?? CaseOrder.NEWEST];
  return ranked ? ranked.of(kase) : undefined;
}

function filterConditions(
  ctx: RequestContext,
  ability: AppAbility,
  filter: CaseFilterData,
): object[] {
  const conditions: object[] = [];
  if (filter.closed !== undefined) conditions.push({ closed: filter.closed });
  if (filter.stage) conditions.push({ stages: { $contains: [filter.stage] } });
  if (filter.handlerId) conditions.push({ handlerIds: { $contains: [filter.handlerId] } });
  if (filter.unassigned !== undefined)
    conditions.push(
      filter.unassigned ? { handlerIds: { $eq: [] } } : { $not: { handlerIds: { $eq: [] } } },
    );
  if (filter.needsReassignment !== undefined)
    conditions.push(reassignmentCondition(ability, filter.needsReassignment));
  if (filter.category) conditions.push({ category: filter.category });
  if (filter.channel) conditions.push({ channel: filter.channel });
  if (filter.overdue !== undefined) {
    const overdue = overdueWhere(ctx.now);
    conditions.push(filter.overdue ? overdue : otherwise(overdue));
  }
  if (filter.dueSoon !== undefined) {
    const dueSoon = dueSoonWhere(ctx.now);
    conditions.push(filter.dueSoon ? dueSoon : otherwise(dueSoon));
  }
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push({ [raw((alias) => SEARCH_TEXT_SQL(alias))]: { $like: pattern } });
    // A person complained about reads only the parts about them (ADR 0083), so their own cases
    // match by reference alone: a hit in another part would tell them what it says.
    if (ctx.viewer)
      conditions.push({
        $or: [
          { $not: { subjectIds: { $contains: [ctx.viewer.userId] } } },
          { [raw((alias) => `lower(${alias}.reference)`)]: { $like: pattern } },
        ],
      });
  }
  return conditions;
}

/**
 * The flag is for those who may assign the case (`Case.needsReassignment` is null for anyone
 * else), so the filter is too: it cannot tell a viewer which of their cases lost a handler when
 * the field would not. Someone who assigns no case at all is refused the filter.
 */
function reassignmentCondition(ability: AppAbility, wanted: boolean): object {
  const assignable = caseFilter(ability, 'assign');
  if (assignable === false)
    throw forbidden('Alleen wie behandelaars toewijst, filtert op zaken die daarop wachten.');
  const flagged = { $and: [needsReassignmentWhere(), assignable] };
  return wanted ? flagged : { $not: flagged };
}

/**
 * The cases the viewer answers for now, as `Case.responsible` says (ADR 0098): a current stage
 * (`track:stage` in `stages`) whose assignment names them, or a handler's stage of the case's
 * procedure version that nobody was routed to, with the viewer its first handler. The handler's
 * stages are read from the organisation's published versions (few, and cached once parsed).
 * Built anew for each query: MikroORM consumes a raw fragment when it renders it.
 */
async function responsibleCondition(ctx: RequestContext, wanted: boolean): Promise<() => object> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const ids = (await ctx.em.find(ProcedureVersion, { organisationId }, { fields: ['id'] })).map(
    (version) => version.id,
  );
  const versions = await procedureVersionsOf(ctx.em, organisationId, ids);
  const handlerStages = [...versions.values()].flatMap(({ version, definition }) => {
    const stages = definition.tracks.flatMap((track) =>
      track.stages
        .filter((stage) => stage.responsible?.role === 'handler')
        .map((stage) => `${track.id}:${stage.id}`),
    );
    return stages.length > 0 ? [{ id: version.id, stages }] : [];
  });
  const assignedTo = (alias: string, stage: string) =>
    `select 1 from case_assignments a where a.organisation_id = ${alias}.organisation_id and a.case_id = ${alias}.id and a.track || ':' || a.stage = ${stage}`;
  return () => {
    const assigned = {
      [raw(
        (alias) => `exists (${assignedTo(alias, `any(${alias}.stages)`)} and a.user_id = ?)`,
        [viewer.userId],
      )]: true,
    };
    const byHandler = handlerStages.map(({ id, stages }) => ({
      procedureVersionId: id,
      [raw(
        (alias) =>
          `exists (select 1 from unnest(${alias}.stages) s where s in (${stages.map(() => '?').join(', ')}) and not exists (${assignedTo(alias, 's')}))`,
        stages,
      )]: true,
    }));
    const mine = {
      $or: [
        assigned,
        ...(byHandler.length > 0
          ? [
              {
                $and: [
                  { [raw((alias) => `${alias}.handler_ids[1]`)]: viewer.userId },
                  { $or: byHandler },
                ],
              },
            ]
          : []),
      ],
    };
    return wanted ? mine : { $not: mine };
  };
}

/** Every case a due-date condition leaves out, the undated included (SQL's NOT of NULL is NULL). */
function otherwise(condition: object): object {
  return { $or: [{ nextDueOn: null }, { $not: condition }] };
}

function afterCursor(after: Keyset, ranked: Ordering | undefined): object {
  const newer = {
    $or: [
      { createdAt: { $lt: after.createdAt } },
      { createdAt: after.createdAt, id: { $lt: after.id } },
    ],
  };
  if (!ranked) return newer;
  // The key ascending with the cases without one last, then newest first within one key.
  if (after.rank === null || after.rank === undefined)
    return { $and: [{ [ranked.key()]: null }, newer] };
  return {
    $or: [
      { [ranked.key()]: { $gt: after.rank } },
      { [ranked.key()]: null },
      { $and: [{ [ranked.key()]: after.rank }, newer] },
    ],
  };
}
