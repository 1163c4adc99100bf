import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Role } from '@klachtpad/contracts';
import type { RequestContext } from '../../core/context.js';
import { SignInPayload } from '../auth/auth.types.js';
import {
  acceptInvitation,
  inviteMember,
  openInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitation.service.js';
import { createClientAccount, inviteClientAccount } from './client-accounts.service.js';
import {
  AcceptInvitationInput,
  ChangeMemberRolesInput,
  CreateClientAccountInput,
  InviteClientAccountInput,
  InviteMemberInput,
} from './members.inputs.js';
import { changeMemberRoles, endMembership, listMembers } from './members.service.js';
import {
  ClientAccountView,
  InvitationPreview,
  InvitationView,
  MemberView,
} from './members.types.js';
import { RoleEnum } from './role.graphql.js';

@Resolver()
export class MembersResolver {
  @Query(() => [MemberView], {
    description:
      'The active organisation’s current people, by role if given (staff), to choose one: names and roles.',
  })
  members(
    @Ctx() ctx: RequestContext,
    @Arg('role', () => RoleEnum, { nullable: true }) role: Role | null,
  ): Promise<MemberView[]> {
    return listMembers(ctx, role ?? null);
  }

  @Query(() => [InvitationView], {
    description: 'Open invitations of the active organisation (managers, directors).',
  })
  invitations(@Ctx() ctx: RequestContext): Promise<InvitationView[]> {
    return openInvitations(ctx);
  }

  @Query(() => InvitationPreview, {
    description: 'What an invitation link invites to (no session needed: the link is the key).',
  })
  invitation(
    @Ctx() ctx: RequestContext,
    @Arg('token', () => String) token: string,
  ): Promise<InvitationPreview> {
    return previewInvitation(ctx, token);
  }

  @Mutation(() => InvitationView, {
    description:
      'Invites a person by e-mail address to roles (a manager: client, confidant, handler; a director: any). The link works once, for 7 days.',
  })
  inviteMember(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => InviteMemberInput) input: unknown,
  ): Promise<InvitationView> {
    return inviteMember(ctx, input);
  }

  @Mutation(() => Boolean, { description: 'Withdraws an open invitation: its link stops working.' })
  revokeInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return revokeInvitation(ctx, id);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Accepts an invitation with a new password (a new account) or the account’s password, and signs in.',
  })
  async acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AcceptInvitationInput) input: unknown,
  ): Promise<SignInPayload> {
    return acceptInvitation(ctx, input);
  }

  @Mutation(() => MemberView, {
    description: 'Changes a member’s roles; what they lose stops on their next request.',
  })
  changeMemberRoles(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeMemberRolesInput) input: unknown,
  ): Promise<MemberView> {
    return changeMemberRoles(ctx, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Ends a member’s access at once: refused from their next request, signed out everywhere.',
  })
  endMembership(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
  ): Promise<boolean> {
    return endMembership(ctx, userId);
  }

  @Mutation(() => ClientAccountView, {
    description:
      'Staff make an account for a client who came in person (no sign-in until invited), to file for them; with an address, the invitation to the portal goes out too.',
  })
  createClientAccount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateClientAccountInput) input: unknown,
  ): Promise<ClientAccountView> {
    return createClientAccount(ctx, input);
  }

  @Mutation(() => InvitationView, {
    description:
      'Invites a walk-in client’s account to the portal: accepting gives that account the address and a password, with its cases.',
  })
  inviteClientAccount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => InviteClientAccountInput) input: unknown,
  ): Promise<InvitationView> {
    return inviteClientAccount(ctx, input);
  }
}
