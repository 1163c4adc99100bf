import { randomUUID } from 'node:crypto';
import type { MeetingKind } from '@klachtpad/procedures';
import {
  canSeeCaseItem,
  type AppAbility,
  type CaseAction,
  type ItemAudience,
} from '../../core/authz/ability.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { loadVisibleCase, throughGate } from '../case-access/case-gate.js';
import { findVisibleCaseItems } from '../case-access/case-items.js';
import { appendTimeline, type TimelineEntry } from '../cases/case-timeline.js';
import type { Case } from '../cases/case.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { Meeting, MeetingAudience } from './meeting.entity.js';
import { RecordAttendanceSchema, ScheduleMeetingSchema } from './meeting.inputs.js';
import { refused, type MeetingRefused } from './meeting.refusals.js';
import { Minutes, MinutesSignature } from './minutes.entity.js';

/**
 * Schedules a meeting or hearing (staff on the case). Everyone invited must belong to the case:
 * its client, a confidant with a live grant, an assigned handler, a subject, or a manager or
 * director of the organisation.
 */
export async function scheduleMeeting(ctx: RequestContext, input: unknown): Promise<Meeting> {
  const data = parseInput(ScheduleMeetingSchema, input);
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'work', 'schedule-meeting', {
    lock: true,
  });
  await requirePeopleOfCase(ctx, kase, data.participantIds);
  const meeting = ctx.em.create(Meeting, {
    organisationId: kase.organisationId,
    id: randomUUID(),
    caseId: kase.id,
    kind: data.kind,
    startsAt: data.startsAt,
    location: data.location ?? null,
    participantIds: data.participantIds,
    presentIds: null,
    attendanceRecordedAt: null,
    scheduledById: viewer.userId,
    scheduledAt: ctx.now,
  });
  const audiences = meetingAudiences(kase, data.kind, data.participantIds).map((audience) =>
    ctx.em.create(MeetingAudience, {
      organisationId: kase.organisationId,
      id: randomUUID(),
      caseId: kase.id,
      meetingId: meeting.id,
      meeting,
      ...audience,
    }),
  );
  await appendTimeline(
    ctx,
    kase,
    meetingEntries(audiences, 'meeting-scheduled', {
      meetingId: meeting.id,
      kind: meeting.kind,
      startsAt: meeting.startsAt.toISOString(),
    }),
  );
  await ctx.em.flush();
  return meeting;
}

/**
 * Records who was present (staff on the case), once the meeting has begun. It may be corrected
 * until the first person signs the minutes: the people present are the ones who sign.
 */
export async function recordAttendance(
  ctx: RequestContext,
  input: unknown,
): Promise<{ kind: 'meeting'; meeting: Meeting } | MeetingRefused> {
  const data = parseInput(RecordAttendanceSchema, input);
  const { kase, meeting, audiences } = await loadVisibleMeeting(
    ctx,
    data.meetingId,
    'work',
    'record-attendance',
  );
  if (!data.presentIds.every((id) => meeting.participantIds.includes(id)))
    throw badInput('Alleen wie uitgenodigd was, kan aanwezig zijn.', { field: 'presentIds' });
  if (ctx.now < meeting.startsAt) return refused('MEETING_NOT_HELD_YET');
  const minutes = await ctx.em.findOne(Minutes, {
    organisationId: kase.organisationId,
    meetingId: meeting.id,
  });
  if (minutes) {
    if (minutes.finalAt) return refused('MINUTES_FINAL');
    const signatures = await ctx.em.count(MinutesSignature, {
      organisationId: kase.organisationId,
      minutesId: minutes.id,
    });
    if (signatures > 0) return refused('MINUTES_BEING_SIGNED');
  }
  meeting.presentIds = data.presentIds;
  meeting.attendanceRecordedAt = ctx.now;
  await appendTimeline(
    ctx,
    kase,
    meetingEntries(audiences, 'attendance-recorded', {
      meetingId: meeting.id,
      presentIds: data.presentIds,
    }),
  );
  await ctx.em.flush();
  return { kind: 'meeting', meeting };
}

/**
 * Who may see a meeting: its client side when the client or a confidant takes part, each subject
 * taking part (addressed to them), and otherwise staff only. Staff on the case see every audience.
 * A hearing on a case referred to a commission is the commission's hearing (ADR 0088): it joins
 * the bundle, so the commission sees it and its minutes, without anyone else seeing more.
 */
export function meetingAudiences(
  kase: Case,
  kind: MeetingKind,
  participantIds: string[],
): ItemAudience[] {
  const clientSide = participantIds.some(
    (id) => id === kase.clientId || kase.confidantIds.includes(id),
  );
  const audiences: ItemAudience[] = [
    ...(clientSide ? [{ visibility: 'shared' as const, bundled: false, addresseeId: null }] : []),
    ...participantIds
      .filter((id) => kase.subjectIds.includes(id))
      .map((id) => ({ visibility: 'subject' as const, bundled: false, addresseeId: id })),
  ];
  // Staff see every meeting of their case; a staff-only row is needed only when no other exists.
  if (audiences.length === 0)
    audiences.push({ visibility: 'internal', bundled: false, addresseeId: null });
  if (kind === 'hearing' && kase.commissionIds.length > 0) {
    // Bundled on the widest audience that is not one subject's, so the timeline gains no entry.
    const widest = audiences.find((audience) => audience.visibility !== 'subject');
    if (widest) widest.bundled = true;
    else audiences.push({ visibility: 'internal', bundled: true, addresseeId: null });
  }
  return audiences;
}

/** Whether the viewer may see a meeting (and so its minutes): one of its audiences suffices. */
export function canSeeMeeting(ability: AppAbility, kase: Case, audiences: MeetingAudience[]) {
  return audiences.some(({ visibility, bundled, addresseeId }) =>
    canSeeCaseItem(ability, kase, { visibility, bundled, addresseeId }),
  );
}

const meetingsOfCases = defineRequestLoader<Case, Meeting[], string>(
  async (ctx, cases) => {
    const audiences = await findVisibleCaseItems(ctx, MeetingAudience, cases, { meetingId: 'asc' });
    const visible = [...audiences.values()].flat().map((audience) => audience.meetingId);
    const meetings =
      visible.length === 0
        ? []
        : await ctx.em.find(
            Meeting,
            {
              organisationId: requireOrganisation(ctx).organisationId,
              id: { $in: [...new Set(visible)] },
            },
            { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] },
          );
    return cases.map((kase) => meetings.filter((meeting) => meeting.caseId === kase.id));
  },
  { cacheKeyFn: (kase) => kase.id },
);

/**
 * The meetings of a case the viewer may see, by start, filtered in SQL by their audiences; the
 * meetings of a listed page load in two queries (audiences, then meetings).
 */
export function visibleMeetings(ctx: RequestContext, kase: Case): Promise<Meeting[]> {
  return meetingsOfCases(ctx).load(kase);
}

/**
 * Loads a meeting and its case for a change, locking the case (changes to one case, its
 * meetings and minutes happen one at a time) and authorising through `loadVisibleCase`. A meeting
 * that does not exist and one the viewer may not see are answered alike, as `what` not found.
 */
export async function loadVisibleMeeting(
  ctx: RequestContext,
  meetingId: string,
  permission: CaseAction,
  logAction: string,
  what = 'Bijeenkomst',
) {
  const { organisationId } = requireOrganisation(ctx);
  const meeting = await ctx.em.findOne(Meeting, { organisationId, id: meetingId });
  if (!meeting) {
    recordAccess(ctx, { action: logAction, outcome: 'denied' });
    throw notFound(what);
  }
  const audiences = await ctx.em.find(MeetingAudience, { organisationId, meetingId });
  const visible = await throughGate(what, () =>
    loadVisibleCase(ctx, meeting.caseId, permission, logAction, {
      lock: true,
      also: (kase, _viewer, ability) => canSeeMeeting(ability, kase, audiences),
    }),
  );
  // Read again under the case lock: a change that committed meanwhile is seen.
  await ctx.em.refresh(meeting);
  return { ...visible, meeting, audiences };
}

/** One timeline entry per audience of the meeting, so each viewer sees it once and only theirs. */
export function meetingEntries(
  audiences: ItemAudience[],
  type: string,
  payload: Record<string, unknown>,
): TimelineEntry[] {
  return audiences.map(({ visibility, bundled, addresseeId }) => ({
    type,
    visibility,
    bundled,
    addresseeId,
    payload,
  }));
}

async function requirePeopleOfCase(ctx: RequestContext, kase: Case, participantIds: string[]) {
  const ofCase = new Set([
    kase.clientId,
    ...kase.confidantIds,
    ...kase.handlerIds,
    ...kase.subjectIds,
  ]);
  const others = participantIds.filter((id) => !ofCase.has(id));
  if (others.length > 0) {
    const staff = await ctx.em.find(Membership, {
      organisationId: kase.organisationId,
      userId: { $in: others },
    });
    const allStaff = others.every((id) =>
      staff.some(
        (m) => m.userId === id && m.roles.some((role) => role === 'manager' || role === 'director'),
      ),
    );
    // Ids of other organisations, or of anything but a person, look like strangers to the case.
    if (!allStaff)
      throw badInput(
        'Uitnodigen kan alleen wie bij de zaak hoort: cliënt, vertrouwenspersoon, behandelaar, beklaagde of leiding.',
        { field: 'participantIds' },
      );
  }
}
