import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { ConfidantGrant } from '../confidants/confidant-grant.entity.js';
import { CaseEvent } from './case-event.entity.js';

/** Which timeline of a case: with staff-only events, or the client side's. */
export interface TimelineKey {
  caseId: string;
  internal: boolean;
}

const timelines = defineRequestLoader<TimelineKey, CaseEvent[], string>(
  async (ctx, keys) => {
    const { organisationId } = requireOrganisation(ctx);
    const whole = keys.filter((k) => k.internal).map((k) => k.caseId);
    const shared = keys.filter((k) => !k.internal).map((k) => k.caseId);
    const events = await ctx.em.find(
      CaseEvent,
      {
        organisationId,
        $or: [
          ...(whole.length > 0 ? [{ caseId: { $in: whole } }] : []),
          ...(shared.length > 0
            ? [{ caseId: { $in: shared }, visibility: 'shared' as const }]
            : []),
        ],
      },
      { orderBy: { caseId: 'asc', sequence: 'asc' } },
    );
    const byCase = new Map<string, CaseEvent[]>();
    for (const event of events) {
      const list = byCase.get(event.caseId) ?? [];
      list.push(event);
      byCase.set(event.caseId, list);
    }
    // Filtered again per key: a case asked for both ways in one batch must not widen either.
    return keys.map((key) =>
      (byCase.get(key.caseId) ?? []).filter((e) => key.internal || e.visibility === 'shared'),
    );
  },
  { cacheKeyFn: (key) => `${key.caseId}:${key.internal ? 'internal' : 'shared'}` },
);

/** The timeline events of a case in order; the timelines of a listed page load in one query. */
export function caseTimeline(ctx: RequestContext, key: TimelineKey): Promise<CaseEvent[]> {
  return timelines(ctx).load(key);
}

const liveGrants = defineRequestLoader<string, ConfidantGrant | null>(async (ctx, caseIds) => {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const grants = await ctx.em.find(ConfidantGrant, {
    organisationId,
    caseId: { $in: [...caseIds] },
    confidantId: viewer.userId,
    revokedAt: null,
  });
  return caseIds.map((id) => grants.find((grant) => grant.caseId === id) ?? null);
});

/** The viewer's live confidant grant on a case, if any; batched across the cases of a response. */
export function viewerConfidantGrant(
  ctx: RequestContext,
  caseId: string,
): Promise<ConfidantGrant | null> {
  return liveGrants(ctx).load(caseId);
}
