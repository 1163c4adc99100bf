import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../core/context.js';
import { onHook } from '../../core/hooks.js';
import { CASE_TRANSITION, type CaseTransition } from '../cases/case-transition.js';
import { clientOf, filerOf } from '../cases/case.entity.js';
import { Case } from '../cases/case.entity.js';
import { MEMBER_ROLES_LOST, type MemberRolesLost } from '../memberships/membership-change.js';
import { ConfidantGrant } from './confidant-grant.entity.js';
import { endCaseGrant, liveAuthorisation, putCaseGrant } from './confidant-grants.js';

/**
 * A complaint a confidant filed on the client's standing authorisation gives them a grant on the
 * new case with the authorisation's scopes, recorded on the client's behalf.
 */
async function grantTheFilingConfidant(ctx: RequestContext, transition: CaseTransition) {
  const { kase } = transition;
  if (transition.kind !== 'filed' || kase.channel !== 'confidant') return;
  const authorisation = await liveAuthorisation(
    ctx,
    kase.organisationId,
    clientOf(kase),
    filerOf(kase),
  );
  if (!authorisation) throw new Error('A confidant filed without a live authorisation.');
  await putCaseGrant(ctx, kase, filerOf(kase), authorisation.scopes, {
    authorisationId: authorisation.id,
    onBehalfOfId: clientOf(kase),
  });
}

/**
 * A confidant whose membership ended or who lost the role loses every grant with it: each case
 * grant ends as if the client revoked it (the client sees it on the timeline), and standing
 * authorisations end too. Nothing of it comes back if the person is invited again (ADR 0096).
 */
async function endGrantsOfFormerConfidant(
  ctx: RequestContext,
  { organisationId, userId, lost }: MemberRolesLost,
) {
  if (!lost.includes('confidant')) return;
  const live = await ctx.em.find(ConfidantGrant, {
    organisationId,
    confidantId: userId,
    revokedAt: null,
  });
  const caseIds = live.flatMap((grant) => (grant.caseId ? [grant.caseId] : []));
  const cases = await ctx.em.find(
    Case,
    { organisationId, id: { $in: caseIds } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const byId = new Map(cases.map((kase) => [kase.id, kase]));
  for (const grant of live) {
    const kase = grant.caseId ? byId.get(grant.caseId) : undefined;
    if (kase) await endCaseGrant(ctx, kase, grant);
    else grant.revokedAt = ctx.now;
  }
}

export const CONFIDANT_HOOKS = [
  onHook(CASE_TRANSITION, 'confidants', { effect: grantTheFilingConfidant }),
  onHook(MEMBER_ROLES_LOST, 'confidants', { effect: endGrantsOfFormerConfidant }),
];
