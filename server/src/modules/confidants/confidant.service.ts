import { randomUUID } from 'node:crypto';
import { asCase } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { lockForOrganisation } from '../../core/db/sequencing.js';
import { badInput, forbidden } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { clientOf, type Case } from '../cases/case.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { holdsRole, requireMembers } from '../memberships/membership.service.js';
import { User } from '../users/user.entity.js';
import { ConfidantGrant } from './confidant-grant.entity.js';
import {
  canonicalScopes,
  endCaseGrant,
  liveAuthorisation,
  liveCaseGrant,
  putCaseGrant,
  sameScopes,
} from './confidant-grants.js';
import {
  AuthoriseConfidantSchema,
  GrantConfidantSchema,
  RevokeConfidantSchema,
  WithdrawAuthorisationSchema,
} from './confidant.inputs.js';

/**
 * Grants a confidant access to one of the viewer's own cases, or changes the scopes of their live
 * grant (the old grant is revoked and kept as history). The confidant must be a member of the
 * organisation with the confidant role, and not someone the complaint is about.
 */
export async function grantConfidant(ctx: RequestContext, input: unknown): Promise<ConfidantGrant> {
  const data = parseInput(GrantConfidantSchema, input);
  // Only the client of a case controls its confidants; anyone else is answered "not found".
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'manageConfidants', 'grant-confidant', {
    lock: true,
  });
  await requireConfidant(ctx, data.confidantId, clientOf(kase));
  if (kase.subjectIds.includes(data.confidantId)) {
    throw badInput('Deze persoon is beklaagde in de zaak en kan geen vertrouwenspersoon zijn.', {
      field: 'confidantId',
    });
  }
  const grant = await putCaseGrant(ctx, kase, data.confidantId, data.scopes);
  await ctx.em.flush();
  return grant;
}

/** Ends a confidant's access to one of the viewer's own cases, with immediate effect. */
export async function revokeConfidant(
  ctx: RequestContext,
  input: unknown,
): Promise<ConfidantGrant> {
  const data = parseInput(RevokeConfidantSchema, input);
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'manageConfidants', 'revoke-confidant', {
    lock: true,
  });
  const grant = await liveCaseGrant(ctx, kase, data.confidantId);
  if (!grant) {
    throw badInput('Deze vertrouwenspersoon heeft geen lopende toegang tot deze zaak.', {
      field: 'confidantId',
    });
  }
  await endCaseGrant(ctx, kase, grant);
  await ctx.em.flush();
  return grant;
}

/**
 * Gives a confidant the viewer's standing authorisation to file complaints on their behalf (with
 * `submit`), or changes its scopes (the old one is revoked and kept). Only a client gives one.
 */
export async function authoriseConfidant(
  ctx: RequestContext,
  input: unknown,
): Promise<ConfidantGrant> {
  const data = parseInput(AuthoriseConfidantSchema, input);
  const { organisationId, viewer } = await requireClient(ctx, 'authorise-confidant');
  await requireConfidant(ctx, data.confidantId, viewer.userId);
  await lockAuthorisations(ctx, organisationId, viewer.userId);
  const wanted = canonicalScopes(data.scopes);
  const live = await liveAuthorisation(ctx, organisationId, viewer.userId, data.confidantId);
  recordAccess(ctx, { action: 'authorise-confidant', outcome: 'allowed', clientId: viewer.userId });
  if (live && sameScopes(live.scopes, wanted)) return live;
  if (live) {
    live.revokedAt = ctx.now;
    // The revocation goes first: at most one authorisation per client and confidant is live.
    await ctx.em.flush();
  }
  const authorisation = ctx.em.create(ConfidantGrant, {
    organisationId,
    id: randomUUID(),
    caseId: null,
    clientId: viewer.userId,
    confidantId: data.confidantId,
    scopes: wanted,
    grantedAt: ctx.now,
    revokedAt: null,
  });
  await ctx.em.flush();
  return authorisation;
}

/**
 * Withdraws a standing authorisation: the confidant can no longer file for the viewer. Grants on
 * cases already filed stay until the client revokes them one by one (ADR 0008).
 */
export async function withdrawConfidantAuthorisation(
  ctx: RequestContext,
  input: unknown,
): Promise<ConfidantGrant> {
  const data = parseInput(WithdrawAuthorisationSchema, input);
  const { organisationId, viewer } = await requireClient(ctx, 'withdraw-confidant-authorisation');
  await lockAuthorisations(ctx, organisationId, viewer.userId);
  const live = await liveAuthorisation(ctx, organisationId, viewer.userId, data.confidantId);
  if (!live) {
    throw badInput('U heeft deze vertrouwenspersoon geen lopende machtiging gegeven.', {
      field: 'confidantId',
    });
  }
  live.revokedAt = ctx.now;
  recordAccess(ctx, {
    action: 'withdraw-confidant-authorisation',
    outcome: 'allowed',
    clientId: viewer.userId,
  });
  await ctx.em.flush();
  return live;
}

/**
 * The grants on a case, for a viewer who may see the case: its client and staff who may read
 * internal parts see every grant, past and present; a confidant sees only their own; anyone else
 * (a commission, the person complained about) gets null.
 */
export async function caseConfidantGrants(
  ctx: RequestContext,
  kase: Case,
): Promise<ConfidantGrant[] | null> {
  const { ability, viewer } = await requestAbility(ctx);
  const everyone = kase.clientId === viewer.userId || ability.can('readInternal', asCase(kase));
  if (!everyone && !kase.confidantIds.includes(viewer.userId)) return null;
  return ctx.em.find(
    ConfidantGrant,
    {
      organisationId: kase.organisationId,
      caseId: kase.id,
      ...(everyone ? {} : { confidantId: viewer.userId }),
    },
    { orderBy: { grantedAt: 'desc', id: 'asc' } },
  );
}

/**
 * Standing authorisations that concern the viewer: those a client gave (past and present) and
 * those a confidant holds now (so they know for whom they may file).
 */
export async function myConfidantAuthorisations(ctx: RequestContext): Promise<ConfidantGrant[]> {
  const { organisationId, roles, viewer } = requireOrganisation(ctx);
  const concerns = [
    ...(roles.includes('client') ? [{ clientId: viewer.userId }] : []),
    ...(roles.includes('confidant') ? [{ confidantId: viewer.userId, revokedAt: null }] : []),
  ];
  if (concerns.length === 0) return [];
  return ctx.em.find(
    ConfidantGrant,
    { organisationId, caseId: null, $or: concerns },
    { orderBy: { grantedAt: 'desc', id: 'asc' } },
  );
}

/** The organisation's confidants, by name, for a client (or staff) choosing one. */
export async function listConfidants(ctx: RequestContext): Promise<{ id: string; name: string }[]> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('listConfidants', 'Organisation'))
    throw forbidden('Alleen cliënten en medewerkers kiezen een vertrouwenspersoon.');
  const members = await ctx.em.find(Membership, {
    organisationId,
    roles: { $contains: ['confidant'] },
  });
  const names = await displayNames(
    ctx,
    members.map((m) => m.userId),
  );
  return members
    .map((m) => ({ id: m.userId, name: names.get(m.userId) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Names of people in the active organisation, in one query. */
export async function displayNames(
  ctx: RequestContext,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const users = await ctx.em.find(User, { id: { $in: unique } });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

async function requireClient(ctx: RequestContext, action: string) {
  const active = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('authoriseConfidants', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('Alleen een cliënt machtigt een vertrouwenspersoon.');
  }
  return active;
}

async function requireConfidant(ctx: RequestContext, confidantId: string, clientId: string) {
  if (confidantId === clientId)
    throw badInput('U kunt niet uw eigen vertrouwenspersoon zijn.', { field: 'confidantId' });
  // Ids of clients, staff or other organisations look exactly like ids that do not exist.
  await requireMembers(ctx, [confidantId], 'confidantId', holdsRole('confidant'));
}

/** One change at a time to a client's authorisations: two requests cannot both make one live. */
function lockAuthorisations(ctx: RequestContext, organisationId: string, clientId: string) {
  return lockForOrganisation(ctx.em, `confidant-authorisations:${clientId}`, organisationId);
}
