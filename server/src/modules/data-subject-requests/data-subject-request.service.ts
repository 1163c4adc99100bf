import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { addDays, type PlainDate } from '@klachtpad/procedures';
import { z } from 'zod';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden, notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { Case } from '../cases/case.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import type { NotificationKind } from '../notifications/notification-kinds.js';
import { Notification } from '../notifications/notification.entity.js';
import { notifyPeople } from '../notifications/notification.service.js';
import { User } from '../users/user.entity.js';
import { dayOf, MAX_EXTENSION_MONTHS, requestDue } from './data-request-clock.js';
import {
  DataSubjectRequest,
  type DataSubjectRequestKind,
  type DataSubjectRequestStatus,
} from './data-subject-request.entity.js';

/** Staff hear that a request falls due this many days before its day. */
export const REMIND_DAYS_BEFORE = 7;

/** A request as the services hand it on: the row and, for staff, the requester's name. */
export interface DataSubjectRequestRecord {
  request: DataSubjectRequest;
  requesterName: string | null;
  /** Whether the viewer is the one who asked (and so may download the answer). */
  own: boolean;
}

const uuid = z.uuid('Onbekend verzoek.');

const RequestSchema = z.object({
  note: z
    .string()
    .trim()
    .max(2000, 'Een toelichting is hoogstens 2000 tekens.')
    .optional()
    .nullable()
    .transform((note) => (note ? note : null)),
});

const ErasureSchema = z.object({
  note: z
    .string()
    .trim()
    .min(3, 'Schrijf welke gegevens verwijderd moeten worden (minstens 3 tekens).')
    .max(2000, 'Een toelichting is hoogstens 2000 tekens.'),
});

/** The client asks for their own data (AVG art. 15, and a copy to take along, art. 20). */
export function requestDataAccess(ctx: RequestContext, input: unknown) {
  const data = parseInput(RequestSchema, input ?? {});
  return fileRequest(ctx, 'access', data.note);
}

/** The client asks that data about them be erased (AVG art. 17), saying which. */
export function requestErasure(ctx: RequestContext, input: unknown) {
  const data = parseInput(ErasureSchema, input ?? {});
  return fileRequest(ctx, 'erasure', data.note);
}

async function fileRequest(
  ctx: RequestContext,
  kind: DataSubjectRequestKind,
  note: string | null,
): Promise<DataSubjectRequestRecord> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const action = kind === 'access' ? 'request-data-access' : 'request-erasure';
  if (!ability.can('requestOwnData', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied', denial: 'not-permitted' });
    throw forbidden('Alleen een cliënt vraagt om de eigen gegevens.');
  }
  const open = await ctx.em.count(DataSubjectRequest, {
    organisationId,
    requesterId: viewer.userId,
    kind,
    status: 'open',
  });
  if (open > 0)
    throw badInput('U heeft al een verzoek van deze soort dat nog loopt.', {
      reason: 'ALREADY_OPEN',
    });
  const receivedOn = dayOf(ctx.now);
  const dueOn = requestDue({ receivedOn });
  const request = Object.assign(new DataSubjectRequest(), {
    organisationId,
    id: randomUUID(),
    kind,
    requesterId: viewer.userId,
    note,
    receivedAt: ctx.now,
    receivedOn,
    firstDueOn: dueOn,
    dueOn,
    status: 'open' as const,
  });
  ctx.em.persist(request);
  recordAccess(ctx, { action, outcome: 'allowed', clientId: viewer.userId });
  // The handler's task: the staff who work on this client's cases and the managers hear of it
  // in the app and by mail; every member of staff finds it in `dataSubjectRequests`.
  await notifyPeople(
    ctx,
    (await handlersOf(ctx, request)).map((userId) => ({
      userId,
      kind: 'data-request-received' as const,
      payload: { due: dueOn, requestKind: kind },
      sourceKey: `dsr:${request.id}:received`,
    })),
  );
  await ctx.em.flush();
  return { request, requesterName: null, own: true };
}

/**
 * Who is to answer a client's request: the handlers of the client's cases, and the managers.
 * The client's own transaction reads their cases' handlers (ids only) and the managers'
 * memberships: the tenant wall allows both, and nothing of them is returned to the client.
 */
async function handlersOf(ctx: RequestContext, request: DataSubjectRequest): Promise<string[]> {
  const cases = await ctx.em.find(
    Case,
    { organisationId: request.organisationId, clientId: request.requesterId },
    { fields: ['id', 'handlerIds'] },
  );
  const managers = await ctx.em.find(Membership, {
    organisationId: request.organisationId,
    roles: { $overlap: ['manager'] },
    endedAt: null,
  });
  return [
    ...new Set([...cases.flatMap((kase) => kase.handlerIds), ...managers.map((m) => m.userId)]),
  ].filter((id) => id !== request.requesterId);
}

async function requireHandling(ctx: RequestContext, action: string) {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('handleDataRequests', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied', denial: 'not-permitted' });
    return false;
  }
  return true;
}

async function namesOf(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await ctx.em.find(
    User,
    { id: { $in: [...new Set(ids)] } },
    {
      fields: ['id', 'displayName'],
    },
  );
  return new Map(users.map((user) => [user.id, user.displayName]));
}

const StatusFilter = z.enum(['open', 'answered', 'granted', 'refused']).nullable().optional();

/**
 * The organisation's requests for staff, open ones first by the day they are due, then the
 * settled ones newest first. Anyone else is refused (and the refusal logged).
 */
export async function listDataSubjectRequests(
  ctx: RequestContext,
  status: unknown,
): Promise<DataSubjectRequestRecord[]> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const wanted = parseInput(StatusFilter, status);
  if (!(await requireHandling(ctx, 'read-data-requests')))
    throw forbidden('Alleen medewerkers zien de verzoeken van cliënten.');
  const rows = await ctx.em.find(
    DataSubjectRequest,
    { organisationId, ...(wanted ? { status: wanted } : {}) },
    { orderBy: { status: 'desc', dueOn: 'asc', receivedAt: 'desc', id: 'asc' } },
  );
  // "open" sorts after the others alphabetically, so descending puts the open ones first.
  const names = await namesOf(
    ctx,
    rows.map((row) => row.requesterId),
  );
  recordAccess(ctx, { action: 'read-data-requests', outcome: 'allowed' });
  return rows.map((request) => ({
    request,
    requesterName: names.get(request.requesterId) ?? null,
    own: request.requesterId === viewer.userId,
  }));
}

/** The viewer's own requests in the active organisation, newest first. */
export async function myDataSubjectRequests(
  ctx: RequestContext,
): Promise<DataSubjectRequestRecord[]> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const rows = await ctx.em.find(
    DataSubjectRequest,
    { organisationId, requesterId: viewer.userId },
    { orderBy: { receivedAt: 'desc', id: 'asc' } },
  );
  return rows.map((request) => ({ request, requesterName: null, own: true }));
}

/**
 * Loads a request for staff to act on, under its row lock. Someone who may not handle requests,
 * and another organisation's staff, get the answer an unknown id gets.
 */
async function loadForHandling(
  ctx: RequestContext,
  id: string,
  action: string,
): Promise<DataSubjectRequest> {
  const { organisationId } = requireOrganisation(ctx);
  const parsed = uuid.safeParse(id);
  const allowed = await requireHandling(ctx, action);
  const request =
    allowed && parsed.success
      ? await ctx.em.findOne(
          DataSubjectRequest,
          { organisationId, id: parsed.data },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        )
      : null;
  if (!request) {
    if (allowed) recordAccess(ctx, { action, outcome: 'denied', denial: 'not-found' });
    throw notFound('Verzoek');
  }
  return request;
}

function requireOpen(request: DataSubjectRequest) {
  if (request.status !== 'open')
    throw badInput('Dit verzoek is al afgehandeld.', { reason: 'SETTLED' });
}

const ExtendSchema = z.object({
  id: z.string(),
  months: z
    .number()
    .int()
    .min(1, 'Verleng met 1 of 2 maanden.')
    .max(MAX_EXTENSION_MONTHS, 'Verleng met hoogstens 2 maanden (AVG art. 12 lid 3).'),
  reason: z
    .string()
    .trim()
    .min(3, 'Geef de reden van de verlenging (minstens 3 tekens).')
    .max(1000, 'Een reden is hoogstens 1000 tekens.'),
});

/**
 * Extends a request's term once, by one or two months, while its first month runs: the client is
 * told the new day and the reason in the same transaction (in the app, and by mail as their safe
 * contact allows), which is the notice art. 12(3) asks for within that month.
 */
export async function extendDataSubjectRequest(
  ctx: RequestContext,
  input: unknown,
): Promise<DataSubjectRequestRecord> {
  const data = parseInput(ExtendSchema, input);
  const { viewer } = requireOrganisation(ctx);
  const request = await loadForHandling(ctx, data.id, 'extend-data-request');
  requireOpen(request);
  if (request.extendedAt)
    throw badInput('Een verzoek wordt maar één keer verlengd.', { reason: 'ALREADY_EXTENDED' });
  const today = dayOf(ctx.now);
  if (today > request.firstDueOn)
    throw badInput('Verlengen kan alleen binnen de eerste maand na ontvangst.', {
      reason: 'FIRST_MONTH_PASSED',
      field: 'id',
    });
  request.extensionMonths = data.months;
  request.extensionReason = data.reason;
  request.extendedAt = ctx.now;
  request.extendedBy = viewer.userId;
  request.dueOn = requestDue({
    receivedOn: request.receivedOn,
    extension: { months: data.months, reason: data.reason, toldOn: today },
  });
  recordAccess(ctx, {
    action: 'extend-data-request',
    outcome: 'allowed',
    clientId: request.requesterId,
  });
  await notifyPeople(ctx, [
    {
      userId: request.requesterId,
      kind: 'data-request-extended',
      payload: { due: request.dueOn, reason: data.reason, requestKind: request.kind },
      sourceKey: `dsr:${request.id}:extended`,
    },
  ]);
  await ctx.em.flush();
  return withName(ctx, request);
}

async function withName(
  ctx: RequestContext,
  request: DataSubjectRequest,
): Promise<DataSubjectRequestRecord> {
  const names = await namesOf(ctx, [request.requesterId]);
  return {
    request,
    requesterName: names.get(request.requesterId) ?? null,
    own: request.requesterId === ctx.viewer?.userId,
  };
}

function settle(
  ctx: RequestContext,
  request: DataSubjectRequest,
  status: DataSubjectRequestStatus,
  reasons: string | null,
) {
  request.status = status;
  request.decidedAt = ctx.now;
  request.decidedBy = ctx.viewer!.userId;
  request.decisionReasons = reasons;
}

/**
 * Answers an access request: from now on the client downloads everything they may see, with the
 * access log of their cases, as JSON and PDF (composed from their own view at each download).
 * Who answered is in the request and in the access log.
 */
export async function answerDataSubjectRequest(
  ctx: RequestContext,
  id: string,
): Promise<DataSubjectRequestRecord> {
  const request = await loadForHandling(ctx, id, 'answer-data-request');
  if (request.kind !== 'access')
    throw badInput('Over een verzoek om verwijdering wordt besloten, met redenen.', {
      reason: 'WRONG_KIND',
    });
  requireOpen(request);
  settle(ctx, request, 'answered', null);
  recordAccess(ctx, {
    action: 'answer-data-request',
    outcome: 'allowed',
    clientId: request.requesterId,
  });
  await tellClient(ctx, request, 'data-request-answered', {});
  await ctx.em.flush();
  return withName(ctx, request);
}

const DecideSchema = z.object({
  id: z.string(),
  granted: z.boolean(),
  reasons: z
    .string()
    .trim()
    .min(3, 'Geef de redenen van het besluit (minstens 3 tekens).')
    .max(2000, 'Redenen zijn hoogstens 2000 tekens.'),
});

/**
 * Decides an erasure request, granted or refused, always with reasons (art. 12(4): a refusal says
 * why and that the client may complain to the Autoriteit Persoonsgegevens). What is erased when
 * granted is the organisation's act; this records the decision and tells the client.
 */
export async function decideErasureRequest(
  ctx: RequestContext,
  input: unknown,
): Promise<DataSubjectRequestRecord> {
  const data = parseInput(DecideSchema, input);
  const request = await loadForHandling(ctx, data.id, 'decide-erasure-request');
  if (request.kind !== 'erasure')
    throw badInput('Een verzoek om inzage wordt beantwoord, niet besloten.', {
      reason: 'WRONG_KIND',
    });
  requireOpen(request);
  settle(ctx, request, data.granted ? 'granted' : 'refused', data.reasons);
  recordAccess(ctx, {
    action: `decide-erasure-request:${data.granted ? 'granted' : 'refused'}`,
    outcome: 'allowed',
    clientId: request.requesterId,
  });
  await tellClient(ctx, request, 'erasure-decided', { granted: data.granted });
  await ctx.em.flush();
  return withName(ctx, request);
}

function tellClient(
  ctx: RequestContext,
  request: DataSubjectRequest,
  kind: NotificationKind,
  payload: { granted?: boolean },
) {
  return notifyPeople(ctx, [
    {
      userId: request.requesterId,
      kind,
      payload: { ...payload, requestKind: request.kind },
      sourceKey: `dsr:${request.id}:${kind}`,
    },
  ]);
}

/**
 * The answered access request whose export the viewer downloads: only the client who asked.
 * Anyone else, any other id, and a request not answered yet, get the same not-found answer, and
 * the attempt is logged as refused.
 */
export async function exportableRequest(
  ctx: RequestContext,
  id: string,
  format: 'json' | 'pdf',
): Promise<DataSubjectRequest> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const action = `download-data-export:${format}`;
  const parsed = uuid.safeParse(id);
  const request = parsed.success
    ? await ctx.em.findOne(DataSubjectRequest, {
        organisationId,
        id: parsed.data,
        requesterId: viewer.userId,
        kind: 'access',
        status: 'answered',
      })
    : null;
  if (!request) {
    recordAccess(ctx, { action, outcome: 'denied', denial: 'not-found' });
    throw notFound('Verzoek');
  }
  recordAccess(ctx, { action, outcome: 'allowed', clientId: viewer.userId });
  return request;
}

/**
 * The clock's round for one organisation (no person in scope): open requests due within a week
 * remind the staff who handle them, passed ones are flagged, each once per due day.
 */
export async function remindDueRequests(ctx: RequestContext): Promise<number> {
  const organisationId = ctx.active!.organisationId;
  const today: PlainDate = dayOf(ctx.now);
  const open = await ctx.em.find(DataSubjectRequest, {
    organisationId,
    status: 'open',
    dueOn: { $lte: addDays(today, REMIND_DAYS_BEFORE) },
  });
  const notices = [];
  for (const request of open) {
    const kind = today > request.dueOn ? 'data-request-overdue' : 'data-request-due';
    const sourceKey = `dsr:${request.id}:${kind === 'data-request-due' ? 'due' : 'overdue'}:${request.dueOn}`;
    const told = await ctx.em.count(Notification, { organisationId, sourceKey });
    if (told > 0) continue;
    for (const userId of await handlersOf(ctx, request))
      notices.push({
        userId,
        kind: kind as NotificationKind,
        payload: { due: request.dueOn, requestKind: request.kind },
        sourceKey,
      });
  }
  await notifyPeople(ctx, notices);
  return notices.length;
}
