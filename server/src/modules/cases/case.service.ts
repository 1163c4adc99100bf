import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import {
  advanceTime,
  applyAction,
  availableActions,
  fileCase,
  type Actor,
  type AvailableAction,
} from '@klachtpad/procedures';
import { asCase, asClient, type AbilityViewer } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { lockForOrganisation, nextCounter } from '../../core/db/sequencing.js';
import { badInput, conflict, forbidden } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess, recordRefusal } from '../access-log/access-log.service.js';
import { loadVisibleCase, onBehalfOfClient } from '../case-access/case-gate.js';
import {
  idempotentRequest,
  previousResult,
  rememberResult,
} from '../idempotency/idempotency.service.js';
import {
  anyMember,
  holdsRole,
  requireMembers,
  unknownPerson,
} from '../memberships/membership.service.js';
import {
  currentProcedure,
  procedureVersion,
  requestProcedureVersion,
} from '../procedures/procedure.service.js';
import { caseFacts } from './case-facts.js';
import { replayedCaseChange, storedCaseChange, type StoredCaseChange } from './case-replay.js';
import { appendTimeline } from './case-timeline.js';
import {
  CASE_ACTION_INPUTS,
  catchUp,
  commitTransition,
  completeTransition,
  derivedColumns,
  vetoTransition,
  type CaseChange,
  type CaseTransition,
} from './case-transition.js';
import { Case, type FilingChannel } from './case.entity.js';
import {
  AssignSchema,
  checkPayload,
  FileComplaintSchema,
  PerformActionSchema,
  type FileComplaintData,
  type PerformActionData,
} from './case.inputs.js';

/**
 * Registers a complaint: by a client for themself, by staff for a client who came in person,
 * phoned, wrote or mailed, or by a confidant the client authorised to submit on their behalf.
 * Eligibility and filing windows come from the procedure; being out of time is a warning on the
 * case, never a rejection.
 */
export async function fileComplaint(ctx: RequestContext, input: unknown): Promise<CaseChange> {
  const data: FileComplaintData = parseInput(FileComplaintSchema, input);
  const { organisationId, viewer } = requireOrganisation(ctx);
  const party = await filingParty(ctx, data);
  if (!data.idempotencyKey) return fileFor(ctx, data, party);
  const { idempotencyKey, ...request } = data;
  const idempotent = idempotentRequest('fileComplaint', idempotencyKey, request);
  // No case exists to lock yet: a lock on the key itself serialises concurrent retries, so the
  // second waits for the first and is answered with its case.
  await lockForOrganisation(
    ctx.em,
    `idempotency:${viewer.userId}:${idempotencyKey}`,
    organisationId,
  );
  const earlier = (await previousResult(ctx, idempotent)) as StoredCaseChange | undefined;
  if (earlier) {
    const live =
      earlier.kind === 'changed'
        ? await ctx.em.findOne(Case, { organisationId, id: earlier.case.id })
        : null;
    return replayedCaseChange(earlier, live ?? undefined);
  }
  const change = await fileFor(ctx, data, party);
  await rememberResult(ctx, idempotent, storedCaseChange(change));
  return change;
}

/** The filing itself, for the party the ability allowed. */
async function fileFor(
  ctx: RequestContext,
  data: FileComplaintData,
  { clientId, channel }: { clientId: string; channel: FilingChannel },
): Promise<CaseChange> {
  const active = requireOrganisation(ctx);
  if (data.subjectIds.includes(clientId))
    throw badInput('De cliënt kan niet zelf de beklaagde zijn.', { field: 'subjectIds' });
  await requireMembers(ctx, [clientId], 'clientId', holdsRole('client'));
  await requireMembers(ctx, data.subjectIds, 'subjectIds', anyMember);

  const procedure = await currentProcedure(ctx);
  const filed = fileCase(
    procedure.definition,
    {
      ...(data.entry ? { entry: data.entry } : {}),
      complainant: data.complainant,
      parts: partsWithSubjects(data),
      ...(data.category ? { category: data.category } : {}),
      ...(data.eventDate ? { eventDate: data.eventDate } : {}),
      ...(data.lastContactDate ? { lastContactDate: data.lastContactDate } : {}),
      ...(data.receivedOn ? { receivedOn: data.receivedOn } : {}),
      ...(data.flags.length > 0
        ? { flags: Object.fromEntries(data.flags.map((flag) => [flag, true])) }
        : {}),
    },
    ctx.now,
  );
  if (!filed.ok) {
    recordAccess(ctx, { action: 'file', outcome: 'denied', clientId });
    return { kind: 'refused', refusal: filed.refusal };
  }
  const kase = Object.assign(new Case(), {
    organisationId: active.organisationId,
    id: randomUUID(),
    procedureVersionId: procedure.version.id,
    clientId,
    filedById: active.viewer.userId,
    channel,
    category: data.category ?? null,
    handlerIds: [],
    releasedHandlerIds: [],
    subjectIds: data.subjectIds,
    confidantIds: [],
    commissionIds: [],
    ...derivedColumns(procedure.definition, filed.state),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const onBehalfOfId = channel === 'portal' ? null : clientId;
  const transition: CaseTransition = {
    kind: 'filed',
    kase,
    definition: procedure.definition,
    previous: undefined,
    applied: filed,
    onBehalfOfId,
    byCommission: false,
  };
  // Asked before the case exists: a refused filing leaves no case and uses no reference number.
  const refusal = await vetoTransition(ctx, transition);
  if (refusal) {
    recordAccess(ctx, { action: 'file', outcome: 'denied', clientId });
    return { kind: 'refused', refusal };
  }
  kase.reference = await nextReference(ctx, active.organisationId, active.slug);
  // Its events, referrals and grants reference it: the unit of work inserts it first.
  ctx.em.persist(kase);
  await completeTransition(ctx, transition);
  recordAccess(ctx, {
    action: 'file',
    outcome: 'allowed',
    caseId: kase.id,
    clientId,
    onBehalfOfId,
  });
  await ctx.em.flush();
  return { kind: 'changed', case: kase };
}

/**
 * For whom the viewer files, and how the complaint came in, from the ability: their own complaint
 * (a client, in the portal), any client's (staff register what came in person, by phone, on
 * paper), or an authorised client's (a confidant). Anyone else is refused before any work.
 */
async function filingParty(
  ctx: RequestContext,
  data: FileComplaintData,
): Promise<{ clientId: string; channel: FilingChannel }> {
  const { ability, viewer } = await requestAbility(ctx);
  const forOther = data.clientId !== undefined && data.clientId !== viewer.userId;
  if (!forOther) {
    if (ability.can('file', asClient(viewer.userId)))
      return { clientId: viewer.userId, channel: 'portal' };
    if (ability.can('fileForClient', 'Organisation'))
      throw badInput('Kies de cliënt voor wie u de klacht registreert.', { field: 'clientId' });
    throw forbidden('U kunt in deze organisatie geen klacht indienen.');
  }
  const clientId = data.clientId!;
  if (ability.can('fileForClient', 'Organisation')) {
    const channel = data.channel && data.channel !== 'portal' ? data.channel : 'in-person';
    return { clientId, channel };
  }
  if (ability.can('fileOnBehalf', 'Client')) {
    // A confidant files on the client's standing authorisation to submit, not by their role.
    if (ability.can('fileOnBehalf', asClient(clientId))) return { clientId, channel: 'confidant' };
    recordAccess(ctx, { action: 'file', outcome: 'denied', onBehalfOfId: clientId });
    // Not authorised looks exactly like a client that does not exist.
    throw unknownPerson('clientId');
  }
  throw forbidden('Alleen medewerkers registreren een klacht voor een ander.');
}

/**
 * Runs one procedure action on a case the viewer may see. A stale `expectedVersion` is a
 * CONFLICT; an action the procedure does not allow now is a refusal the UI can show. Neither
 * changes anything. With an idempotency key, a retry gets the first result (change or refusal)
 * and nothing is applied again.
 */
export async function performAction(ctx: RequestContext, input: unknown): Promise<CaseChange> {
  const data = parseInput(PerformActionSchema, input);
  const payloadProblem = checkPayload(data.payload);
  if (payloadProblem) throw badInput(payloadProblem, { field: 'payload' });
  const action = `perform:${data.action}`;
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'contribute', action, {
    lock: true,
  });
  const idempotent = data.idempotencyKey
    ? idempotentRequest('performAction', data.idempotencyKey, {
        caseId: data.caseId,
        action: data.action,
        expectedVersion: data.expectedVersion,
        payload: data.payload,
      })
    : undefined;
  // Looked up under the case's row lock, so a concurrent retry waits for the first to finish.
  const earlier = idempotent && (await previousResult(ctx, idempotent));
  const change = earlier
    ? replayedCaseChange(earlier as StoredCaseChange, kase)
    : await applyToCase(ctx, kase, viewer, data);
  if (idempotent && !earlier) await rememberResult(ctx, idempotent, storedCaseChange(change));
  if (change.kind === 'refused') recordRefusal();
  return change;
}

/** The action itself, on the locked case: version check, catching up, engine, transition. */
async function applyToCase(
  ctx: RequestContext,
  kase: Case,
  viewer: AbilityViewer,
  data: PerformActionData,
): Promise<CaseChange> {
  if (kase.version !== data.expectedVersion) {
    throw conflict('De zaak is intussen gewijzigd. Laad haar opnieuw en probeer het nog eens.', {
      currentVersion: kase.version,
    });
  }
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  const inputs = await ctx.hooks.veto(ctx, CASE_ACTION_INPUTS, {
    kase,
    definition,
    action: definition.actions.find((candidate) => candidate.id === data.action),
    payload: data.payload,
  });
  if (inputs) return { kind: 'refused', refusal: inputs };
  await catchUp(ctx, kase, definition);
  const actor = engineActor(kase, viewer);
  const before = kase.state;
  const result = applyAction(
    definition,
    before,
    actor,
    data.action,
    data.payload,
    ctx.now,
    await caseFacts(ctx, kase, definition),
  );
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  const refusal = await commitTransition(ctx, {
    kind: 'action',
    kase,
    definition,
    previous: before,
    applied: result,
    action: { id: data.action, actor, payload: data.payload },
    onBehalfOfId: onBehalfOfClient(kase, viewer.userId),
    byCommission: actor.relationships.some((r) => r.kind === 'referred-commission'),
  });
  if (refusal) return { kind: 'refused', refusal };
  await ctx.em.flush();
  if (kase.version <= before.version)
    throw new Error('The engine did not advance the case version.');
  return { kind: 'changed', case: kase };
}

/** The actions the viewer may take on the case now, with the inputs each needs. */
export async function caseActions(ctx: RequestContext, kase: Case): Promise<AvailableAction[]> {
  const { ability, viewer } = await requestAbility(ctx);
  // Whoever only reads the case (a directie once the bestuur has it) is offered nothing.
  if (!ability.can('contribute', asCase(kase))) return [];
  const procedure = await requestProcedureVersion(ctx, kase.procedureVersionId);
  return availableActions(
    procedure.definition,
    kase.state,
    engineActor(kase, viewer),
    ctx.now,
    await caseFacts(ctx, kase, procedure.definition),
  );
}

/** Assigns a handler to a case (who may `assign` it). A handler never handles a complaint about themself. */
export async function assignHandler(ctx: RequestContext, input: unknown): Promise<Case> {
  const data = parseInput(AssignSchema, input);
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'assign', 'assign-handler', {
    lock: true,
  });
  await requireMembers(ctx, [data.handlerId], 'handlerId', holdsRole('handler'));
  if (kase.subjectIds.includes(data.handlerId)) {
    throw badInput('Deze medewerker is beklaagde in de zaak en kan haar niet behandelen.', {
      field: 'handlerId',
    });
  }
  await addHandler(ctx, kase, data.handlerId);
  await ctx.em.flush();
  return kase;
}

/**
 * Gives a handler the (locked or new) case: they see and work it from now on. Assigning anyone,
 * the remaining handler included, is the reassignment a released handler's case waited for (ADR
 * 0096). The timeline says so, with `detail` (the stage, and how: ADR 0098) when given.
 */
export async function addHandler(
  ctx: RequestContext,
  kase: Case,
  handlerId: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  if (kase.handlerIds.includes(handlerId) && kase.releasedHandlerIds.length === 0) return;
  kase.handlerIds = [...new Set([...kase.handlerIds, handlerId])];
  kase.releasedHandlerIds = [];
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    { type: 'handler-assigned', visibility: 'internal', payload: { handlerId, ...detail } },
  ]);
}

/**
 * Lets the procedure's terms run on one case up to now: reminders, expiries and what the procedure
 * does on expiry. Actions do this themselves first; this is for a case nobody touches (the demo
 * loader). Staff only; nothing changes when nothing is due.
 */
export async function advanceCase(ctx: RequestContext, caseId: string): Promise<Case> {
  const { kase } = await loadVisibleCase(ctx, caseId, 'work', 'advance-time', {
    lock: true,
  });
  await advanceLockedCase(ctx, kase);
  await ctx.em.flush();
  return kase;
}

/** What a case's clock job found: it moved the case on, nothing was due, or the case moved on. */
export type ClockRun = 'advanced' | 'nothing-due' | 'stale' | 'not-found';

/**
 * A case's clock job (ADR 0051), run by the organisation itself (`actAsSystem`, no person): under
 * the case row lock, the terms run up to now exactly as before an action, through the same
 * transition, so the timeline and access log show the system. The job was scheduled for one
 * version of the case; if the case has changed since, the change that moved it scheduled the job
 * that counts, and this one does nothing (the version check of an action).
 */
export async function advanceCaseClock(
  ctx: RequestContext,
  caseId: string,
  scheduledForVersion: number,
): Promise<ClockRun> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId || ctx.viewer) throw new Error('A clock job runs as its organisation.');
  const kase = await ctx.em.findOne(
    Case,
    { organisationId, id: caseId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!kase) return 'not-found';
  if (kase.version !== scheduledForVersion) return 'stale';
  const changed = await advanceLockedCase(ctx, kase);
  if (changed) {
    recordAccess(ctx, {
      action: changed.expired ? 'term-expired' : 'reminder-due',
      outcome: 'allowed',
      caseId: kase.id,
      clientId: kase.clientId,
    });
  }
  await ctx.em.flush();
  return changed ? 'advanced' : 'nothing-due';
}

/** The one path of time on a locked case: catching up, the engine, the transition. */
async function advanceLockedCase(
  ctx: RequestContext,
  kase: Case,
): Promise<{ expired: boolean } | undefined> {
  const { definition } = await procedureVersion(
    ctx.em,
    kase.organisationId,
    kase.procedureVersionId,
  );
  await catchUp(ctx, kase, definition);
  const advanced = advanceTime(
    definition,
    kase.state,
    ctx.now,
    await caseFacts(ctx, kase, definition),
  );
  if (!advanced.changed) return undefined;
  await commitTransition(ctx, {
    kind: 'time',
    kase,
    definition,
    previous: kase.state,
    applied: advanced,
    onBehalfOfId: null,
    byCommission: false,
  });
  return { expired: advanced.clockChanges.some((change) => change.change === 'expired') };
}

/**
 * Whom each part is about (issue 8 §3): as filed, each among the complaint's subjects; when no
 * part names anyone the whole complaint is about everyone it names, so each part is about them.
 */
function partsWithSubjects(data: FileComplaintData) {
  const lower = (ids: readonly string[]) => [...new Set(ids.map((id) => id.toLowerCase()))];
  const complaintSubjects = lower(data.subjectIds);
  const named = data.parts.some((part) => (part.subjectIds ?? []).length > 0);
  return data.parts.map((part, index) => {
    const subjectIds = lower(part.subjectIds ?? []);
    const stranger = subjectIds.find((id) => !complaintSubjects.includes(id));
    if (stranger)
      throw badInput('Een klachtonderdeel kan alleen gaan over iemand over wie de klacht gaat.', {
        field: `parts.${index}.subjectIds`,
      });
    return {
      summary: part.summary,
      ...(part.category ? { category: part.category } : {}),
      subjectIds: named ? subjectIds : complaintSubjects,
    };
  });
}

/** The engine's view of the viewer: roles plus their relationships to this case. */
function engineActor(kase: Case, viewer: AbilityViewer): Actor {
  const relationships: Actor['relationships'] = [];
  if (kase.clientId === viewer.userId) relationships.push({ kind: 'client' });
  if (kase.handlerIds.includes(viewer.userId)) relationships.push({ kind: 'assigned-handler' });
  if (kase.subjectIds.includes(viewer.userId)) relationships.push({ kind: 'subject' });
  if (kase.commissionIds.some((id) => viewer.commissionIds.includes(id)))
    relationships.push({ kind: 'referred-commission' });
  const grant = kase.confidantIds.includes(viewer.userId) ? viewer.caseGrants[kase.id] : undefined;
  if (grant) relationships.push({ kind: 'confidant', grants: [...grant] });
  return {
    roles: [...viewer.roles],
    relationships,
    // A director apart from the bestuur takes only the directie's steps (ADR 0098).
    ...(viewer.positions ? { positions: [...viewer.positions] } : {}),
  };
}

async function nextReference(
  ctx: RequestContext,
  organisationId: string,
  slug: string,
): Promise<string> {
  const year = Number(ctx.now.toISOString().slice(0, 4));
  const number = await nextCounter(ctx.em, organisationId, year);
  const words = slug.split('-');
  const prefix = (
    words.length > 1 ? words.map((w) => w[0]).join('') : slug.slice(0, 3)
  ).toUpperCase();
  return `${prefix}-${year}-${String(number).padStart(4, '0')}`;
}
