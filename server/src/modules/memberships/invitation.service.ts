import { randomUUID } from 'node:crypto';
import type { Role } from '@klachtpad/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden, notFound } from '../../core/errors.js';
import { enqueueJob } from '../../core/queue/job-queue.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import {
  checkNewPassword,
  createAccount,
  setFirstPassword,
  normaliseEmail,
  signIn,
  openSession,
  type SignInResult,
} from '../auth/auth.service.js';
import { hashLinkToken, isWellFormedLinkToken, newLinkToken } from '../auth/session-token.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { Invitation } from './invitation.entity.js';
import { AcceptInvitationSchema, InviteMemberSchema } from './members.inputs.js';
import type { InvitationPreview, InvitationView } from './members.types.js';
import { mayGrant, startMembership } from './members.service.js';

/** The task that mails an invitation link. */
export const INVITATION_MAIL_TASK = 'send-invitation';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** One answer for a link that never was, was used, was withdrawn or has expired. */
const INVALID_LINK = 'Deze uitnodiging is ongeldig, al gebruikt of verlopen.';

export function invitationView(invitation: Invitation): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    roles: invitation.roles,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
  };
}

const isOpen = (invitation: Invitation, now: Date) =>
  invitation.acceptedAt === null && invitation.revokedAt === null && invitation.expiresAt > now;

/**
 * Records an invitation for `email` to take `roles` in the active organisation and queues its
 * mail; an earlier open invitation to the same address is withdrawn (one link works at a time).
 * `invitedBy` is null only for the platform operator's first director (onboarding).
 */
export async function createInvitation(
  ctx: RequestContext,
  organisationId: string,
  invitation: {
    email: string;
    displayName: string | null;
    roles: Role[];
    invitedBy: string | null;
    /** The walk-in client's account the invitation is for, if any (ADR 0096). */
    userId?: string | null;
  },
): Promise<Invitation> {
  const open = await ctx.em.find(Invitation, {
    organisationId,
    email: invitation.email,
    acceptedAt: null,
    revokedAt: null,
  });
  for (const earlier of open) earlier.revokedAt = ctx.now;
  const created = ctx.em.create(Invitation, {
    organisationId,
    id: randomUUID(),
    ...invitation,
    userId: invitation.userId ?? null,
    tokenHash: null,
    expiresAt: invitationExpiry(ctx.now),
    createdAt: ctx.now,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  });
  await ctx.em.flush();
  await queueInvitationMail(ctx.em, organisationId, created.id);
  return created;
}

/** Queues the mail of an invitation, in the transaction that records it. */
export async function queueInvitationMail(
  em: EntityManager,
  organisationId: string,
  invitationId: string,
): Promise<void> {
  await enqueueJob(em, {
    task: INVITATION_MAIL_TASK,
    payload: { organisationId, invitationId },
    key: `invitation:${invitationId}`,
    maxAttempts: 8,
    organisationId,
  });
}

/** When an invitation made now stops working. */
export const invitationExpiry = (now: Date) =>
  new Date(now.getTime() + INVITATION_DAYS * 86_400_000);

/** A manager or director invites a person by e-mail address to roles they may grant. */
export async function inviteMember(ctx: RequestContext, input: unknown): Promise<InvitationView> {
  const data = parseInput(InviteMemberSchema, input);
  const { organisationId, roles: viewerRoles, viewer } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageMembers', 'Organisation') || !mayGrant(viewerRoles, data.roles)) {
    recordAccess(ctx, { action: 'invite-member', outcome: 'denied' });
    throw forbidden('U mag deze rollen niet toekennen.');
  }
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: organisationId });
  const commissionRole = data.roles.includes('commission');
  if (commissionRole !== (organisation.kind === 'commission')) {
    throw badInput(
      organisation.kind === 'commission'
        ? 'Een klachtencommissie heeft alleen commissieleden.'
        : 'De rol commissie hoort bij een klachtencommissie.',
      { field: 'roles' },
    );
  }
  const invitation = await createInvitation(ctx, organisationId, {
    email: data.email,
    displayName: data.displayName,
    roles: data.roles,
    invitedBy: viewer.userId,
  });
  recordAccess(ctx, { action: 'invite-member', outcome: 'allowed' });
  return invitationView(invitation);
}

/** The open invitations of the active organisation (managers, directors). */
export async function openInvitations(ctx: RequestContext): Promise<InvitationView[]> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageMembers', 'Organisation')) return [];
  const open = await ctx.em.find(
    Invitation,
    { organisationId, acceptedAt: null, revokedAt: null, expiresAt: { $gt: ctx.now } },
    { orderBy: { createdAt: 'desc' } },
  );
  return open.map(invitationView);
}

/** Withdraws an open invitation: its link stops working. */
export async function revokeInvitation(ctx: RequestContext, id: string): Promise<boolean> {
  const { organisationId, roles } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const invitation = /^[0-9a-f-]{36}$/.test(id)
    ? await ctx.em.findOne(Invitation, { organisationId, id })
    : null;
  if (
    !invitation ||
    !ability.can('manageMembers', 'Organisation') ||
    !mayGrant(roles, invitation.roles) ||
    !isOpen(invitation, ctx.now)
  ) {
    throw notFound('Invitation');
  }
  invitation.revokedAt = ctx.now;
  recordAccess(ctx, { action: 'revoke-invitation', outcome: 'allowed' });
  await ctx.em.flush();
  return true;
}

/**
 * Issues a fresh token for an open invitation (the mail job's first step): only its hash is
 * kept, and an earlier link of the same invitation stops working. Undefined when it is no longer
 * open.
 */
export async function issueInvitationToken(
  ctx: RequestContext,
  invitationId: string,
): Promise<{ token: string; email: string } | undefined> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('An invitation belongs to an organisation.');
  const invitation = await ctx.em.findOne(Invitation, { organisationId, id: invitationId });
  if (!invitation || !isOpen(invitation, ctx.now)) return undefined;
  const token = newLinkToken();
  invitation.tokenHash = hashLinkToken(token);
  await ctx.em.flush();
  return { token, email: invitation.email };
}

/** Finds the open invitation a link's token belongs to, with the transaction scoped to read it. */
async function invitationOfToken(ctx: RequestContext, token: unknown): Promise<Invitation> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) {
    throw badInput(INVALID_LINK, { field: 'token' });
  }
  await ctx.tx.setScope({ invitationTokenHash: hashLinkToken(token) });
  const invitation = await ctx.em.findOne(Invitation, { tokenHash: hashLinkToken(token) });
  if (!invitation || !isOpen(invitation, ctx.now)) {
    throw badInput(INVALID_LINK, { field: 'token' });
  }
  return invitation;
}

/** What an invitation link invites to, for the page that accepts it. */
export async function previewInvitation(
  ctx: RequestContext,
  token: string,
): Promise<InvitationPreview> {
  const invitation = await invitationOfToken(ctx, token);
  const organisation = await ctx.em.findOneOrFail(Organisation, {
    id: invitation.organisationId,
  });
  await ctx.tx.setScope({ signInEmail: invitation.email });
  const account = await ctx.em.findOne(User, { email: invitation.email }, { fields: ['id'] });
  return {
    organisationName: organisation.name,
    organisationSlug: organisation.slug,
    email: invitation.email,
    roles: invitation.roles,
    // A walk-in client's invitation always asks for a new password: the account it claims has
    // none yet (an address taken by another account is refused on accepting).
    accountExists: invitation.userId === null && account !== null,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Accepts an invitation: a person without an account sets a password and gets one; a person with
 * one proves it with their password (the same checks and lockout as signing in). Either way they
 * become (again) a member with the invited roles, and are signed in. The link works once.
 */
export async function acceptInvitation(
  ctx: RequestContext,
  input: unknown,
): Promise<SignInResult & { organisationSlug: string }> {
  const data = parseInput(AcceptInvitationSchema, input);
  const invitation = await invitationOfToken(ctx, data.token);
  const email = normaliseEmail(invitation.email);
  await ctx.tx.setScope({ signInEmail: email });
  const existing = await ctx.em.findOne(User, { email });
  let session: SignInResult;
  if (invitation.userId) {
    session = await claimWalkInAccount(ctx, invitation.userId, data, existing !== null);
  } else if (existing) {
    session = await signIn(ctx, email, data.password);
  } else {
    const user = await createAccount(ctx, {
      email,
      displayName: data.displayName ?? invitation.displayName ?? email.split('@')[0]!,
      password: data.password,
    });
    session = await openSession(ctx, user);
  }
  await ctx.tx.setScope({ organisationId: invitation.organisationId });
  await startMembership(ctx, invitation.organisationId, session.userId, invitation.roles);
  invitation.acceptedAt = ctx.now;
  invitation.acceptedBy = session.userId;
  await ctx.em.flush();
  const organisation = await ctx.em.findOneOrFail(Organisation, {
    id: invitation.organisationId,
  });
  return { ...session, organisationSlug: organisation.slug };
}

/**
 * Accepting a walk-in client's invitation: the account staff made gets the invited address and
 * the password the client chose (ADR 0096), instead of a new account, so the cases filed for the
 * client are theirs from the first sign-in. The transaction is scoped to the invitation's token
 * and address, the only ones the database lets the claim use.
 */
async function claimWalkInAccount(
  ctx: RequestContext,
  userId: string,
  data: { password: string },
  addressTaken: boolean,
): Promise<SignInResult> {
  checkNewPassword(data.password);
  if (addressTaken) {
    throw badInput(
      'Dit e-mailadres hoort al bij een ander account. Vraag de organisatie om een uitnodiging naar een ander adres.',
      { field: 'token' },
    );
  }
  const [claim] = await ctx.em.execute<{ claimed: boolean }[]>(
    'select app.claim_walk_in_account(?) as claimed',
    [userId],
  );
  if (!claim?.claimed) throw badInput(INVALID_LINK, { field: 'token' });
  await setFirstPassword(ctx, userId, data.password);
  // The name stays the one staff wrote down with the client; they can change it in the portal.
  return openSession(ctx, await ctx.em.findOneOrFail(User, { id: userId }, { refresh: true }));
}
