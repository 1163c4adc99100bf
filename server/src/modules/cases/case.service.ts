import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { z } from 'zod';
import {
  advanceTime,
  applyAction,
  availableActions,
  fileCase,
  nextWakeUp,
  type Actor,
  type ApplyResult,
  type AvailableAction,
  type CaseState,
  type ProcedureDefinition,
  type Refusal,
} from '@klachtpad/procedures';
import {
  asCase,
  caseFilter,
  type AbilityViewer,
  type AppAbility,
  type CaseAction,
} from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { nextCounter } from '../../core/db/sequencing.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import {
  recordReferralEvents,
  refuseUnlinkedReferral,
  type CommissionRefusal,
} from '../commissions/referral-lifecycle.js';
import type { ConfidantGrant } from '../confidants/confidant-grant.entity.js';
import {
  liveAuthorisation,
  onBehalfOfClient,
  putCaseGrant,
} from '../confidants/confidant-grants.js';
import { requireCaseDocuments } from '../documents/document.service.js';
import {
  idempotentRequest,
  previousResult,
  rememberResult,
} from '../idempotency/idempotency.service.js';
import { Membership } from '../memberships/membership.entity.js';
import { currentProcedure, requestProcedureVersion } from '../procedures/procedure.service.js';
import { caseFacts } from './case-facts.js';
import { appendEngineEvents, appendTimeline } from './case-timeline.js';
import { viewerConfidantGrant } from './case.loaders.js';
import { Case, type FilingChannel } from './case.entity.js';
import {
  checkPayload,
  FileComplaintSchema,
  PerformActionSchema,
  type FileComplaintData,
  type PerformActionData,
} from './case.inputs.js';
import { replayedCaseChange, storedCaseChange, type StoredCaseChange } from './case-replay.js';

export type CaseChange =
  { kind: 'changed'; case: Case } | { kind: 'refused'; refusal: Refusal | CommissionRefusal };

/** Validates input before any work; every problem is reported per field as BAD_USER_INPUT. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw badInput(
      `Controleer de invoer: ${fields.map((f) => `${f.path || 'invoer'}: ${f.message}`).join('; ')}`,
      { fields },
    );
  }
  return parsed.data;
}

/**
 * Registers a complaint: by a client for themself, by staff for a client who came in person,
 * phoned, wrote or mailed, or by a confidant the client authorised to submit on their behalf.
 * Eligibility and filing windows come from the procedure; being out of time is a warning on the
 * case, never a rejection.
 */
export async function fileComplaint(ctx: RequestContext, input: unknown): Promise<CaseChange> {
  const data: FileComplaintData = parseInput(FileComplaintSchema, input);
  const active = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const isStaff = active.roles.some(
    (role) => role === 'handler' || role === 'manager' || role === 'director',
  );

  let clientId = data.clientId;
  let channel: FilingChannel;
  let authorisation: ConfidantGrant | null = null;
  if (
    clientId &&
    clientId !== active.viewer.userId &&
    !isStaff &&
    active.roles.includes('confidant')
  ) {
    // A confidant files on the client's standing authorisation to submit, not by their role.
    authorisation = await liveAuthorisation(
      ctx,
      active.organisationId,
      clientId,
      active.viewer.userId,
    );
    if (!authorisation?.scopes.includes('submit')) {
      recordAccess(ctx, { action: 'file', outcome: 'denied', onBehalfOfId: clientId });
      // Not authorised looks exactly like a client that does not exist.
      throw unknownPerson('clientId');
    }
    channel = 'confidant';
  } else if (!ability.can('file', 'Case')) {
    throw forbidden('U kunt in deze organisatie geen klacht indienen.');
  } else if (!clientId || clientId === active.viewer.userId) {
    if (!active.roles.includes('client'))
      throw badInput('Kies de cliënt voor wie u de klacht registreert.', { field: 'clientId' });
    clientId = active.viewer.userId;
    channel = 'portal';
  } else {
    if (!isStaff) throw forbidden('Alleen medewerkers registreren een klacht voor een ander.');
    channel = data.channel && data.channel !== 'portal' ? data.channel : 'in-person';
  }
  if (data.subjectIds.includes(clientId))
    throw badInput('De cliënt kan niet zelf de beklaagde zijn.', { field: 'subjectIds' });
  await requireMembers(ctx, [clientId], 'clientId', (m) => m.roles.includes('client'));
  await requireMembers(ctx, data.subjectIds, 'subjectIds', () => true);

  const procedure = await currentProcedure(ctx);
  const filed = fileCase(
    procedure.definition,
    {
      ...(data.entry ? { entry: data.entry } : {}),
      complainant: data.complainant,
      parts: data.parts.map((part) => ({
        summary: part.summary,
        ...(part.category ? { category: part.category } : {}),
      })),
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
  const unlinked = await refuseUnlinkedReferral(
    ctx.em,
    active.organisationId,
    procedure.definition,
    filed.events,
  );
  if (unlinked) {
    recordAccess(ctx, { action: 'file', outcome: 'denied', clientId });
    return { kind: 'refused', refusal: unlinked };
  }
  const reference = await nextReference(ctx, active.organisationId, active.slug);
  const kase = ctx.em.create(Case, {
    organisationId: active.organisationId,
    id: randomUUID(),
    reference,
    procedureVersionId: procedure.version.id,
    clientId,
    filedById: active.viewer.userId,
    channel,
    category: data.category ?? null,
    handlerIds: [],
    subjectIds: data.subjectIds,
    confidantIds: [],
    commissionIds: [],
    ...derivedColumns(procedure.definition, filed.state),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  // The ORM does not order inserts by our composite foreign keys: the case goes in first.
  await ctx.em.flush();
  const onBehalfOfId = channel === 'portal' ? undefined : clientId;
  await appendEngineEvents(ctx, kase, filed.events, { onBehalfOfId });
  if (authorisation) {
    await putCaseGrant(ctx, kase, active.viewer.userId, authorisation.scopes, {
      authorisationId: authorisation.id,
      onBehalfOfId: clientId,
    });
  }
  recordAccess(ctx, {
    action: 'file',
    outcome: 'allowed',
    caseId: kase.id,
    clientId,
    onBehalfOfId: onBehalfOfId ?? null,
  });
  await recordReferralEvents(ctx, kase, filed.events);
  await ctx.em.flush();
  return { kind: 'changed', case: kase };
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
  const visible = await loadVisibleCase(ctx, data.caseId, 'read', action, { lock: true });
  const { kase, viewer } = visible;
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
  if (earlier) return replayedCaseChange(earlier as StoredCaseChange, kase);
  const change = await applyToCase(ctx, kase, viewer, data);
  if (idempotent) await rememberResult(ctx, idempotent, storedCaseChange(change));
  return change;
}

/** The action itself, on the locked case: version check, engine, derived columns, events. */
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
  const procedure = await requestProcedureVersion(ctx, kase.procedureVersionId);
  await requireDocumentInputs(ctx, kase, procedure.definition, data);
  const actor = await engineActor(ctx, kase, viewer);
  const result: ApplyResult = applyAction(
    procedure.definition,
    kase.state,
    actor,
    data.action,
    data.payload,
    ctx.now,
    await caseFacts(ctx, kase),
  );
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  const unlinked = await refuseUnlinkedReferral(
    ctx.em,
    kase.organisationId,
    procedure.definition,
    result.events,
  );
  if (unlinked) return { kind: 'refused', refusal: unlinked };
  const before = kase.state.version;
  Object.assign(kase, derivedColumns(procedure.definition, result.state), { updatedAt: ctx.now });
  await appendEngineEvents(ctx, kase, result.events, {
    byCommission: actor.relationships.some((r) => r.kind === 'referred-commission'),
    onBehalfOfId: onBehalfOfClient(kase, viewer.userId) ?? undefined,
  });
  await recordReferralEvents(ctx, kase, result.events);
  await ctx.em.flush();
  if (kase.version <= before) throw new Error('The engine did not advance the case version.');
  return { kind: 'changed', case: kase };
}

/**
 * Every `documents` input of the action must name documents of this case the viewer sees, before
 * the engine stores the ids in the case. A value that is no list at all is left to the engine's
 * own input check, which refuses it as data.
 */
async function requireDocumentInputs(
  ctx: RequestContext,
  kase: Case,
  definition: ProcedureDefinition,
  data: PerformActionData,
) {
  const action = definition.actions.find((candidate) => candidate.id === data.action);
  for (const input of action?.inputs ?? []) {
    if (input.kind !== 'documents') continue;
    const ids: unknown = data.payload[input.id];
    if (Array.isArray(ids)) await requireCaseDocuments(ctx, kase, ids, `payload.${input.id}`);
  }
}

/** A case the viewer may see, or `undefined`: the same for "not there" and "not yours". */
export async function findVisibleCase(ctx: RequestContext, caseId: string) {
  try {
    return await loadVisibleCase(ctx, caseId, 'read', 'read');
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Loads a case and authorises the viewer against the loaded row. Every attempt, allowed or not,
 * goes in the access log.
 */
export async function loadVisibleCase(
  ctx: RequestContext,
  caseId: string,
  permission: CaseAction,
  logAction: string,
  options: {
    lock?: boolean;
    /** A further condition on the loaded case, for operations narrower than seeing it. */
    also?: (kase: Case, viewer: AbilityViewer, ability: AppAbility) => boolean;
  } = {},
) {
  const { organisationId } = requireOrganisation(ctx);
  const { ability, viewer } = await requestAbility(ctx);
  const wellFormed = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId);
  const kase = wellFormed
    ? await ctx.em.findOne(
        Case,
        { organisationId, id: caseId },
        options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
      )
    : null;
  if (
    !kase ||
    !ability.can(permission, asCase(kase)) ||
    (options.also && !options.also(kase, viewer, ability))
  ) {
    recordAccess(ctx, {
      action: logAction,
      outcome: 'denied',
      caseId: wellFormed ? caseId : null,
      clientId: kase?.clientId ?? null,
    });
    throw notFound('Zaak');
  }
  recordAccess(ctx, {
    action: logAction,
    outcome: 'allowed',
    caseId: kase.id,
    clientId: kase.clientId,
    onBehalfOfId: onBehalfOfClient(kase, viewer.userId),
  });
  return { kase, ability, viewer };
}

export interface CasePage {
  cases: Case[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * The cases the viewer may see, newest first, filtered in SQL from the ability and paginated by
 * keyset (createdAt, id), so counts never include what the viewer may not see.
 */
export async function listCases(
  ctx: RequestContext,
  options: {
    first: number;
    after?: { createdAt: Date; id: string } | undefined;
    closed?: boolean | undefined;
  },
): Promise<CasePage> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const visible = caseFilter(ability, 'read');
  if (visible === false) return { cases: [], totalCount: 0, hasNextPage: false };
  const first = Math.min(Math.max(options.first, 1), 100);
  const where = {
    $and: [
      { organisationId },
      visible,
      ...(options.closed === undefined ? [] : [{ closed: options.closed }]),
    ],
  };
  const keyset = options.after
    ? {
        $or: [
          { createdAt: { $lt: options.after.createdAt } },
          { createdAt: options.after.createdAt, id: { $lt: options.after.id } },
        ],
      }
    : {};
  const [cases, totalCount] = await Promise.all([
    ctx.em.find(Case, { $and: [where, keyset] } as never, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: first + 1,
    }),
    ctx.em.count(Case, where as never),
  ]);
  recordAccess(ctx, { action: 'list', outcome: 'allowed' });
  return { cases: cases.slice(0, first), totalCount, hasNextPage: cases.length > first };
}

/** The actions the viewer may take on the case now, with the inputs each needs. */
export async function caseActions(ctx: RequestContext, kase: Case): Promise<AvailableAction[]> {
  const { viewer } = await requestAbility(ctx);
  const procedure = await requestProcedureVersion(ctx, kase.procedureVersionId);
  return availableActions(
    procedure.definition,
    kase.state,
    await engineActor(ctx, kase, viewer),
    ctx.now,
    await caseFacts(ctx, kase),
  );
}

/** Assigns a handler to a case (manager or director). A handler can never handle a complaint about themself. */
export async function assignHandler(
  ctx: RequestContext,
  caseId: string,
  handlerId: string,
): Promise<Case> {
  const active = requireOrganisation(ctx);
  if (!active.roles.some((role) => role === 'manager' || role === 'director')) {
    // Not allowed to assign: answered like any case the viewer cannot act on.
    recordAccess(ctx, { action: 'assign-handler', outcome: 'denied', caseId });
    throw notFound('Zaak');
  }
  const { kase } = await loadVisibleCase(ctx, caseId, 'readInternal', 'assign-handler', {
    lock: true,
  });
  await requireMembers(ctx, [handlerId], 'handlerId', (m) => m.roles.includes('handler'));
  if (kase.subjectIds.includes(handlerId)) {
    throw badInput('Deze medewerker is beklaagde in de zaak en kan haar niet behandelen.', {
      field: 'handlerId',
    });
  }
  if (!kase.handlerIds.includes(handlerId)) {
    kase.handlerIds = [...kase.handlerIds, handlerId];
    kase.updatedAt = ctx.now;
    await appendTimeline(ctx, kase, [
      { type: 'handler-assigned', visibility: 'internal', payload: { handlerId } },
    ]);
  }
  await ctx.em.flush();
  return kase;
}

/**
 * Lets the procedure's terms run on one case up to now: reminders, expiries and what the procedure
 * does on expiry. Actions do this themselves first; this is for a case nobody touches (the demo
 * loader today, the deadline scheduler later). Staff only; nothing changes when nothing is due.
 */
export async function advanceCase(ctx: RequestContext, caseId: string): Promise<Case> {
  const { kase } = await loadVisibleCase(ctx, caseId, 'readInternal', 'advance-time', {
    lock: true,
  });
  const procedure = await requestProcedureVersion(ctx, kase.procedureVersionId);
  const advanced = advanceTime(
    procedure.definition,
    kase.state,
    ctx.now,
    await caseFacts(ctx, kase),
  );
  if (!advanced.changed) return kase;
  Object.assign(kase, derivedColumns(procedure.definition, advanced.state), {
    updatedAt: ctx.now,
  });
  await appendEngineEvents(ctx, kase, advanced.events);
  await ctx.em.flush();
  return kase;
}

/** The engine's view of the viewer: roles plus their relationships to this case. */
async function engineActor(ctx: RequestContext, kase: Case, viewer: AbilityViewer): Promise<Actor> {
  const relationships: Actor['relationships'] = [];
  if (kase.clientId === viewer.userId) relationships.push({ kind: 'client' });
  if (kase.handlerIds.includes(viewer.userId)) relationships.push({ kind: 'assigned-handler' });
  if (kase.subjectIds.includes(viewer.userId)) relationships.push({ kind: 'subject' });
  if (kase.commissionIds.some((id) => viewer.commissionIds.includes(id)))
    relationships.push({ kind: 'referred-commission' });
  if (kase.confidantIds.includes(viewer.userId)) {
    // The same live grant `liveGrant` reads, batched across the cases of one response.
    const grant = await viewerConfidantGrant(ctx, kase.id);
    if (grant) relationships.push({ kind: 'confidant', grants: grant.scopes });
  }
  return { roles: [...viewer.roles], relationships };
}

function derivedColumns(definition: Parameters<typeof nextWakeUp>[0], state: CaseState) {
  return {
    state,
    version: state.version,
    stages: Object.entries(state.tracks)
      .filter(([, track]) => track.status === 'active')
      .map(([track, { stage }]) => `${track}:${stage}`),
    receivedOn: state.receivedOn,
    nextDueOn: nextWakeUp(definition, state) ?? null,
    closed: state.closed,
  };
}

/** The one answer for a person who is not (or not as that) in the organisation. */
const unknownPerson = (field: string) =>
  badInput('Onbekende persoon in deze organisatie.', { field });

export async function requireMembers(
  ctx: RequestContext,
  userIds: string[],
  field: string,
  accept: (membership: Membership) => boolean,
) {
  if (userIds.length === 0) return;
  const { organisationId } = requireOrganisation(ctx);
  const members = await ctx.em.find(Membership, { organisationId, userId: { $in: userIds } });
  const ok = userIds.every((id) => members.some((m) => m.userId === id && accept(m)));
  // Ids of other organisations look exactly like ids that do not exist.
  if (!ok) throw unknownPerson(field);
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
