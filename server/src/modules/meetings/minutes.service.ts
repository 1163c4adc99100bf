import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { requireOrganisation } from '../../core/context.js';
import { parseInput } from '../../core/validation/parse-input.js';
import type { Meeting } from './meeting.entity.js';
import { RecordMinutesSchema, SignMinutesSchema } from './meeting.inputs.js';
import { refused, type MeetingRefused } from './meeting.refusals.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { loadVisibleMeeting, meetingEntries } from './meeting.service.js';
import { Minutes, MinutesSignature } from './minutes.entity.js';

/** Minutes with the meeting they record (whose people present sign them). */
export interface RecordedMinutes {
  kind: 'minutes';
  minutes: Minutes;
  meeting: Meeting;
}

/**
 * Records or revises the minutes of a meeting (staff on the case), once attendance is known. The
 * text is frozen from the first signature: everyone present signs the same words.
 */
export async function recordMinutes(
  ctx: RequestContext,
  input: unknown,
): Promise<RecordedMinutes | MeetingRefused> {
  const data = parseInput(RecordMinutesSchema, input);
  const { kase, meeting, audiences, viewer } = await loadVisibleMeeting(
    ctx,
    data.meetingId,
    'work',
    'record-minutes',
  );
  if (!meeting.presentIds) return refused('ATTENDANCE_NOT_RECORDED');
  const existing = await ctx.em.findOne(Minutes, {
    organisationId: kase.organisationId,
    meetingId: meeting.id,
  });
  if (existing) {
    if (existing.finalAt) return refused('MINUTES_FINAL');
    if ((await signaturesOf(ctx, existing)).length > 0) return refused('MINUTES_BEING_SIGNED');
    existing.text = data.text;
    existing.revisedAt = ctx.now;
  }
  const minutes =
    existing ??
    ctx.em.create(Minutes, {
      organisationId: kase.organisationId,
      id: randomUUID(),
      caseId: kase.id,
      meetingId: meeting.id,
      text: data.text,
      recordedById: viewer.userId,
      recordedAt: ctx.now,
      revisedAt: null,
      finalAt: null,
    });
  await appendTimeline(
    ctx,
    kase,
    meetingEntries(audiences, existing ? 'minutes-revised' : 'minutes-recorded', {
      meetingId: meeting.id,
      minutesId: minutes.id,
    }),
  );
  await ctx.em.flush();
  return { kind: 'minutes', minutes, meeting };
}

/**
 * Signs the minutes as one of the people present, with an optional note of dissent. The minutes
 * become final when the last person present signs.
 */
export async function signMinutes(
  ctx: RequestContext,
  input: unknown,
): Promise<RecordedMinutes | MeetingRefused> {
  const data = parseInput(SignMinutesSchema, input);
  const { organisationId } = requireOrganisation(ctx);
  const found = await ctx.em.findOne(Minutes, { organisationId, id: data.minutesId });
  if (!found) {
    recordAccess(ctx, { action: 'sign-minutes', outcome: 'denied' });
    throw notFound('Verslag');
  }
  const { kase, meeting, audiences, viewer } = await loadVisibleMeeting(
    ctx,
    found.meetingId,
    'contribute',
    'sign-minutes',
    'Verslag',
  );
  const minutes = (await ctx.em.refresh(found)) ?? found;
  if (minutes.finalAt) return refused('MINUTES_FINAL');
  const present = meeting.presentIds ?? [];
  if (!present.includes(viewer.userId)) return refused('NOT_PRESENT');
  const signatures = await signaturesOf(ctx, minutes);
  if (signatures.some((s) => s.signerId === viewer.userId)) return refused('ALREADY_SIGNED');
  ctx.em.create(MinutesSignature, {
    organisationId,
    minutesId: minutes.id,
    signerId: viewer.userId,
    dissent: data.dissent ?? null,
    signedAt: ctx.now,
  });
  const signed = new Set([...signatures.map((s) => s.signerId), viewer.userId]);
  const final = present.every((id) => signed.has(id));
  if (final) minutes.finalAt = ctx.now;
  const payload = { meetingId: meeting.id, minutesId: minutes.id };
  await appendTimeline(ctx, kase, [
    ...meetingEntries(audiences, 'minutes-signed', {
      ...payload,
      signerId: viewer.userId,
      dissent: data.dissent ? true : false,
    }),
    ...(final ? meetingEntries(audiences, 'minutes-final', payload) : []),
  ]);
  await ctx.em.flush();
  return { kind: 'minutes', minutes, meeting };
}

/** The minutes of a meeting the viewer may see, if recorded. */
export function minutesOf(ctx: RequestContext, meeting: Meeting): Promise<Minutes | null> {
  return ctx.em.findOne(Minutes, {
    organisationId: meeting.organisationId,
    meetingId: meeting.id,
  });
}

/** The signatures on minutes, in the order given. */
export function signaturesOf(ctx: RequestContext, minutes: Minutes): Promise<MinutesSignature[]> {
  return ctx.em.find(
    MinutesSignature,
    { organisationId: minutes.organisationId, minutesId: minutes.id },
    { orderBy: [{ signedAt: 'asc' }, { signerId: 'asc' }] },
  );
}
