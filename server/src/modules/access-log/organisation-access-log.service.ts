import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { encodeKeysetCursor, type Keyset } from '../../core/graphql/keyset-cursor.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { Case } from '../cases/case.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { AccessLogEntry } from './access-log-entry.entity.js';
import { AccessLogFilterSchema, type AccessLogFilterData } from './access-log.inputs.js';
import { recordAccess } from './access-log.service.js';
import type {
  OrganisationAccessLogConnection,
  OrganisationAccessLogEntryView,
} from './access-log.types.js';

const LINE_ID = /^[1-9][0-9]{0,18}$/;

/**
 * The organisation's whole access log (NEN 7513), newest first, for its directors from a session
 * that passed its second factor (ADR 0087): every case and person, narrowed by case, by the person
 * who acted and by period, in SQL after the organisation, paged by keyset. A director who is the
 * subject of a case is recused from it, so its lines are left out as if it did not exist: a
 * filter on it answers like one on a case that is not there.
 */
export async function organisationAccessLog(
  ctx: RequestContext,
  options: { filter?: unknown; first: number; after?: Keyset | undefined },
): Promise<OrganisationAccessLogConnection> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readAccessLog', 'Organisation')) {
    recordAccess(ctx, { action: 'read-access-log', outcome: 'denied', denial: 'not-permitted' });
    throw forbidden('Alleen de directie kan het toegangslogboek inzien.');
  }
  if (!viewer.mfaVerified) {
    recordAccess(ctx, { action: 'read-access-log', outcome: 'denied', denial: 'not-permitted' });
    throw forbidden('Het toegangslogboek vraagt om tweestapsverificatie.', {
      reason: 'MFA_REQUIRED',
    });
  }
  const filter = parseInput(AccessLogFilterSchema, options.filter ?? {});
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badInput('De begindatum ligt na de einddatum.', { field: 'from' });
  }
  if (options.after && !LINE_ID.test(options.after.id)) {
    throw badInput('Ongeldige cursor.', { field: 'after' });
  }
  const first = Math.min(Math.max(options.first, 1), 200);

  const recused = (
    await ctx.em.find(
      Case,
      { organisationId, subjectIds: { $contains: [viewer.userId] } },
      { fields: ['organisationId', 'id'], disableIdentityMap: true },
    )
  ).map((kase) => kase.id);
  const theCase = await caseOfFilter(ctx, organisationId, filter, recused);
  const empty = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  if (theCase === 'none') {
    recordAccess(ctx, { action: 'read-access-log', outcome: 'allowed' });
    return empty;
  }
  const conditions: object[] = [{ organisationId }];
  if (theCase) conditions.push({ caseId: theCase.id });
  else if (recused.length > 0)
    conditions.push({ $or: [{ caseId: null }, { caseId: { $nin: recused } }] });
  if (filter.actorId) conditions.push({ userId: filter.actorId });
  if (filter.from) conditions.push({ occurredAt: { $gte: filter.from } });
  if (filter.to) conditions.push({ occurredAt: { $lt: filter.to } });
  if (options.after) {
    const { createdAt: at, id } = options.after;
    conditions.push({
      $or: [{ occurredAt: { $lt: at } }, { occurredAt: at, id: { $lt: id } }],
    });
  }
  const lines = await ctx.em.find(AccessLogEntry, { $and: conditions } as never, {
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] as never,
    limit: first + 1,
    disableIdentityMap: true,
  });
  recordAccess(ctx, {
    action: 'read-access-log',
    outcome: 'allowed',
    caseId: theCase?.id ?? null,
    clientId: theCase?.clientId ?? null,
  });
  const page = lines.slice(0, first);
  const views = await describeLines(ctx, organisationId, page);
  const edges = page.map((line, index) => ({
    // The entity types the bigint id as a string; the driver may hand it over as a bigint.
    cursor: encodeKeysetCursor({ createdAt: line.occurredAt, id: String(line.id) }),
    node: views[index]!,
  }));
  return {
    edges,
    pageInfo: { hasNextPage: lines.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * The case a filter names: undefined when it names none, `'none'` when it names one that is not
 * there for this reader (no such case here, or one they are recused from; answered alike).
 */
async function caseOfFilter(
  ctx: RequestContext,
  organisationId: string,
  filter: AccessLogFilterData,
  recused: string[],
): Promise<{ id: string; clientId: string | null } | 'none' | undefined> {
  if (!filter.caseId && !filter.caseReference) return undefined;
  const found = await ctx.em.find(
    Case,
    {
      organisationId,
      ...(filter.caseId ? { id: filter.caseId } : {}),
      ...(filter.caseReference ? { reference: filter.caseReference } : {}),
    },
    { fields: ['organisationId', 'id', 'clientId'], disableIdentityMap: true },
  );
  const kase = found[0];
  if (!kase || recused.includes(kase.id)) return 'none';
  return { id: kase.id, clientId: kase.clientId };
}

/** The lines in words: people, organisations and cases by name, read once per page. */
async function describeLines(
  ctx: RequestContext,
  organisationId: string,
  lines: AccessLogEntry[],
): Promise<OrganisationAccessLogEntryView[]> {
  const ids = (pick: (line: AccessLogEntry) => string | null) => [
    ...new Set(lines.map(pick).filter((id) => id !== null)),
  ];
  const userIds = [...new Set([...ids((l) => l.userId), ...ids((l) => l.onBehalfOfId)])];
  const caseIds = ids((l) => l.caseId);
  const organisationIds = [organisationId, ...ids((l) => l.actorOrganisationId)];
  const [users, cases, organisations] = await Promise.all([
    userIds.length > 0 ? ctx.em.find(User, { id: { $in: userIds } }) : [],
    caseIds.length > 0
      ? ctx.em.find(
          Case,
          { organisationId, id: { $in: caseIds } },
          { fields: ['organisationId', 'id', 'reference'], disableIdentityMap: true },
        )
      : [],
    ctx.em.find(Organisation, { id: { $in: [...new Set(organisationIds)] } }),
  ]);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const references = new Map(cases.map((c) => [c.id, c.reference]));
  const organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
  return lines.map((line) => ({
    id: String(line.id),
    occurredAt: line.occurredAt,
    actorId: line.userId,
    who: line.userId ? (names.get(line.userId) ?? null) : null,
    onBehalfOf: line.onBehalfOfId ? (names.get(line.onBehalfOfId) ?? null) : null,
    actorOrganisation: actorOrganisationName(line, organisationNames),
    role: line.role,
    action: line.action,
    outcome: line.outcome,
    bySystem: line.userId === null,
    caseId: line.caseId,
    caseReference: line.caseId ? (references.get(line.caseId) ?? null) : null,
  }));
}

/**
 * The organisation a line's person acted from, by name: the one recorded with the line (a
 * commission), else the log's own; none for the organisation's scheduled work.
 */
export function actorOrganisationName(
  line: Pick<AccessLogEntry, 'userId' | 'actorOrganisationId' | 'organisationId'>,
  names: ReadonlyMap<string, string>,
): string | null {
  if (line.userId === null) return null;
  return names.get(line.actorOrganisationId ?? line.organisationId) ?? null;
}
