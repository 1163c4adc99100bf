import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { caseItemFilter } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { ConfidantGrant } from '../confidants/confidant-grant.entity.js';
import type { Case } from './case.entity.js';
import { CaseEvent } from './case-event.entity.js';

const timelines = defineRequestLoader<Case, CaseEvent[], string>(
  async (ctx, cases) => {
    const { organisationId } = requireOrganisation(ctx);
    const { ability, viewer } = await requestAbility(ctx);
    // Each case has its own audience for this viewer (ADR 0007); one query asks for all of them.
    const wanted = cases
      .map((kase) => ({ kase, audience: caseItemFilter(ability, kase, viewer.userId) }))
      .filter((entry): entry is { kase: Case; audience: Record<string, unknown> } =>
        Boolean(entry.audience),
      );
    const events =
      wanted.length === 0
        ? []
        : await ctx.em.find(
            CaseEvent,
            {
              organisationId,
              $or: wanted.map(({ kase, audience }) => ({ $and: [{ caseId: kase.id }, audience] })),
            } as never,
            { orderBy: { caseId: 'asc', sequence: 'asc' } },
          );
    const byCase = new Map<string, CaseEvent[]>();
    for (const event of events) {
      const list = byCase.get(event.caseId) ?? [];
      list.push(event);
      byCase.set(event.caseId, list);
    }
    return cases.map((kase) => byCase.get(kase.id) ?? []);
  },
  { cacheKeyFn: (kase) => kase.id },
);

/**
 * The timeline entries of a case the viewer may see, in order; the timelines of a listed page
 * load in one query.
 */
export function caseTimeline(ctx: RequestContext, kase: Case): Promise<CaseEvent[]> {
  return timelines(ctx).load(kase);
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
