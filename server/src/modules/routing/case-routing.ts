import { randomUUID } from 'node:crypto';
import { responsibleNow, type Responsible } from '@klachtpad/procedures';
import { asCase, asStage } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { CaseTransition } from '../cases/case-transition.js';
import type { Case } from '../cases/case.entity.js';
import { addHandler } from '../cases/case.service.js';
import { Membership } from '../memberships/membership.entity.js';
import { unknownPerson } from '../memberships/membership.service.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { namesOf } from '../users/user-names.js';
import { CaseAssignment, type AssignmentHow } from './case-assignment.entity.js';
import { canBeResponsible } from './organisation-structure.service.js';
import { AssignResponsibleSchema } from './routing.inputs.js';
import { StageRoute } from './stage-route.entity.js';
import { Unit, UnitMember } from './unit.entity.js';

/** A stage of a track the case is in, with whom the procedure makes responsible there. */
interface StaffStage {
  track: string;
  stage: string;
  responsible: Responsible;
}

/** The active stages a transition entered (on filing, every active one) that staff answer for. */
function enteredStages({ previous, definition, applied }: CaseTransition): StaffStage[] {
  const before = previous?.tracks ?? {};
  return staffStagesNow(definition, applied.state).filter(({ track, stage }) => {
    const was = before[track];
    return !was || was.status !== 'active' || was.stage !== stage;
  });
}

function staffStagesNow(...args: Parameters<typeof responsibleNow>): StaffStage[] {
  return responsibleNow(...args).flatMap(({ track, stage, responsible }) =>
    responsible && responsible.role !== 'commission' ? [{ track, stage, responsible }] : [],
  );
}

/** A current member who can take the stage and is not whom the complaint is about. */
async function eligible(
  ctx: RequestContext,
  kase: Case,
  userId: string | null,
  responsible: Responsible,
): Promise<boolean> {
  if (!userId || kase.subjectIds.includes(userId)) return false;
  const membership = await ctx.em.findOne(Membership, {
    organisationId: kase.organisationId,
    userId,
  });
  return membership !== null && canBeResponsible(membership, responsible);
}

/**
 * The effect on `CASE_TRANSITION` (ADR 0098): whoever the procedure makes responsible in each
 * stage the case enters is found and assigned, and a handler so assigned is given the case. A
 * member of staff who registered the complaint for a client is its handler at once (seed 002:
 * the begeleider who took it down). A stage entered again goes back to whoever had it.
 */
export async function routeTransition(ctx: RequestContext, transition: CaseTransition) {
  const { kase } = transition;
  const registrar = transition.kind === 'filed' ? await registeringHandler(ctx, kase) : null;
  if (registrar) await addHandler(ctx, kase, registrar, { how: 'registered' });
  for (const entered of enteredStages(transition)) {
    const existing = await ctx.em.findOne(CaseAssignment, {
      organisationId: kase.organisationId,
      caseId: kase.id,
      track: entered.track,
      stage: entered.stage,
    });
    if (existing && (await eligible(ctx, kase, existing.userId, entered.responsible))) {
      if (entered.responsible.role === 'handler')
        await addHandler(ctx, kase, existing.userId, { ...where(entered), how: existing.how });
      continue;
    }
    const pick =
      registrar && entered.responsible.role === 'handler'
        ? { userId: registrar, how: 'registered' as const }
        : await routeTo(ctx, kase, entered);
    if (pick) await assign(ctx, kase, entered, pick.userId, pick.how, null, existing);
  }
}

/** The member of staff who filed the complaint for a client, when they are a handler. */
async function registeringHandler(ctx: RequestContext, kase: Case): Promise<string | null> {
  const filer = kase.filedById;
  if (!filer || filer === kase.clientId || kase.subjectIds.includes(filer)) return null;
  const membership = await ctx.em.findOne(Membership, {
    organisationId: kase.organisationId,
    userId: filer,
  });
  return membership?.roles.includes('handler') ? filer : null;
}

/**
 * The organisation's rules for a stage: the manager of the unit of the employee the complaint is
 * about (units by name, the first whose manager can take it), else the default assignee. A manager's
 * stage follows the unit unless a rule says otherwise. Where the organisation gives its directors
 * positions, a director's stage goes to the one director holding it. Otherwise nobody: the stage's
 * role sees the case and hears of it, as before.
 */
async function routeTo(
  ctx: RequestContext,
  kase: Case,
  { stage, responsible }: StaffStage,
): Promise<{ userId: string; how: AssignmentHow } | undefined> {
  const { organisationId } = kase;
  const route = await ctx.em.findOne(StageRoute, { organisationId, stage });
  const byUnit = responsible.role === 'manager' && (route ? route.byUnit : true);
  if (byUnit && kase.subjectIds.length > 0) {
    const memberOf = await ctx.em.find(UnitMember, {
      organisationId,
      userId: { $in: kase.subjectIds },
    });
    const units = memberOf.length
      ? await ctx.em.find(
          Unit,
          { organisationId, id: { $in: memberOf.map((m) => m.unitId) }, managerId: { $ne: null } },
          { orderBy: { name: 'asc', id: 'asc' } },
        )
      : [];
    for (const unit of units)
      if (await eligible(ctx, kase, unit.managerId, responsible))
        return { userId: unit.managerId!, how: 'routed' };
  }
  if (route?.defaultAssigneeId && (await eligible(ctx, kase, route.defaultAssigneeId, responsible)))
    return { userId: route.defaultAssigneeId, how: 'routed' };
  if (responsible.role === 'director' && responsible.position) {
    const holders = await ctx.em.find(Membership, {
      organisationId,
      roles: { $contains: ['director'] },
      position: responsible.position,
    });
    const free = holders.filter((m) => !kase.subjectIds.includes(m.userId));
    if (free.length === 1) return { userId: free[0]!.userId, how: 'routed' };
  }
  return undefined;
}

const where = ({ track, stage }: StaffStage) => ({ track, stage });

/**
 * Makes `userId` responsible for the case in the stage, on the timeline (staff only) and, for a
 * handler's stage, with the case given to them. Nothing changes when they already are.
 */
async function assign(
  ctx: RequestContext,
  kase: Case,
  target: StaffStage,
  userId: string,
  how: AssignmentHow,
  assignedBy: string | null,
  /** The stage's row, when the caller read it already (null: there is none). */
  known?: CaseAssignment | null,
): Promise<void> {
  const key = { organisationId: kase.organisationId, caseId: kase.id, ...where(target) };
  const existing = known !== undefined ? known : await ctx.em.findOne(CaseAssignment, key);
  if (existing?.userId === userId) {
    if (target.responsible.role === 'handler') await addHandler(ctx, kase, userId, where(target));
    return;
  }
  const row =
    existing ??
    ctx.em.create(CaseAssignment, {
      organisationId: kase.organisationId,
      id: randomUUID(),
      case: kase,
      ...where(target),
    } as CaseAssignment);
  Object.assign(row, { userId, how, assignedAt: ctx.now, assignedBy });
  if (target.responsible.role === 'handler') {
    await addHandler(ctx, kase, userId, { ...where(target), how });
    return;
  }
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    {
      type: 'responsible-assigned',
      visibility: 'internal',
      payload: {
        userId,
        ...where(target),
        role: target.responsible.role,
        ...(target.responsible.position ? { position: target.responsible.position } : {}),
        how,
      },
    },
  ]);
}

/**
 * A manager or director makes someone responsible for the case's current stage of a track (the
 * first staff stage when no track is named): a member holding the stage's role (and position),
 * never a person the complaint is about. Who may assign which stage is the ability's (a manager
 * the casework stages, a directie apart from the bestuur not the bestuur's). A refusal after the
 * case gate is logged as refused (ADR 0098).
 */
export async function assignResponsible(ctx: RequestContext, input: unknown): Promise<Case> {
  const data = parseInput(AssignResponsibleSchema, input);
  const { kase, ability, viewer } = await loadVisibleCase(
    ctx,
    data.caseId,
    'assign',
    'assign-responsible',
    { lock: true },
  );
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  const stages = staffStagesNow(definition, kase.state);
  const target = data.track ? stages.find((s) => s.track === data.track) : stages[0];
  if (!target)
    throw badInput('De zaak staat nu in geen fase waarvoor een medewerker verantwoordelijk is.', {
      field: data.track ? 'track' : 'caseId',
    });
  if (!ability.can('assign', asStage(target.responsible)))
    throw forbidden('U wijst voor deze fase niemand aan.');
  if (kase.subjectIds.includes(data.userId))
    throw badInput('Deze persoon is beklaagde in de zaak en kan haar niet behandelen.', {
      field: 'userId',
    });
  if (!(await eligible(ctx, kase, data.userId, target.responsible))) throw unknownPerson('userId');
  await assign(ctx, kase, target, data.userId, 'assigned', viewer.userId);
  await ctx.em.flush();
  return kase;
}

/** Who is responsible for a case in one of its current stages, as staff see it. */
export interface Responsibility extends StaffStage {
  assigneeId: string | null;
  assigneeName: string | null;
  how: AssignmentHow | null;
}

/**
 * Per active track with a staff stage: who the procedure makes responsible and who that is for
 * this case; a handler's stage nobody was routed to is the case's handler's. Staff of the case
 * only (null for anyone else): who works a complaint is staff's to know.
 */
export async function caseResponsibility(
  ctx: RequestContext,
  kase: Case,
): Promise<Responsibility[] | null> {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readInternal', asCase(kase))) return null;
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  const stages = staffStagesNow(definition, kase.state);
  if (stages.length === 0) return [];
  const rows = await assignmentsOfCases(ctx).load(kase);
  const found = stages.map((stage) => {
    const row = rows.find((r) => r.track === stage.track && r.stage === stage.stage);
    if (row) return { stage, assigneeId: row.userId, how: row.how };
    const handler = stage.responsible.role === 'handler' ? (kase.handlerIds[0] ?? null) : null;
    return { stage, assigneeId: handler, how: null };
  });
  const names = await namesOf(
    ctx,
    found.flatMap((f) => (f.assigneeId ? [f.assigneeId] : [])),
  );
  return found.map(({ stage, assigneeId, how }) => ({
    ...stage,
    assigneeId,
    assigneeName: assigneeId ? (names.get(assigneeId) ?? null) : null,
    how,
  }));
}

/**
 * The assignment rows of the cases a response shows, in one query for a listed page. Not cached:
 * a mutation assigns, then its answer reads who is responsible.
 */
const assignmentsOfCases = defineRequestLoader<Case, CaseAssignment[], string>(
  async (ctx, cases) => {
    const { organisationId } = requireOrganisation(ctx);
    const rows = await ctx.em.find(CaseAssignment, {
      organisationId,
      caseId: { $in: [...new Set(cases.map((kase) => kase.id))] },
    });
    return cases.map((kase) => rows.filter((row) => row.caseId === kase.id));
  },
  { cacheKeyFn: (kase) => kase.id, cache: false },
);
