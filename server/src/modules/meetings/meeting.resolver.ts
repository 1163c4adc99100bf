import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import {
  RecordAttendanceInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
  SignMinutesArgs,
} from './meeting.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import type { Meeting } from './meeting.entity.js';
import { MEETING_REFUSALS, type MeetingRefused } from './meeting.refusals.js';
import { recordAttendance, scheduleMeeting, visibleMeetings } from './meeting.service.js';
import {
  MeetingKindValue,
  MeetingRefusedView,
  MeetingView,
  MinutesResult,
  MinutesView,
  RecordAttendanceResult,
} from './meeting.types.js';
import type { Minutes } from './minutes.entity.js';
import {
  minutesOf,
  recordMinutes,
  signaturesOf,
  signMinutes,
  type RecordedMinutes,
} from './minutes.service.js';

function toMeetingView(meeting: Meeting): MeetingView {
  return Object.assign(new MeetingView(), {
    entity: meeting,
    id: meeting.id,
    kind: meeting.kind === 'hearing' ? MeetingKindValue.HEARING : MeetingKindValue.MEETING,
    startsAt: meeting.startsAt,
    location: meeting.location,
    participantIds: meeting.participantIds,
    presentIds: meeting.presentIds,
  });
}

async function toMinutesView(
  ctx: RequestContext,
  minutes: Minutes,
  presentIds: string[],
): Promise<MinutesView> {
  const signatures = await signaturesOf(ctx, minutes);
  return Object.assign(new MinutesView(), {
    id: minutes.id,
    meetingId: minutes.meetingId,
    text: minutes.text,
    recordedAt: minutes.recordedAt,
    revisedAt: minutes.revisedAt,
    final: minutes.finalAt !== null,
    finalAt: minutes.finalAt,
    signatures: signatures.map((s) => ({
      signerId: s.signerId,
      dissent: s.dissent,
      signedAt: s.signedAt,
    })),
    awaitingSignatureIds: presentIds.filter((id) => !signatures.some((s) => s.signerId === id)),
  });
}

function toRefusedView(refusal: MeetingRefused): MeetingRefusedView {
  return Object.assign(new MeetingRefusedView(), {
    code: refusal.code,
    message: MEETING_REFUSALS[refusal.code],
  });
}

@Resolver(() => MeetingView)
export class MeetingResolver {
  @Mutation(() => MeetingView, {
    description: 'Schedules a meeting or hearing (staff on the case).',
  })
  async scheduleMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ScheduleMeetingInput) input: unknown,
  ): Promise<MeetingView> {
    return toMeetingView(await scheduleMeeting(ctx, input));
  }

  @Mutation(() => RecordAttendanceResult, {
    description: 'Records who was present (staff on the case), until the minutes are signed.',
  })
  async recordAttendance(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordAttendanceInput) input: unknown,
  ): Promise<MeetingView | MeetingRefusedView> {
    const result = await recordAttendance(ctx, input);
    return result.kind === 'refused' ? toRefusedView(result) : toMeetingView(result.meeting);
  }

  @Mutation(() => MinutesResult, {
    description: 'Records or revises the minutes (staff on the case) until the first signature.',
  })
  async recordMinutes(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordMinutesInput) input: unknown,
  ): Promise<MinutesView | MeetingRefusedView> {
    const result = await recordMinutes(ctx, input);
    return result.kind === 'refused' ? toRefusedView(result) : minutesResult(ctx, result);
  }

  @Mutation(() => MinutesResult, {
    description: 'Signs the minutes as one of the people present, optionally with a dissent note.',
  })
  async signMinutes(
    @Ctx() ctx: RequestContext,
    @Args(() => SignMinutesArgs) args: unknown,
  ): Promise<MinutesView | MeetingRefusedView> {
    const result = await signMinutes(ctx, args);
    return result.kind === 'refused' ? toRefusedView(result) : minutesResult(ctx, result);
  }

  @FieldResolver(() => MinutesView, { nullable: true, description: 'Null until recorded.' })
  async minutes(
    @Ctx() ctx: RequestContext,
    @Root() view: MeetingView,
  ): Promise<MinutesView | null> {
    const minutes = await minutesOf(ctx, view.entity);
    return minutes ? toMinutesView(ctx, minutes, view.entity.presentIds ?? []) : null;
  }
}

function minutesResult(ctx: RequestContext, recorded: RecordedMinutes): Promise<MinutesView> {
  return toMinutesView(ctx, recorded.minutes, recorded.meeting.presentIds ?? []);
}

@Resolver(() => CaseView)
export class CaseMeetingsResolver {
  @FieldResolver(() => [MeetingView], {
    description:
      'The meetings the viewer may see: staff all, others those they take part in (the client side through the client or a confidant).',
  })
  async meetings(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<MeetingView[]> {
    return (await visibleMeetings(ctx, view.entity)).map(toMeetingView);
  }
}
