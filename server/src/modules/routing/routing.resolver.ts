import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import { toView } from '../cases/case.resolver.js';
import { memberView } from '../memberships/members.service.js';
import { MemberView } from '../memberships/members.types.js';
import { assignResponsible, caseResponsibility } from './case-routing.js';
import {
  createUnit,
  deleteUnit,
  listStageRoutes,
  listUnits,
  setDirectorPosition,
  setStageRoute,
  setUnitMembers,
  updateUnit,
  type StageRouteRecord,
  type UnitRecord,
} from './organisation-structure.service.js';
import {
  AssignResponsibleInput,
  CreateUnitInput,
  SetDirectorPositionInput,
  SetStageRouteInput,
  SetUnitMembersInput,
  UpdateUnitInput,
} from './routing.inputs.js';
import { StageResponsibilityView, StageRouteView, UnitView } from './routing.types.js';

const unitView = ({ unit, memberIds }: UnitRecord): UnitView =>
  Object.assign(new UnitView(), {
    id: unit.id,
    name: unit.name,
    managerId: unit.managerId,
    memberIds,
  });

const routeView = ({ track, stage, responsible, route }: StageRouteRecord): StageRouteView =>
  Object.assign(new StageRouteView(), {
    track,
    stage,
    role: responsible.role,
    position: responsible.position ?? null,
    byUnit: route ? route.byUnit : responsible.role === 'manager',
    defaultAssigneeId: route?.defaultAssigneeId ?? null,
  });

@Resolver(() => CaseView)
export class RoutingResolver {
  @Query(() => [UnitView], {
    description: 'The organisation’s teams and locations with their managers and staff (staff).',
  })
  async units(@Ctx() ctx: RequestContext): Promise<UnitView[]> {
    return (await listUnits(ctx)).map(unitView);
  }

  @Query(() => [StageRouteView], {
    description:
      'Every staff stage of the current procedure with the rule for who is responsible there (directors).',
  })
  async stageRoutes(@Ctx() ctx: RequestContext): Promise<StageRouteView[]> {
    return (await listStageRoutes(ctx)).map(routeView);
  }

  @Mutation(() => UnitView, { description: 'Adds a team or location (director).' })
  async createUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateUnitInput) input: unknown,
  ): Promise<UnitView> {
    return unitView(await createUnit(ctx, input));
  }

  @Mutation(() => UnitView, { description: 'Renames a unit or changes its manager (director).' })
  async updateUnit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateUnitInput) input: unknown,
  ): Promise<UnitView> {
    return unitView(await updateUnit(ctx, input));
  }

  @Mutation(() => UnitView, {
    description:
      'Removes a team or location (director) and answers it as it was. Its staff stay members of the organisation and of their other units; cases already routed to its manager stay with them; a new complaint about one of its staff goes to the manager of another unit of theirs, else to the stage’s default assignee.',
  })
  async deleteUnit(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<UnitView> {
    return unitView(await deleteUnit(ctx, { id }));
  }

  @Mutation(() => UnitView, {
    description: 'Says which staff belong to a unit, replacing those before (director).',
  })
  async setUnitMembers(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetUnitMembersInput) input: unknown,
  ): Promise<UnitView> {
    return unitView(await setUnitMembers(ctx, input));
  }

  @Mutation(() => MemberView, {
    description:
      'Gives a director the directie or the bestuur position, or none (both) (another director).',
  })
  async setDirectorPosition(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetDirectorPositionInput) input: unknown,
  ): Promise<MemberView> {
    const { membership, user } = await setDirectorPosition(ctx, input);
    return memberView(membership, user, true);
  }

  @Mutation(() => StageRouteView, {
    description:
      'Sets who a stage goes to: by the involved employee’s unit, else a default assignee; neither clears the rule (director).',
  })
  async setStageRoute(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetStageRouteInput) input: unknown,
  ): Promise<StageRouteView> {
    return routeView(await setStageRoute(ctx, input));
  }

  @Mutation(() => CaseView, {
    description:
      'Makes a member responsible for the case’s current stage of a track: a handler, the leidinggevende, the directie or the bestuur, as the stage asks (managers for casework stages, directors).',
  })
  async assignResponsible(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssignResponsibleInput) input: unknown,
  ): Promise<CaseView> {
    return toView(ctx, await assignResponsible(ctx, input));
  }

  @FieldResolver(() => [StageResponsibilityView], {
    nullable: true,
    description:
      'Who is responsible in each current stage, as the procedure and the organisation’s rules say (ADR 0098); null but for staff of the case.',
  })
  async responsible(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<StageResponsibilityView[] | null> {
    const found = await caseResponsibility(ctx, view.entity);
    return (
      found?.map((r) =>
        Object.assign(new StageResponsibilityView(), {
          track: r.track,
          stage: r.stage,
          role: r.responsible.role,
          position: r.responsible.position ?? null,
          assigneeId: r.assigneeId,
          assigneeName: r.assigneeName,
          how: r.how,
        }),
      ) ?? null
    );
  }
}
