import { explainClocks, readableInputs, type ProcedureDefinition } from '@klachtpad/procedures';
import { CursorScalar } from '../../core/graphql/scalars.js';
import type { z } from 'zod';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { asCase } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import type { RequestContext } from '../../core/context.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../core/graphql/keyset-cursor.js';
import { Language } from '../../core/graphql/shared.types.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { findVisibleCase } from '../case-access/case-gate.js';
import { partsFor, readerOf } from './case-reader.js';
import { caseTimeline } from './case-timeline.js';
import type { CaseChange } from './case-transition.js';
import type { CaseEvent } from './case-event.entity.js';
import type { Case } from './case.entity.js';
import {
  AssignArgs,
  NameSubjectArgs,
  CaseFilterInput,
  CaseOrder,
  FileComplaintInput,
  PerformActionInput,
  type CaseFilterSchema,
  type FileComplaintSchema,
  type PerformActionSchema,
} from './case.inputs.js';
import { awaitsReassignment } from './case-reassignment.js';
import { assignHandler, caseActions, fileComplaint, performAction } from './case.service.js';
import { nameComplaintSubject } from './case-subjects.js';
import { cursorRank, listCases } from './case-listing.js';
import {
  ActionInputsView,
  ActionRefused,
  AvailableActionView,
  CaseChanged,
  CaseChangeResult,
  CaseConnection,
  CaseView,
  ComplaintPartView,
  DeadlineView,
  TimelineEventView,
} from './case.types.js';

/** A case as the API shows it; the live `caseUpdated` shows it the same way. */
export async function toView(ctx: RequestContext, kase: Case): Promise<CaseView> {
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  return {
    entity: kase,
    id: kase.id,
    reference: kase.reference,
    version: kase.version,
    category: kase.category,
    channel: kase.channel,
    receivedOn: kase.receivedOn,
    closed: kase.closed,
    createdAt: kase.createdAt,
    stages: stagesOf(definition, kase),
    warnings: kase.state.admissibility.warnings.map((warning) => warning.message.nl),
  };
}

/** A timeline entry as the API shows it (the viewer may see it: `caseTimeline` chose it). */
export function toTimelineEventView(event: CaseEvent): TimelineEventView {
  return {
    sequence: event.sequence,
    type: event.type,
    visibility: event.visibility,
    payload: event.payload,
    occurredAt: event.occurredAt,
    bySystem: event.actorId === null,
  };
}

function stagesOf(definition: ProcedureDefinition, kase: Case) {
  return Object.entries(kase.state.tracks)
    .filter(([, track]) => track.status === 'active')
    .map(([trackId, track]) => {
      const stage = definition.tracks
        .find((t) => t.id === trackId)
        ?.stages.find((s) => s.id === track.stage);
      return {
        track: trackId,
        stage: track.stage,
        label: stage?.label ?? { nl: track.stage, en: track.stage },
      };
    });
}

async function toResult(
  ctx: RequestContext,
  change: CaseChange,
): Promise<CaseChanged | ActionRefused> {
  if (change.kind === 'refused') {
    return Object.assign(new ActionRefused(), {
      code: change.refusal.code,
      reasons: change.refusal.reasons.map((r) => ({ message: r.message, input: r.input ?? null })),
    });
  }
  return Object.assign(new CaseChanged(), { case: await toView(ctx, change.case) });
}

@Resolver(() => CaseView)
export class CaseResolver {
  @Query(() => CaseView, {
    nullable: true,
    description: 'A case the viewer may see; null otherwise.',
  })
  async case(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
  ): Promise<CaseView | null> {
    const visible = await findVisibleCase(ctx, id);
    return visible ? toView(ctx, visible.kase) : null;
  }

  @Query(() => CaseConnection, {
    description:
      'The cases the viewer may see, narrowed by the filter, newest first or by urgency.',
  })
  async cases(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CaseFilterInput, { nullable: true })
    filter: z.input<typeof CaseFilterSchema> | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => CursorScalar, { nullable: true }) after: string | null,
    @Arg('order', () => CaseOrder, { defaultValue: CaseOrder.NEWEST }) order: CaseOrder,
  ): Promise<CaseConnection> {
    const page = await listCases(ctx, {
      first,
      after: after ? decodeKeysetCursor(after) : undefined,
      filter: filter ?? {},
      order,
    });
    const edges = await Promise.all(
      page.cases.map(async (kase) => ({
        cursor: encodeKeysetCursor({
          createdAt: kase.createdAt,
          id: kase.id,
          rank: cursorRank(kase, order),
        }),
        node: await toView(ctx, kase),
      })),
    );
    return {
      edges,
      count: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Mutation(() => CaseChangeResult)
  async fileComplaint(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => FileComplaintInput) input: z.input<typeof FileComplaintSchema>,
  ): Promise<CaseChanged | ActionRefused> {
    return toResult(ctx, await fileComplaint(ctx, input));
  }

  @Mutation(() => CaseChangeResult)
  async performAction(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PerformActionInput) input: z.input<typeof PerformActionSchema>,
  ): Promise<CaseChanged | ActionRefused> {
    return toResult(ctx, await performAction(ctx, input));
  }

  @Mutation(() => CaseView, { description: 'Assigns a handler (manager or director).' })
  async assignHandler(
    @Ctx() ctx: RequestContext,
    @Args(() => AssignArgs) args: unknown,
  ): Promise<CaseView> {
    return toView(ctx, await assignHandler(ctx, args));
  }

  @Mutation(() => CaseView, {
    description:
      'Records whom the complaint is about, once staff know the person: a client names them in words only. The assigned handler, a manager or a director; the person named is recused at once.',
  })
  async nameComplaintSubject(
    @Ctx() ctx: RequestContext,
    @Args(() => NameSubjectArgs) args: unknown,
  ): Promise<CaseView> {
    return toView(ctx, await nameComplaintSubject(ctx, args));
  }

  @FieldResolver(() => [AvailableActionView], { description: 'What the viewer may do now.' })
  async availableActions(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<AvailableActionView[]> {
    const actions = await caseActions(ctx, view.entity);
    return actions.map((action) => ({
      id: action.id,
      label: action.label,
      decision: action.decision,
      inputs: action.inputs,
    }));
  }

  @FieldResolver(() => [ComplaintPartView], {
    description:
      'The parts of the complaint this viewer may see: all of them, except for a person complained about, who sees only the parts about them.',
  })
  async parts(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<ComplaintPartView[]> {
    const { ability, viewer } = await requestAbility(ctx);
    const reader = readerOf(view.entity, viewer, ability);
    return partsFor(view.entity, reader).map((part) => ({
      id: part.id,
      summary: part.summary,
      outcome: part.outcome ?? null,
      decidedOn: part.decidedOn ?? null,
      subjectIds: reader.side === 'staff' ? (part.subjectIds ?? []) : null,
    }));
  }

  @FieldResolver(() => [ActionInputsView], {
    description:
      'What people typed into the actions of this case, as far as this viewer may read it (the procedure’s `readers` per input): staff read everything, the side that typed an input reads it, and a person complained about reads outcomes and measures only of the parts about them. Match `entry` with the `entry` of an `action-taken` timeline event.',
  })
  async actionInputs(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<ActionInputsView[]> {
    const { ability, viewer } = await requestAbility(ctx);
    const { definition } = await requestProcedureVersion(ctx, view.entity.procedureVersionId);
    return readableInputs(definition, view.entity.state, readerOf(view.entity, viewer, ability))
      .filter((entry) => entry.inputs.length > 0)
      .map((entry) => ({
        entry: entry.entry,
        action: entry.action,
        label: entry.label,
        at: entry.at,
        inputs: entry.inputs.map((input) => ({ ...input, kind: input.kind as string })),
      }));
  }

  @FieldResolver(() => [DeadlineView], { description: 'Every clock with its due date explained.' })
  async deadlines(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
    @Arg('language', () => Language, { defaultValue: Language.NL }) language: Language,
  ): Promise<DeadlineView[]> {
    const { definition } = await requestProcedureVersion(ctx, view.entity.procedureVersionId);
    return explainClocks(definition, view.entity.state, language);
  }

  @FieldResolver(() => [TimelineEventView], {
    description:
      'The entries of the timeline the viewer may see: staff all, the client side the shared ones, a subject those addressed to them, a commission its bundle.',
  })
  async timeline(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<TimelineEventView[]> {
    return (await caseTimeline(ctx, view.entity)).map(toTimelineEventView);
  }

  @FieldResolver(() => [ID], {
    nullable: true,
    description: 'Assigned handlers; null for the client side.',
  })
  async handlerIds(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<string[] | null> {
    const { ability } = await requestAbility(ctx);
    return ability.can('readInternal', asCase(view.entity)) ? view.entity.handlerIds : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'The viewer reads this case and may add nothing to it (no message, document or step): a directie apart from its bestuur once the bestuur has the complaint (ADR 0098).',
  })
  async readOnly(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<boolean> {
    const { ability } = await requestAbility(ctx);
    return !ability.can('contribute', asCase(view.entity));
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'The case is open and its handler left or lost the role, nobody assigned since (ADR 0096): for those who may assign (managers, directors); null for everyone else.',
  })
  async needsReassignment(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<boolean | null> {
    const { ability } = await requestAbility(ctx);
    return ability.can('assign', asCase(view.entity)) ? awaitsReassignment(view.entity) : null;
  }

  @FieldResolver(() => [ID], {
    nullable: true,
    description: 'Who the complaint is about; null for the client side.',
  })
  async subjectIds(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<string[] | null> {
    const { ability } = await requestAbility(ctx);
    return ability.can('readInternal', asCase(view.entity)) ? view.entity.subjectIds : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'The client the complaint is of, for staff to show by name (see `members`); null for everyone else.',
  })
  async clientId(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<string | null> {
    const { ability } = await requestAbility(ctx);
    return ability.can('readInternal', asCase(view.entity)) ? view.entity.clientId : null;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'The procedure flags that hold for the case, e.g. `tegen-directie` (staff); null for everyone else.',
  })
  async flags(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<string[] | null> {
    const { ability } = await requestAbility(ctx);
    if (!ability.can('readInternal', asCase(view.entity))) return null;
    return Object.entries(view.entity.state.flags)
      .filter(([, on]) => on)
      .map(([flag]) => flag)
      .sort();
  }
}

@Resolver(() => CaseConnection)
export class CaseConnectionResolver {
  @FieldResolver(() => Int, { description: 'All cases the viewer may see that match the filter.' })
  totalCount(@Root() connection: CaseConnection): Promise<number> {
    return connection.count();
  }
}
