import { randomUUID } from 'node:crypto';
import { asCase, canSeeCaseItem } from '../../core/authz/ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { notFound } from '../../core/errors.js';
import { enqueueJob } from '../../core/queue/job-queue.js';
import type { CaseEvent } from '../cases/case-event.entity.js';
import type { TimelineAppended } from '../cases/case-timeline.js';
import type { CaseTransition } from '../cases/case-transition.js';
import type { Case } from '../cases/case.entity.js';
import { CommissionLink } from '../commissions/commission-link.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { procedureVersion } from '../procedures/procedure.service.js';
import type { Position } from '@klachtpad/procedures';
import type { NotificationKind, NotificationPayload } from './notification-kinds.js';
import {
  extensionReason,
  rulesFor,
  type NotificationRule,
  type Party,
} from './notification-rules.js';
import { Notification } from './notification.entity.js';

/** The task that e-mails a recipient what one batch told them (mail/notification-mail.job.ts). */
export const NOTIFICATION_MAIL_TASK = 'send-notification-mail';

interface Pending {
  kase: Case;
  events: CaseEvent[];
  reason: string | undefined;
}

/** Per transaction: what was appended to which case, raised once just before it commits. */
const pendingOf = new WeakMap<RequestContext, Map<string, Pending>>();

function pendingFor(ctx: RequestContext, kase: Case): Pending {
  let cases = pendingOf.get(ctx);
  if (!cases) {
    const list = new Map<string, Pending>();
    cases = list;
    pendingOf.set(ctx, list);
    // Just before commit every module's effects have run (a filing confidant's grant, the
    // referral rows), so the people of the case are as they will be.
    ctx.tx.onBeforeCommit(() => raiseNotifications(ctx, [...list.values()]));
  }
  let pending = cases.get(kase.id);
  if (!pending) cases.set(kase.id, (pending = { kase, events: [], reason: undefined }));
  return pending;
}

/** An effect on `CASE_TIMELINE_APPENDED`: remembers the entries to tell people about. */
export async function collectTimelineEntries(
  ctx: RequestContext,
  { kase, events }: TimelineAppended,
): Promise<void> {
  pendingFor(ctx, kase).events.push(...events);
}

/** An effect on `CASE_TRANSITION`: what the action's inputs say that a notification may repeat. */
export async function collectTransition(
  ctx: RequestContext,
  { kase, action }: CaseTransition,
): Promise<void> {
  const reason = extensionReason(action?.payload);
  if (reason) pendingFor(ctx, kase).reason = reason;
}

/**
 * Turns a transaction's timeline entries into notifications: each rule's parties become people,
 * each person is kept only if they may see what it is about (the case, and for most rules the
 * entry itself, by their own ability: ADR 0007), the one who caused it is left out, and a person
 * gets one notification per happening. One e-mail job per recipient follows.
 */
async function raiseNotifications(ctx: RequestContext, batches: Pending[]): Promise<void> {
  const batchId = randomUUID();
  const rows: Notification[] = [];
  for (const { kase, events, reason } of batches) {
    if (events.length === 0) continue;
    const { definition } = await procedureVersion(
      ctx.em,
      kase.organisationId,
      kase.procedureVersionId,
    );
    const referredCommissions = kase.state.referrals
      .filter((r) => r.active)
      .map((r) => r.commission);
    const bySource = new Map<string, { rule: NotificationRule; entries: CaseEvent[] }>();
    for (const entry of events) {
      for (const rule of rulesFor(entry, kase, definition, { reason, referredCommissions })) {
        const key = `${rule.kind}|${rule.sourceKey}`;
        const seen = bySource.get(key);
        if (seen) seen.entries.push(entry);
        else bySource.set(key, { rule, entries: [entry] });
      }
    }
    const perPerson = new Map<string, Notification[]>();
    for (const { rule, entries } of bySource.values()) {
      const people = await resolveParties(ctx, kase, definition.actions, rule.to);
      for (const userId of people) {
        if (!rule.includeActor && userId === ctx.viewer?.userId) continue;
        if (!(await maySee(ctx, userId, kase, rule, entries))) continue;
        const mine = perPerson.get(userId) ?? [];
        perPerson.set(userId, mine);
        mine.push(
          Object.assign(new Notification(), {
            organisationId: kase.organisationId,
            id: randomUUID(),
            userId,
            caseId: kase.id,
            kind: rule.kind,
            payload: rule.payload,
            sourceKey: rule.sourceKey,
            batchId,
            createdAt: ctx.now,
            mailState: 'pending',
          }),
        );
      }
    }
    for (const notifications of perPerson.values()) rows.push(...foldNotices(notifications));
  }
  if (rows.length === 0) return;
  await insertNotifications(ctx, rows, batchId);
}

/** Writes notifications and one e-mail job per recipient of the batch. */
async function insertNotifications(
  ctx: RequestContext,
  rows: readonly Notification[],
  batchId: string,
): Promise<void> {
  // Written for other people, whom this transaction may not read back (migration 0046).
  await ctx.em.execute('select app.insert_notifications(?::jsonb)', [
    JSON.stringify(
      rows.map((row) => ({
        organisation_id: row.organisationId,
        id: row.id,
        user_id: row.userId,
        case_id: row.caseId,
        kind: row.kind,
        payload: row.payload,
        source_key: row.sourceKey,
        batch_id: row.batchId,
        created_at: row.createdAt.toISOString(),
        mail_state: row.mailState,
      })),
    ),
  ]);
  const recipients = new Map(rows.map((row) => [row.userId, row.organisationId]));
  for (const [userId, organisationId] of recipients) {
    await enqueueJob(ctx.em, {
      task: NOTIFICATION_MAIL_TASK,
      payload: { organisationId, userId, batchId },
      key: `mail:${batchId}:${userId}`,
      maxAttempts: 8,
      organisationId,
    });
  }
}

/** One person to tell of something that is not a case's (an AVG request, ADR 0095). */
export interface DirectNotice {
  userId: string;
  kind: NotificationKind;
  payload: NotificationPayload;
  /** The happening: one notification per happening and person, however often it is raised. */
  sourceKey: string;
}

/**
 * Tells people of something outside a case's timeline, in the transaction that caused it: the
 * same rows, the same once-per-happening rule and the same e-mail job per recipient as the
 * timeline's notifications. The caller has decided who may hear it.
 */
export async function notifyPeople(
  ctx: RequestContext,
  notices: readonly DirectNotice[],
): Promise<void> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('A notification belongs to an organisation.');
  if (notices.length === 0) return;
  const batchId = randomUUID();
  await insertNotifications(
    ctx,
    notices.map((notice) =>
      Object.assign(new Notification(), {
        organisationId,
        id: randomUUID(),
        userId: notice.userId,
        caseId: null,
        kind: notice.kind,
        payload: notice.payload,
        sourceKey: notice.sourceKey,
        batchId,
        createdAt: ctx.now,
        mailState: 'pending',
      }),
    ),
    batchId,
  );
}

/**
 * The procedure's own words for a moment ("de klacht is doorgestuurd naar het bestuur") join the
 * notification that already tells a person of that moment, rather than arriving beside it.
 */
function foldNotices(notifications: Notification[]): Notification[] {
  const notices = notifications.filter((n) => n.kind === 'procedure-notice');
  const others = notifications.filter((n) => n.kind !== 'procedure-notice');
  const first = others[0];
  if (!first || notices.length === 0) return notifications;
  first.payload = { ...first.payload, notice: notices[0]!.payload.notice! };
  return [...others, ...notices.slice(1)];
}

/** Whether a person may see what a notification is about, by their own ability. */
async function maySee(
  ctx: RequestContext,
  userId: string,
  kase: Case,
  rule: NotificationRule,
  entries: CaseEvent[],
): Promise<boolean> {
  const member = await ctx.abilityOf(userId);
  if (!member || !member.ability.can('read', asCase(kase))) return false;
  if (rule.audience === 'case') return true;
  return entries.some((entry) => canSeeCaseItem(member.ability, kase, entry));
}

async function resolveParties(
  ctx: RequestContext,
  kase: Case,
  actions: { from: string[]; by: { role: string; relationship?: string | undefined }[] }[],
  parties: Party[],
): Promise<Set<string>> {
  const people = new Set<string>();
  const withRole = async (role: string, position?: Position) =>
    (
      await ctx.em.find(Membership, {
        organisationId: kase.organisationId,
        roles: { $overlap: [role] },
      })
    )
      .filter((m) => !position || m.position === null || m.position === position)
      .map((m) => m.userId);
  for (const party of parties) {
    switch (party.kind) {
      case 'client-side':
        [kase.clientId, ...kase.confidantIds].forEach((id) => id && people.add(id));
        break;
      case 'assigned-handlers':
        kase.handlerIds.forEach((id) => people.add(id));
        break;
      case 'assigned-handlers-or-managers':
        (kase.handlerIds.length > 0 ? kase.handlerIds : await withRole('manager')).forEach((id) =>
          people.add(id),
        );
        break;
      case 'role':
        (await withRole(party.role, party.position)).forEach((id) => people.add(id));
        break;
      case 'subjects':
        kase.subjectIds.forEach((id) => people.add(id));
        break;
      case 'person':
        people.add(party.userId);
        break;
      case 'people-of-meeting': {
        const meeting = await ctx.em.findOne(Meeting, {
          organisationId: kase.organisationId,
          id: party.meetingId,
        });
        const ids = party.which === 'invited' ? meeting?.participantIds : meeting?.presentIds;
        (ids ?? []).forEach((id) => people.add(id));
        break;
      }
      case 'acting-in-stage':
        for (const id of await actingInStage(kase, actions, party.stage, withRole)) people.add(id);
        break;
      case 'commission':
        for (const id of await commissionMembers(ctx, kase, party.commission)) people.add(id);
        break;
    }
  }
  return people;
}

/**
 * The staff who may act on the case in a stage, by the procedure's permissions: a role on its own
 * (every director, for a bestuur's stage), or the assigned handler. The client side hears of a
 * forward separately; actions open in every stage (withdrawal) do not make anyone responsible.
 */
async function actingInStage(
  kase: Case,
  actions: { from: string[]; by: { role: string; relationship?: string | undefined }[] }[],
  stage: string,
  withRole: (role: string) => Promise<string[]>,
): Promise<string[]> {
  const people = new Set<string>();
  for (const action of actions.filter((a) => a.from.includes(stage))) {
    for (const permission of action.by) {
      if (permission.relationship === 'assigned-handler')
        kase.handlerIds.forEach((id) => people.add(id));
      else if (
        !permission.relationship &&
        ['handler', 'manager', 'director'].includes(permission.role)
      )
        (await withRole(permission.role)).forEach((id) => people.add(id));
    }
  }
  return [...people].filter((id) => !kase.subjectIds.includes(id));
}

/**
 * The members of the commission a procedure's commission is linked to who work on this
 * organisation's cases. The commission organisation's own member list is read in a transaction
 * scoped to that organisation: ids only.
 */
async function commissionMembers(
  ctx: RequestContext,
  kase: Case,
  procedureCommissionId: string,
): Promise<string[]> {
  const link = await ctx.em.findOne(CommissionLink, {
    organisationId: kase.organisationId,
    procedureCommissionId,
  });
  if (!link) return [];
  const members = await withTenantTransaction(
    ctx.orm,
    { organisationId: link.commissionOrganisationId },
    (em) => em.find(Membership, { organisationId: link.commissionOrganisationId }),
  );
  const here = await ctx.em.find(Membership, {
    organisationId: kase.organisationId,
    userId: { $in: members.map((m) => m.userId) },
    roles: { $overlap: ['commission'] },
  });
  return here.map((m) => m.userId);
}

export interface NotificationPage {
  notifications: Notification[];
  totalCount: number;
  unreadCount: number;
  hasNextPage: boolean;
}

/** The viewer's notifications in the active organisation, newest first, by keyset. */
export async function listNotifications(
  ctx: RequestContext,
  options: { first: number; after?: { createdAt: Date; id: string } | undefined },
): Promise<NotificationPage> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const first = Math.min(Math.max(options.first, 1), 100);
  const mine = { organisationId, userId: viewer.userId };
  const keyset = options.after
    ? {
        $or: [
          { createdAt: { $lt: options.after.createdAt } },
          { createdAt: options.after.createdAt, id: { $lt: options.after.id } },
        ],
      }
    : {};
  const [notifications, totalCount, unreadCount] = await Promise.all([
    ctx.em.find(Notification, { ...mine, ...keyset } as never, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: first + 1,
    }),
    ctx.em.count(Notification, mine),
    ctx.em.count(Notification, { ...mine, readAt: null }),
  ]);
  return {
    notifications: notifications.slice(0, first),
    totalCount,
    unreadCount,
    hasNextPage: notifications.length > first,
  };
}

/**
 * Marks the viewer's notifications read. An id that is not theirs (another person's, another
 * organisation's, or none at all) is answered as not found and nothing is marked; marking one
 * that is read already keeps the moment it was first read.
 */
export async function markNotificationsRead(
  ctx: RequestContext,
  ids: readonly string[],
): Promise<Notification[]> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (unique.length > 100 || !unique.every((id) => uuid.test(id))) throw notFound('Melding');
  const found = await ctx.em.find(Notification, {
    organisationId,
    userId: viewer.userId,
    id: { $in: unique },
  });
  if (found.length !== unique.length) throw notFound('Melding');
  for (const notification of found) notification.readAt ??= ctx.now;
  await ctx.em.flush();
  return found;
}

/** The notifications one batch raised for a person (the e-mail job's reading). */
export function batchNotifications(
  ctx: RequestContext,
  userId: string,
  batchId: string,
): Promise<Notification[]> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('A batch belongs to an organisation.');
  return ctx.em.find(
    Notification,
    { organisationId, userId, batchId },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

/** Records what became of a batch's e-mail to its recipient. */
export async function recordMailOutcome(
  ctx: RequestContext,
  notifications: readonly Notification[],
  state: 'sent' | 'suppressed',
): Promise<void> {
  for (const notification of notifications) {
    notification.mailState = state;
    if (state === 'sent') notification.mailedAt = ctx.now;
  }
  await ctx.em.flush();
}

export type { NotificationPayload };
