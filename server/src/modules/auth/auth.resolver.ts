import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { Language } from '../../core/graphql/shared.types.js';
import { setUserLanguage } from '../users/user-language.service.js';
import { accountAddress } from '../users/user.entity.js';
import {
  beginMfaEnrolment,
  confirmMfaEnrolment,
  signIn,
  signOut,
  verifyMfa,
} from './auth.service.js';
import {
  changePassword,
  createRecoveryCodes,
  endOtherSessionsOfMine,
  endSession,
  mySessions,
  recoveryCodesLeft,
  verifyMfaWithRecoveryCode,
  type OwnSession,
} from './account-security.service.js';
import { Me, MembershipView, MfaEnrolment, OwnSessionView, SignInPayload } from './auth.types.js';
import { requestPasswordReset, resetPassword } from './password-reset.service.js';
import { getMe } from './me.service.js';

@Resolver()
export class AuthResolver {
  @Query(() => Me, { description: 'The signed-in user and their memberships.' })
  me(@Ctx() ctx: RequestContext): Promise<Me> {
    return getMe(ctx);
  }

  @Mutation(() => Me, {
    description: 'Remembers the language the signed-in person reads Klachtpad in, on every device.',
  })
  setLanguage(
    @Ctx() ctx: RequestContext,
    @Arg('language', () => Language) language: Language,
  ): Promise<Me> {
    return setUserLanguage(ctx, language);
  }

  @Mutation(() => SignInPayload)
  signIn(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
  ): Promise<SignInPayload> {
    return signIn(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session at once.' })
  signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    return signOut(ctx);
  }

  @Mutation(() => MfaEnrolment)
  beginMfaEnrolment(@Ctx() ctx: RequestContext): Promise<MfaEnrolment> {
    return beginMfaEnrolment(ctx);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Turns two-step verification on with a first code; the session continues under a new token (the old one ends).',
  })
  confirmMfaEnrolment(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String) code: string,
  ): Promise<SignInPayload> {
    return confirmMfaEnrolment(ctx, code);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Passes two-step verification for this session; it continues under a new token (the old one ends).',
  })
  verifyMfa(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String) code: string,
  ): Promise<SignInPayload> {
    return verifyMfa(ctx, code);
  }

  @Mutation(() => Boolean, {
    description:
      'Mails a link to choose a new password, if the address has an account; the answer is always true.',
  })
  requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the token of a reset link (once, within the hour); every session of the account ends.',
  })
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
  ): Promise<boolean> {
    return resetPassword(ctx, token, password);
  }

  @Query(() => [OwnSessionView], { description: 'Where the signed-in person is signed in.' })
  mySessions(@Ctx() ctx: RequestContext): Promise<OwnSession[]> {
    return mySessions(ctx);
  }

  @Mutation(() => Boolean, { description: 'Ends one of the signed-in person’s sessions at once.' })
  endSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return endSession(ctx, id);
  }

  @Mutation(() => Int, {
    description: 'Ends every session of the signed-in person but this one; returns how many.',
  })
  endOtherSessions(@Ctx() ctx: RequestContext): Promise<number> {
    return endOtherSessionsOfMine(ctx);
  }

  @Mutation(() => Boolean, {
    description:
      'Changes the password, given the current one; every other session of the account ends.',
  })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => [String], {
    description:
      'A fresh set of ten MFA recovery codes, replacing earlier ones; shown this once, each works once.',
  })
  createRecoveryCodes(@Ctx() ctx: RequestContext): Promise<string[]> {
    return createRecoveryCodes(ctx);
  }

  @Query(() => Int, { description: 'How many unused recovery codes the signed-in person has.' })
  recoveryCodesLeft(@Ctx() ctx: RequestContext): Promise<number> {
    return recoveryCodesLeft(ctx);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Passes two-step verification for this session with a recovery code (spent); the session continues under the new token.',
  })
  verifyMfaWithRecoveryCode(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String) code: string,
  ): Promise<SignInPayload> {
    return verifyMfaWithRecoveryCode(ctx, code);
  }
}

/** The fields of `Me` beyond the session, each read only when the response asks for it. */
@Resolver(() => Me)
export class MeResolver {
  @FieldResolver(() => String)
  async email(@Root() me: Me): Promise<string> {
    return accountAddress(await me.facts.user());
  }

  @FieldResolver(() => String)
  async displayName(@Root() me: Me): Promise<string> {
    return (await me.facts.user()).displayName;
  }

  @FieldResolver(() => Boolean)
  async mfaEnabled(@Root() me: Me): Promise<boolean> {
    return (await me.facts.user()).mfaEnabledAt !== null;
  }

  @FieldResolver(() => Language, { nullable: true })
  async language(@Root() me: Me): Promise<Language | null> {
    return (await me.facts.user()).language as Language | null;
  }

  @FieldResolver(() => [MembershipView])
  memberships(@Root() me: Me): Promise<MembershipView[]> {
    return me.facts.memberships();
  }

  @FieldResolver(() => MembershipView, { nullable: true })
  async activeOrganisation(@Root() me: Me): Promise<MembershipView | null> {
    const active = me.facts.activeOrganisationId;
    if (!active) return null;
    return (await me.facts.memberships()).find((view) => view.organisationId === active) ?? null;
  }
}
