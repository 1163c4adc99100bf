import { randomUUID } from 'node:crypto';
import { CONFIDANT_GRANTS, type ConfidantGrant as GrantScope } from '@klachtpad/procedures';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { clientOf, type Case } from '../cases/case.entity.js';
import { ConfidantGrant } from './confidant-grant.entity.js';

/**
 * The grant-level questions other modules ask (letters, meetings, filing, the engine's actor).
 * This file reads and writes grant rows only; the client's mutations are in confidant.service.ts.
 */

/**
 * The live grant a person holds on a case as its confidant, or null. The case row lists exactly
 * the confidants with a live grant, so anyone not listed needs no query.
 */
export async function liveGrant(
  ctx: RequestContext,
  kase: Case,
  userId: string,
): Promise<ConfidantGrant | null> {
  if (!kase.confidantIds.includes(userId)) return null;
  return liveCaseGrant(ctx, kase, userId);
}

/** Whether a person holds a live grant on the case that includes the scope, e.g. `receive-letters`. */
export async function hasGrantScope(
  ctx: RequestContext,
  kase: Case,
  userId: string,
  scope: GrantScope,
): Promise<boolean> {
  return (await liveGrant(ctx, kase, userId))?.scopes.includes(scope) ?? false;
}

/** The live grant row of a confidant on a case, without trusting the case row's list. */
export function liveCaseGrant(ctx: RequestContext, kase: Case, confidantId: string) {
  return ctx.em.findOne(ConfidantGrant, {
    organisationId: kase.organisationId,
    caseId: kase.id,
    confidantId,
    revokedAt: null,
  });
}

/** A client's live standing authorisation of a confidant, or null. */
export function liveAuthorisation(
  ctx: RequestContext,
  organisationId: string,
  clientId: string,
  confidantId: string,
) {
  return ctx.em.findOne(ConfidantGrant, {
    organisationId,
    caseId: null,
    clientId,
    confidantId,
    revokedAt: null,
  });
}

/** Scopes without duplicates, in their canonical order, so two sets compare as arrays. */
export function canonicalScopes(scopes: readonly GrantScope[]): GrantScope[] {
  return CONFIDANT_GRANTS.filter((scope) => scopes.includes(scope));
}

export function sameScopes(a: readonly GrantScope[], b: readonly GrantScope[]): boolean {
  const left = canonicalScopes(a);
  const right = canonicalScopes(b);
  return left.length === right.length && left.every((scope, index) => scope === right[index]);
}

/**
 * Gives a confidant a live grant on a case, replacing a live one with other scopes (the old row is
 * revoked, so the history stays), keeps `cases.confidant_ids` in step and records it on the
 * shared timeline. The case must be locked or new. Returns the live grant.
 */
export async function putCaseGrant(
  ctx: RequestContext,
  kase: Case,
  confidantId: string,
  scopes: readonly GrantScope[],
  options: { authorisationId?: string; onBehalfOfId?: string } = {},
): Promise<ConfidantGrant> {
  const wanted = canonicalScopes(scopes);
  const live = await liveCaseGrant(ctx, kase, confidantId);
  if (live && sameScopes(live.scopes, wanted)) return live;
  if (live) {
    live.revokedAt = ctx.now;
    // The revocation goes first: at most one grant per confidant and case is live.
    await ctx.em.flush();
  }
  const grant = ctx.em.create(ConfidantGrant, {
    organisationId: kase.organisationId,
    id: randomUUID(),
    caseId: kase.id,
    case: kase,
    clientId: clientOf(kase),
    confidantId,
    scopes: wanted,
    grantedAt: ctx.now,
    revokedAt: null,
  });
  if (!kase.confidantIds.includes(confidantId))
    kase.confidantIds = [...kase.confidantIds, confidantId];
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    {
      type: live ? 'confidant-grant-changed' : 'confidant-granted',
      visibility: 'shared',
      payload: {
        confidantId,
        scopes: wanted,
        ...(live ? { previousScopes: live.scopes } : {}),
        ...(options.authorisationId ? { authorisationId: options.authorisationId } : {}),
      },
      onBehalfOfId: options.onBehalfOfId,
    },
  ]);
  return grant;
}

/**
 * Ends a confidant's live grant on a case at once: the case row stops listing them in the same
 * transaction, so their very next request no longer sees the case. The case must be locked.
 */
export async function endCaseGrant(
  ctx: RequestContext,
  kase: Case,
  grant: ConfidantGrant,
): Promise<void> {
  grant.revokedAt = ctx.now;
  kase.confidantIds = kase.confidantIds.filter((id) => id !== grant.confidantId);
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    {
      type: 'confidant-revoked',
      visibility: 'shared',
      payload: { confidantId: grant.confidantId },
    },
  ]);
}

/**
 * A confidant's standing in one organisation, for their ability: the scopes of each live case
 * grant, and the clients whose live standing authorisation lets them file (`submit`).
 */
export async function confidantStanding(
  em: EntityManager,
  organisationId: string,
  confidantId: string,
): Promise<{ caseGrants: Record<string, GrantScope[]>; authorisedClientIds: string[] }> {
  const live = await em.find(ConfidantGrant, { organisationId, confidantId, revokedAt: null });
  return {
    caseGrants: Object.fromEntries(
      live.filter((grant) => grant.caseId !== null).map((grant) => [grant.caseId!, grant.scopes]),
    ),
    authorisedClientIds: live
      .filter((grant) => grant.caseId === null && grant.scopes.includes('submit'))
      .map((grant) => grant.clientId),
  };
}
