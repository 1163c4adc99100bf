import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { Language } from '../../core/graphql/shared.types.js';
import {
  currentProcedure,
  describeProcedure,
  publishProcedure,
  startingProcedure,
  type PublishedProcedure,
} from './procedure.service.js';
import {
  ProcedurePublished,
  ProcedureRejected,
  ProcedureView,
  PublishProcedureResult,
} from './procedure.types.js';

function toView(procedure: PublishedProcedure, language: Language): ProcedureView {
  return {
    id: procedure.version.id,
    procedureId: procedure.definition.id,
    version: procedure.version.version,
    label: procedure.definition.label,
    regime: procedure.definition.regime,
    definition: procedure.version.definition,
    publishedAt: procedure.version.publishedAt,
    ...describeProcedure(procedure, language),
  };
}

@Resolver()
export class ProcedureResolver {
  @Query(() => ProcedureView, { description: 'The active organisation’s current procedure.' })
  async procedure(
    @Ctx() ctx: RequestContext,
    @Arg('language', () => Language, { defaultValue: Language.NL }) language: Language,
  ): Promise<ProcedureView> {
    return toView(await currentProcedure(ctx), language);
  }

  @Query(() => JSONResolver, {
    nullable: true,
    description:
      'The procedure template the organisation was set up with, to adapt and publish (director).',
  })
  startingProcedure(@Ctx() ctx: RequestContext): Promise<unknown> {
    return startingProcedure(ctx);
  }

  @Mutation(() => PublishProcedureResult, {
    description: 'Validates and publishes a new version (director). Cases keep their version.',
  })
  async publishProcedure(
    @Ctx() ctx: RequestContext,
    @Arg('definition', () => JSONResolver) definition: unknown,
  ): Promise<ProcedurePublished | ProcedureRejected> {
    const outcome = await publishProcedure(ctx, definition);
    if (outcome.kind === 'rejected')
      return Object.assign(new ProcedureRejected(), { findings: outcome.findings });
    return Object.assign(new ProcedurePublished(), {
      procedure: toView(outcome.procedure, Language.NL),
      findings: [],
    });
  }
}
