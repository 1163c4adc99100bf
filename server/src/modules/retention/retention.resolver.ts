import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import {
  casesDueForAnonymisation,
  liftRetentionHold,
  setRetentionHold,
} from './retention.service.js';
import {
  RetentionDueCaseView,
  RetentionHoldView,
  SetRetentionHoldInput,
} from './retention.types.js';

@Resolver()
export class RetentionResolver {
  @Query(() => [RetentionDueCaseView], {
    description:
      'Closed cases anonymised within the next 30 days, or due and held, soonest first (director).',
  })
  casesDueForAnonymisation(@Ctx() ctx: RequestContext): Promise<RetentionDueCaseView[]> {
    return casesDueForAnonymisation(ctx);
  }

  @Mutation(() => RetentionHoldView, {
    description: 'Keeps a case from anonymisation, with a reason, until lifted (director).',
  })
  setRetentionHold(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetRetentionHoldInput) input: SetRetentionHoldInput,
  ): Promise<RetentionHoldView> {
    return setRetentionHold(ctx, input);
  }

  @Mutation(() => ID, {
    description: 'Lifts a hold: the case is anonymised once its term has run out (director).',
  })
  liftRetentionHold(
    @Ctx() ctx: RequestContext,
    @Arg('caseId', () => ID) caseId: string,
  ): Promise<string> {
    return liftRetentionHold(ctx, caseId);
  }
}
