import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  AuthoriseConfidantInput,
  GrantConfidantInput,
  RevokeConfidantArgs,
} from './confidant.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import type { ConfidantGrant } from './confidant-grant.entity.js';
import {
  authoriseConfidant,
  caseConfidantGrants,
  displayNames,
  grantConfidant,
  listConfidants,
  myConfidantAuthorisations,
  revokeConfidant,
  withdrawConfidantAuthorisation,
} from './confidant.service.js';
import {
  ConfidantAuthorisationView,
  ConfidantGrantView,
  ConfidantView,
} from './confidant.types.js';

async function toGrantViews(
  ctx: RequestContext,
  grants: ConfidantGrant[],
): Promise<ConfidantGrantView[]> {
  const names = await displayNames(
    ctx,
    grants.flatMap((g) => [g.clientId, g.confidantId]),
  );
  return grants.map((grant) => ({
    id: grant.id,
    clientId: grant.clientId,
    clientName: names.get(grant.clientId) ?? null,
    confidantId: grant.confidantId,
    confidantName: names.get(grant.confidantId) ?? null,
    scopes: grant.scopes,
    grantedAt: grant.grantedAt,
    revokedAt: grant.revokedAt,
    live: grant.revokedAt === null,
  }));
}

async function toAuthorisationViews(
  ctx: RequestContext,
  authorisations: ConfidantGrant[],
): Promise<ConfidantAuthorisationView[]> {
  const names = await displayNames(
    ctx,
    authorisations.flatMap((a) => [a.clientId, a.confidantId]),
  );
  return authorisations.map((authorisation) => ({
    id: authorisation.id,
    clientId: authorisation.clientId,
    clientName: names.get(authorisation.clientId) ?? null,
    confidantId: authorisation.confidantId,
    confidantName: names.get(authorisation.confidantId) ?? null,
    scopes: authorisation.scopes,
    grantedAt: authorisation.grantedAt,
    revokedAt: authorisation.revokedAt,
    live: authorisation.revokedAt === null,
  }));
}

@Resolver()
export class ConfidantResolver {
  @Query(() => [ConfidantView], {
    description: 'The organisation’s confidants (names only), for a client choosing one.',
  })
  confidants(@Ctx() ctx: RequestContext): Promise<ConfidantView[]> {
    return listConfidants(ctx);
  }

  @Query(() => [ConfidantAuthorisationView], {
    description:
      'Standing authorisations to file on a client’s behalf: those the viewer gave as client, and those they hold now as confidant.',
  })
  async myConfidantAuthorisations(
    @Ctx() ctx: RequestContext,
  ): Promise<ConfidantAuthorisationView[]> {
    return toAuthorisationViews(ctx, await myConfidantAuthorisations(ctx));
  }

  @Mutation(() => ConfidantGrantView, {
    description:
      'The client gives a confidant access to their case, or changes its scopes (the old grant stays as history).',
  })
  async grantConfidant(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GrantConfidantInput) input: unknown,
  ): Promise<ConfidantGrantView> {
    const [view] = await toGrantViews(ctx, [await grantConfidant(ctx, input)]);
    return view!;
  }

  @Mutation(() => ConfidantGrantView, {
    description: 'The client ends a confidant’s access to their case, with immediate effect.',
  })
  async revokeConfidant(
    @Ctx() ctx: RequestContext,
    @Args(() => RevokeConfidantArgs) args: unknown,
  ): Promise<ConfidantGrantView> {
    const [view] = await toGrantViews(ctx, [await revokeConfidant(ctx, args)]);
    return view!;
  }

  @Mutation(() => ConfidantAuthorisationView, {
    description:
      'The client authorises a confidant to file complaints on their behalf (scope `submit`), or changes the scopes.',
  })
  async authoriseConfidant(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AuthoriseConfidantInput) input: unknown,
  ): Promise<ConfidantAuthorisationView> {
    const [view] = await toAuthorisationViews(ctx, [await authoriseConfidant(ctx, input)]);
    return view!;
  }

  @Mutation(() => ConfidantAuthorisationView, {
    description:
      'The client withdraws a standing authorisation; grants on cases already filed stay until revoked.',
  })
  async withdrawConfidantAuthorisation(
    @Ctx() ctx: RequestContext,
    @Arg('confidantId', () => ID) confidantId: string,
  ): Promise<ConfidantAuthorisationView> {
    const [view] = await toAuthorisationViews(ctx, [
      await withdrawConfidantAuthorisation(ctx, { confidantId }),
    ]);
    return view!;
  }
}

@Resolver(() => CaseView)
export class CaseConfidantsResolver {
  @FieldResolver(() => [ConfidantGrantView], {
    nullable: true,
    description:
      'Confidant grants, live and past: all for the client and staff, their own for a confidant, null for anyone else.',
  })
  async confidantGrants(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<ConfidantGrantView[] | null> {
    const grants = await caseConfidantGrants(ctx, view.entity);
    return grants && toGrantViews(ctx, grants);
  }
}
