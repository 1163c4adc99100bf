import type { RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { AccessLogEntry } from './access-log-entry.entity.js';
import type { AccessLogEntryView } from './access-log.types.js';
import { actorOrganisationName } from './organisation-access-log.service.js';

/**
 * The access log of one dossier. The client of the case may see who accessed it (NEN 7513);
 * directors may read it too, but only from a session that passed two-step verification.
 * Anyone else gets the answer for a case that does not exist.
 */
export async function caseAccessLog(
  ctx: RequestContext,
  caseId: string,
  period: { from?: Date | null; to?: Date | null } = {},
): Promise<AccessLogEntryView[]> {
  if (period.from && period.to && period.from > period.to) {
    throw badInput('De begindatum ligt na de einddatum.', { field: 'from' });
  }
  const { kase, viewer } = await loadVisibleCase(ctx, caseId, 'readAccessLog', 'read-access-log');
  if (kase.clientId !== viewer.userId && !ctx.viewer?.mfaVerified) {
    throw forbidden('Het toegangslogboek vraagt om tweestapsverificatie.', {
      reason: 'MFA_REQUIRED',
    });
  }
  const entries = await ctx.em.find(
    AccessLogEntry,
    {
      organisationId: kase.organisationId,
      caseId: kase.id,
      ...(period.from || period.to
        ? {
            occurredAt: {
              ...(period.from ? { $gte: period.from } : {}),
              ...(period.to ? { $lt: period.to } : {}),
            },
          }
        : {}),
    },
    { orderBy: { id: 'asc' } },
  );
  const userIds = [
    ...new Set(entries.flatMap((e) => [e.userId, e.onBehalfOfId].filter((id) => id !== null))),
  ];
  const organisationIds = [
    ...new Set([kase.organisationId, ...entries.flatMap((e) => e.actorOrganisationId ?? [])]),
  ];
  const [users, organisations] = await Promise.all([
    ctx.em.find(User, { id: { $in: userIds } }),
    ctx.em.find(Organisation, { id: { $in: organisationIds } }),
  ]);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
  return entries.map((entry) => ({
    occurredAt: entry.occurredAt,
    who: entry.userId ? (names.get(entry.userId) ?? null) : null,
    onBehalfOf: entry.onBehalfOfId ? (names.get(entry.onBehalfOfId) ?? null) : null,
    actorOrganisation: actorOrganisationName(entry, organisationNames),
    role: entry.role,
    action: entry.action,
    outcome: entry.outcome,
    bySystem: entry.userId === null,
  }));
}
