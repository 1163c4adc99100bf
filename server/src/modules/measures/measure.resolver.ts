import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { CompleteMeasureInput } from './measure.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import { MEASURE_REFUSALS } from './measure.refusals.js';
import { completeMeasure, trackedMeasures, type TrackedMeasure } from './measure.service.js';
import {
  CompleteMeasureResult,
  MeasureRefusedView,
  MeasureStatusValue,
  MeasureView,
} from './measure.types.js';

const STATUS: Record<TrackedMeasure['status'], MeasureStatusValue> = {
  open: MeasureStatusValue.OPEN,
  done: MeasureStatusValue.DONE,
  overdue: MeasureStatusValue.OVERDUE,
};

function toView({ measure, status, completion, staff }: TrackedMeasure): MeasureView {
  return Object.assign(new MeasureView(), {
    id: measure.id,
    description: measure.description,
    due: measure.due,
    parts: measure.parts,
    status: STATUS[status],
    completedOn: completion?.completedOn ?? null,
    owner: staff ? measure.owner : null,
    proof: staff ? (completion?.proof ?? null) : null,
    completedById: staff ? (completion?.completedById ?? null) : null,
  });
}

@Resolver(() => CaseView)
export class MeasureResolver {
  @Mutation(() => CompleteMeasureResult, {
    description: 'Records that a measure was carried out (manager, director, or its owner).',
  })
  async completeMeasure(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteMeasureInput) input: unknown,
  ): Promise<MeasureView | MeasureRefusedView> {
    const result = await completeMeasure(ctx, input);
    if ('kind' in result)
      return Object.assign(new MeasureRefusedView(), {
        code: result.code,
        message: MEASURE_REFUSALS[result.code],
      });
    return toView(result);
  }

  @FieldResolver(() => [MeasureView], {
    description:
      'The measures of the decision with their status; none for a subject or commission.',
  })
  async measures(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<MeasureView[]> {
    return (await trackedMeasures(ctx, view.entity)).map(toView);
  }
}
