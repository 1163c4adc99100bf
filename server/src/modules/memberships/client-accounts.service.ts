import { randomUUID } from 'node:crypto';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { User } from '../users/user.entity.js';
import { Invitation } from './invitation.entity.js';
import { createInvitation, invitationView } from './invitation.service.js';
import { Membership } from './membership.entity.js';
import { holdsRole, requireMembers } from './membership.service.js';
import { memberView } from './members.service.js';
import { CreateClientAccountSchema, InviteClientAccountSchema } from './members.inputs.js';
import type { ClientAccountView, InvitationView } from './members.types.js';

/** Staff of a care organisation (the ability; the database checks it again) or nobody. */
async function requireAccountMaker(ctx: RequestContext, action: string) {
  const active = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('createClientAccounts', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('Alleen medewerkers maken een account voor een cliënt.');
  }
  return active;
}

/**
 * Makes an account for a client who came in person (ADR 0096): a name and a client membership,
 * no address and no password, so staff can file for them at once. With an address the client
 * gave, the invitation to the portal goes out in the same transaction.
 */
export async function createClientAccount(
  ctx: RequestContext,
  input: unknown,
): Promise<ClientAccountView> {
  const data = parseInput(CreateClientAccountSchema, input);
  const { organisationId, viewer } = await requireAccountMaker(ctx, 'create-client-account');
  const id = randomUUID();
  // The runtime role inserts no user by itself: the security definer checks the caller is
  // current staff of the care organisation in scope and makes exactly this kind of account.
  const [made] = await ctx.em.execute<{ made: boolean }[]>(
    'select app.create_walk_in_client(?, ?, ?, ?) as made',
    [id, data.displayName, data.language, ctx.now],
  );
  if (!made?.made) {
    recordAccess(ctx, { action: 'create-client-account', outcome: 'denied' });
    throw forbidden('Alleen medewerkers maken een account voor een cliënt.');
  }
  const invitation = data.email
    ? await createInvitation(ctx, organisationId, {
        email: data.email,
        displayName: data.displayName,
        roles: ['client'],
        invitedBy: viewer.userId,
        userId: id,
      })
    : null;
  recordAccess(ctx, { action: 'create-client-account', outcome: 'allowed', clientId: id });
  const membership = await ctx.em.findOneOrFail(Membership, { organisationId, userId: id });
  return {
    member: memberView(membership, { displayName: data.displayName, email: null }, false),
    invitation: invitation ? invitationView(invitation) : null,
  };
}

/**
 * Invites a walk-in client's account to the portal: later than it was made, or again to a
 * corrected address (a newer invitation for the account withdraws the older). Only an account
 * that has not joined yet; any other id, of this organisation or another, is an unknown person.
 */
export async function inviteClientAccount(
  ctx: RequestContext,
  input: unknown,
): Promise<InvitationView> {
  const data = parseInput(InviteClientAccountSchema, input);
  const { organisationId, viewer } = await requireAccountMaker(ctx, 'invite-client-account');
  await requireMembers(ctx, [data.userId], 'userId', holdsRole('client'));
  const user = await ctx.em.findOne(User, { id: data.userId });
  if (!user || user.email !== null) {
    throw badInput('Deze cliënt heeft al een account in het portaal.', { field: 'userId' });
  }
  const earlier = await ctx.em.find(Invitation, {
    organisationId,
    userId: data.userId,
    acceptedAt: null,
    revokedAt: null,
  });
  for (const invitation of earlier) invitation.revokedAt = ctx.now;
  const invitation = await createInvitation(ctx, organisationId, {
    email: data.email,
    displayName: user.displayName,
    roles: ['client'],
    invitedBy: viewer.userId,
    userId: data.userId,
  });
  recordAccess(ctx, {
    action: 'invite-client-account',
    outcome: 'allowed',
    clientId: data.userId,
  });
  return invitationView(invitation);
}
