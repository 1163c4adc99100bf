import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import { SetContactPreferencesInput } from './contact.inputs.js';
import {
  caseSafeContact,
  confirmSafeEmail,
  myContactPreferences,
  setContactPreferences,
} from './contact.service.js';
import { SafeContactView } from './contact.types.js';

@Resolver()
export class ContactResolver {
  @Query(() => SafeContactView, {
    description: 'How the viewer may be reached outside the portal in the active organisation.',
  })
  myContactPreferences(@Ctx() ctx: RequestContext): Promise<SafeContactView> {
    return myContactPreferences(ctx);
  }

  @Mutation(() => SafeContactView, {
    description:
      'Sets how the viewer may be reached: the portal only, or e-mail to an address they confirm through a link; hours without contact; a code word shown with every message.',
  })
  setContactPreferences(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetContactPreferencesInput) input: unknown,
  ): Promise<SafeContactView> {
    return setContactPreferences(ctx, input);
  }

  @Mutation(() => SafeContactView, {
    description: 'Confirms the viewer’s e-mail address as safe, with the token from the link.',
  })
  confirmSafeEmail(
    @Ctx() ctx: RequestContext,
    @Arg('token', () => String) token: string,
  ): Promise<SafeContactView> {
    return confirmSafeEmail(ctx, token);
  }
}

@Resolver(() => CaseView)
export class CaseSafeContactResolver {
  @FieldResolver(() => SafeContactView, {
    nullable: true,
    description:
      'How the client may be reached outside the portal (staff of the case; null otherwise).',
  })
  safeContact(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<SafeContactView | null> {
    return caseSafeContact(ctx, view.entity);
  }
}
