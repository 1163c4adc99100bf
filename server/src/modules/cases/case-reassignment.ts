import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../core/context.js';
import type { MemberRolesLost } from '../memberships/membership-change.js';
import { appendTimeline } from './case-timeline.js';
import { Case } from './case.entity.js';

/**
 * An effect on `MEMBER_ROLES_LOST`: a handler whose membership ended or who lost the handler
 * role is taken off every case of theirs, and each open one remembers them in
 * `releasedHandlerIds` until someone is assigned again — that is what "needs reassignment" means
 * (ADR 0096). Taken off rather than kept with a flag: an assignment is a grant of access, and a
 * person invited again later must not find their old cases waiting for them.
 */
export async function releaseHandler(
  ctx: RequestContext,
  { organisationId, userId, lost }: MemberRolesLost,
): Promise<void> {
  if (!lost.includes('handler')) return;
  // Locked as every change to a case is, so timeline numbers stay in order with other writers.
  const cases = await ctx.em.find(
    Case,
    { organisationId, handlerIds: { $contains: [userId] }, anonymisedAt: null },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  for (const kase of cases) {
    kase.handlerIds = kase.handlerIds.filter((id) => id !== userId);
    if (!kase.closed && !kase.releasedHandlerIds.includes(userId))
      kase.releasedHandlerIds = [...kase.releasedHandlerIds, userId];
    kase.updatedAt = ctx.now;
    await appendTimeline(ctx, kase, [
      { type: 'handler-released', visibility: 'internal', payload: { handlerId: userId } },
    ]);
  }
}

/** Whether an open case lost a handler that nobody has replaced yet. */
export const awaitsReassignment = (kase: Pick<Case, 'closed' | 'releasedHandlerIds'>) =>
  !kase.closed && kase.releasedHandlerIds.length > 0;

/**
 * The inbox's condition for `needsReassignment`, in SQL on the case row: the predicate of
 * migration 0096's partial index.
 */
export function needsReassignmentWhere(): object {
  return { closed: false, releasedHandlerIds: { $ne: [] } };
}
