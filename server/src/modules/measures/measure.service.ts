import { amsterdamDate, type Measure } from '@klachtpad/procedures';
import { asMeasure, canSeeCaseItem, type ItemAudience } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import type { RequestContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordRefusal } from '../access-log/access-log.service.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { defineCaseItemLoader } from '../case-access/case-items.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { Case } from '../cases/case.entity.js';
import { MeasureCompletion } from './measure-completion.entity.js';
import { CompleteMeasureSchema } from './measure.inputs.js';
import { MeasureRefusalCode, type MeasureRefused } from './measure.refusals.js';

/**
 * A measure and its completion have the audience of the `measure-recorded` event that announced
 * it: the client side learns what will be done and by when (as in the outcome letter), and
 * whether it was done; a subject and a commission do not.
 */
const MEASURE_AUDIENCE: ItemAudience = { visibility: 'shared', bundled: false, addresseeId: null };

/** Who owns a measure and the proof of its completion are staff work. */
const STAFF_AUDIENCE: ItemAudience = { visibility: 'internal', bundled: false, addresseeId: null };

export type MeasureStatus = 'open' | 'done' | 'overdue';

/** A measure as one viewer may see it; `staff` says whether owner and proof are theirs to see. */
export interface TrackedMeasure {
  measure: Measure;
  status: MeasureStatus;
  completion: MeasureCompletion | null;
  staff: boolean;
}

/** The completions of a case's measures the viewer may see; a listed page's in one query. */
const visibleCompletions = defineCaseItemLoader(MeasureCompletion, { measureId: 'asc' });

/** The measures of a case with their status today, or none for a viewer who may not see them. */
export async function trackedMeasures(ctx: RequestContext, kase: Case): Promise<TrackedMeasure[]> {
  const { ability } = await requestAbility(ctx);
  if (!canSeeCaseItem(ability, kase, MEASURE_AUDIENCE)) return [];
  const completions = await visibleCompletions(ctx, kase);
  const staff = canSeeCaseItem(ability, kase, STAFF_AUDIENCE);
  return kase.state.measures.map((measure) =>
    track(ctx, measure, completions.find((c) => c.measureId === measure.id) ?? null, staff),
  );
}

/**
 * Records that a measure was carried out, with proof: by a manager or director, or by the person
 * who owns it. Anyone else is answered as if the case did not exist.
 */
export async function completeMeasure(
  ctx: RequestContext,
  input: unknown,
): Promise<TrackedMeasure | MeasureRefused> {
  const data = parseInput(CompleteMeasureSchema, input);
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'work', 'complete-measure', {
    lock: true,
    also: (loaded, _viewer, ability) =>
      ability.can('complete', asMeasure(loaded, ownerOf(loaded, data.measureId))),
  });
  const measure = kase.state.measures.find((m) => m.id === data.measureId);
  if (!measure) throw notFound('Maatregel');
  const scope = { organisationId: kase.organisationId, caseId: kase.id, measureId: measure.id };
  if (await ctx.em.findOne(MeasureCompletion, scope)) {
    recordRefusal();
    return { kind: 'refused', code: MeasureRefusalCode.ALREADY_DONE };
  }
  const completion = ctx.em.create(MeasureCompletion, {
    ...scope,
    proof: data.proof,
    completedById: viewer.userId,
    completedOn: amsterdamDate(ctx.now),
    completedAt: ctx.now,
    ...MEASURE_AUDIENCE,
  });
  await appendTimeline(ctx, kase, [
    {
      type: 'measure-completed',
      ...MEASURE_AUDIENCE,
      payload: { measureId: measure.id, completedOn: completion.completedOn },
    },
  ]);
  await ctx.em.flush();
  return track(ctx, measure, completion, true);
}

/**
 * The owner of a measure as the ability sees it: free text ("Teamleider") unless the procedure
 * named a person by their id, which then matches the viewer's id.
 */
function ownerOf(kase: Case, measureId: string): string | null {
  return kase.state.measures.find((m) => m.id === measureId)?.owner ?? null;
}

function track(
  ctx: RequestContext,
  measure: Measure,
  completion: MeasureCompletion | null,
  staff: boolean,
): TrackedMeasure {
  const status: MeasureStatus = completion
    ? 'done'
    : measure.due < amsterdamDate(ctx.now)
      ? 'overdue'
      : 'open';
  return { measure, status, completion, staff };
}
