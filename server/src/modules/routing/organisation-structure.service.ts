import { randomUUID } from 'node:crypto';
import type { ProcedureDefinition, Responsible } from '@klachtpad/procedures';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden, notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { Membership } from '../memberships/membership.entity.js';
import { holdsRole, requireMembers, unknownPerson } from '../memberships/membership.service.js';
import { currentProcedure } from '../procedures/procedure.service.js';
import { User } from '../users/user.entity.js';
import {
  CreateUnitSchema,
  DeleteUnitSchema,
  SetDirectorPositionSchema,
  SetStageRouteSchema,
  SetUnitMembersSchema,
  UpdateUnitSchema,
} from './routing.inputs.js';
import { StageRoute } from './stage-route.entity.js';
import { Unit, UnitMember } from './unit.entity.js';

/** A unit as the API shows it: its manager and its members, by id. */
export interface UnitRecord {
  unit: Unit;
  memberIds: string[];
}

/** A staff stage of the current procedure with whom it makes responsible and the rule for it. */
export interface StageRouteRecord {
  track: string;
  stage: string;
  responsible: Responsible;
  route: StageRoute | null;
}

/**
 * Only a director shapes the organisation's structure (ADR 0098); anyone else is refused before
 * any work, and the refusal is logged.
 */
async function requireRoutingManager(ctx: RequestContext, action: string): Promise<void> {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageRouting', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('Alleen de directie richt teams, posities en de toewijzing per fase in.');
  }
}

/** The organisation's units with their members, by name; for staff (to see who is where). */
export async function listUnits(ctx: RequestContext): Promise<UnitRecord[]> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('listMembers', 'Organisation')) {
    recordAccess(ctx, { action: 'list-units', outcome: 'denied' });
    throw forbidden('Alleen medewerkers zien de teams van de organisatie.');
  }
  const units = await ctx.em.find(Unit, { organisationId }, { orderBy: { name: 'asc' } });
  return withMembers(ctx, organisationId, units);
}

async function withMembers(
  ctx: RequestContext,
  organisationId: string,
  units: Unit[],
): Promise<UnitRecord[]> {
  if (units.length === 0) return [];
  const members = await ctx.em.find(
    UnitMember,
    { organisationId, unitId: { $in: units.map((unit) => unit.id) } },
    { orderBy: { userId: 'asc' } },
  );
  return units.map((unit) => ({
    unit,
    memberIds: members.filter((m) => m.unitId === unit.id).map((m) => m.userId),
  }));
}

/** A unit's manager must be a current manager here; other ids answer as unknown people. */
async function requireManager(ctx: RequestContext, managerId: string | null) {
  if (managerId) await requireMembers(ctx, [managerId], 'managerId', holdsRole('manager'));
}

/** Names are unique in the organisation whatever their case (the index says so too). */
async function requireFreeName(ctx: RequestContext, name: string, except?: string) {
  const { organisationId } = requireOrganisation(ctx);
  // An organisation has a handful of units: compared here, without a pattern to escape.
  const units = await ctx.em.find(Unit, { organisationId });
  const lower = name.toLocaleLowerCase('nl');
  if (units.some((unit) => unit.id !== except && unit.name.toLocaleLowerCase('nl') === lower))
    throw badInput('Er is al een team met deze naam.', { field: 'name' });
}

/** A director adds a team or location, with its manager when known. */
export async function createUnit(ctx: RequestContext, input: unknown): Promise<UnitRecord> {
  await requireRoutingManager(ctx, 'create-unit');
  const data = parseInput(CreateUnitSchema, input);
  const { organisationId } = requireOrganisation(ctx);
  await requireManager(ctx, data.managerId);
  await requireFreeName(ctx, data.name);
  const unit = ctx.em.create(Unit, {
    organisationId,
    id: randomUUID(),
    name: data.name,
    managerId: data.managerId,
    createdAt: ctx.now,
  });
  await ctx.em.flush();
  recordAccess(ctx, { action: 'create-unit', outcome: 'allowed' });
  return { unit, memberIds: [] };
}

async function requireUnit(ctx: RequestContext, unitId: string): Promise<Unit> {
  const { organisationId } = requireOrganisation(ctx);
  const unit = await ctx.em.findOne(Unit, { organisationId, id: unitId });
  if (!unit) throw notFound('Team');
  return unit;
}

/** A director renames a unit or gives it another manager (or none). */
export async function updateUnit(ctx: RequestContext, input: unknown): Promise<UnitRecord> {
  await requireRoutingManager(ctx, 'update-unit');
  const data = parseInput(UpdateUnitSchema, input);
  const unit = await requireUnit(ctx, data.unitId);
  await requireManager(ctx, data.managerId);
  await requireFreeName(ctx, data.name, unit.id);
  unit.name = data.name;
  unit.managerId = data.managerId;
  await ctx.em.flush();
  recordAccess(ctx, { action: 'update-unit', outcome: 'allowed' });
  const [record] = await withMembers(ctx, unit.organisationId, [unit]);
  return record!;
}

/**
 * A director removes a team or location. No rule names a unit (a stage goes by the unit of the
 * employee the complaint is about), so nothing else must change first: its staff stay members of
 * the organisation and of their other units, cases already routed to its manager stay with them,
 * and a new complaint about one of its staff goes to the manager of another unit of theirs, else
 * to the stage's default (ADR 0098). The answer is the unit as it was, with the staff it released.
 */
export async function deleteUnit(ctx: RequestContext, input: unknown): Promise<UnitRecord> {
  await requireRoutingManager(ctx, 'delete-unit');
  const data = parseInput(DeleteUnitSchema, input);
  const unit = await requireUnit(ctx, data.id);
  const [record] = await withMembers(ctx, unit.organisationId, [unit]);
  const members = await ctx.em.find(UnitMember, {
    organisationId: unit.organisationId,
    unitId: unit.id,
  });
  for (const member of members) ctx.em.remove(member);
  ctx.em.remove(unit);
  await ctx.em.flush();
  recordAccess(ctx, { action: 'delete-unit', outcome: 'allowed' });
  return record!;
}

/** A director says who works in a unit: staff only (handlers, managers, directors). */
export async function setUnitMembers(ctx: RequestContext, input: unknown): Promise<UnitRecord> {
  await requireRoutingManager(ctx, 'set-unit-members');
  const data = parseInput(SetUnitMembersSchema, input);
  const unit = await requireUnit(ctx, data.unitId);
  await requireMembers(
    ctx,
    data.memberIds,
    'memberIds',
    holdsRole('handler', 'manager', 'director'),
  );
  const { organisationId } = unit;
  const current = await ctx.em.find(UnitMember, { organisationId, unitId: unit.id });
  for (const member of current.filter((m) => !data.memberIds.includes(m.userId)))
    ctx.em.remove(member);
  for (const userId of data.memberIds.filter((id) => !current.some((m) => m.userId === id)))
    ctx.em.create(UnitMember, { organisationId, unitId: unit.id, userId });
  await ctx.em.flush();
  recordAccess(ctx, { action: 'set-unit-members', outcome: 'allowed' });
  return { unit, memberIds: [...data.memberIds].sort() };
}

/** A member whose position changed, and their account (for the member view). */
export interface PositionedMember {
  membership: Membership;
  user: User;
}

/**
 * A director gives a director the directie or the bestuur position, or none (both). Not their
 * own: another director changes that, as with roles.
 */
export async function setDirectorPosition(
  ctx: RequestContext,
  input: unknown,
): Promise<PositionedMember> {
  await requireRoutingManager(ctx, 'set-director-position');
  const data = parseInput(SetDirectorPositionSchema, input);
  const { viewer } = requireOrganisation(ctx);
  if (data.userId === viewer.userId)
    throw badInput('Uw eigen positie wijzigt een andere bestuurder.', { field: 'userId' });
  const [membership] = await requireMembers(ctx, [data.userId], 'userId', holdsRole('director'));
  membership!.position = data.position;
  await ctx.em.flush();
  recordAccess(ctx, { action: 'set-director-position', outcome: 'allowed' });
  const user = await ctx.em.findOneOrFail(User, { id: data.userId });
  return { membership: membership!, user };
}

/** Every stage of the procedure that staff are responsible for, in the procedure's order. */
export function staffStages(definition: ProcedureDefinition) {
  return definition.tracks.flatMap((track) =>
    track.stages.flatMap((stage) =>
      stage.responsible && stage.responsible.role !== 'commission'
        ? [{ track: track.id, stage: stage.id, responsible: stage.responsible }]
        : [],
    ),
  );
}

/** The staff stages of the current procedure with their routing rules (directors). */
export async function listStageRoutes(ctx: RequestContext): Promise<StageRouteRecord[]> {
  await requireRoutingManager(ctx, 'list-stage-routes');
  const { organisationId } = requireOrganisation(ctx);
  const { definition } = await currentProcedure(ctx);
  const routes = await ctx.em.find(StageRoute, { organisationId });
  return staffStages(definition).map((stage) => ({
    ...stage,
    route: routes.find((route) => route.stage === stage.stage) ?? null,
  }));
}

/** Whether a member may be responsible where the procedure makes `responsible` so. */
export function canBeResponsible(membership: Membership, responsible: Responsible): boolean {
  if (!membership.roles.includes(responsible.role)) return false;
  if (responsible.role !== 'director' || !responsible.position) return true;
  return membership.position === null || membership.position === responsible.position;
}

/**
 * A director sets the rule for a stage: by the involved employee's unit (a manager's stage),
 * else the default assignee, who must be able to take the stage. Neither clears the rule.
 */
export async function setStageRoute(
  ctx: RequestContext,
  input: unknown,
): Promise<StageRouteRecord> {
  await requireRoutingManager(ctx, 'set-stage-route');
  const data = parseInput(SetStageRouteSchema, input);
  const { organisationId, viewer } = requireOrganisation(ctx);
  const { definition } = await currentProcedure(ctx);
  const stage = staffStages(definition).find((candidate) => candidate.stage === data.stage);
  if (!stage)
    throw badInput(
      'De procedure heeft geen fase met die naam waarvoor medewerkers verantwoordelijk zijn.',
      {
        field: 'stage',
      },
    );
  if (data.byUnit && stage.responsible.role !== 'manager')
    throw badInput('Alleen een fase van de leidinggevende volgt het team van de medewerker.', {
      field: 'byUnit',
    });
  if (data.defaultAssigneeId) {
    const membership = await ctx.em.findOne(Membership, {
      organisationId,
      userId: data.defaultAssigneeId,
    });
    if (!membership || !canBeResponsible(membership, stage.responsible))
      throw unknownPerson('defaultAssigneeId');
  }
  const existing = await ctx.em.findOne(StageRoute, { organisationId, stage: data.stage });
  if (!data.byUnit && !data.defaultAssigneeId) {
    if (existing) ctx.em.remove(existing);
    await ctx.em.flush();
    recordAccess(ctx, { action: 'set-stage-route', outcome: 'allowed' });
    return { ...stage, route: null };
  }
  const route =
    existing ?? ctx.em.create(StageRoute, { organisationId, stage: data.stage } as StageRoute);
  Object.assign(route, {
    byUnit: data.byUnit,
    defaultAssigneeId: data.defaultAssigneeId,
    updatedAt: ctx.now,
    updatedBy: viewer.userId,
  });
  await ctx.em.flush();
  recordAccess(ctx, { action: 'set-stage-route', outcome: 'allowed' });
  return { ...stage, route };
}
