import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { createUnionType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Meeting } from './meeting.entity.js';
import { MeetingRefusalCode } from './meeting.refusals.js';

export enum MeetingKindValue {
  MEETING = 'meeting',
  HEARING = 'hearing',
}
registerEnumType(MeetingKindValue, { name: 'MeetingKind' });
registerEnumType(MeetingRefusalCode, { name: 'MeetingRefusalCode' });

@ObjectType('MinutesSignature')
export class MinutesSignatureView {
  @Field(() => ID)
  signerId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the signer disagrees with, if anything.',
  })
  dissent!: string | null;

  @Field(() => DateTimeScalar)
  signedAt!: Date;
}

@ObjectType('Minutes', {
  description: 'The minutes of a meeting; final once everyone present has signed.',
})
export class MinutesView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  meetingId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revisedAt!: Date | null;

  @Field(() => Boolean)
  final!: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  finalAt!: Date | null;

  @Field(() => [MinutesSignatureView])
  signatures!: MinutesSignatureView[];

  @Field(() => [ID], { description: 'The people present who have not signed yet.' })
  awaitingSignatureIds!: string[];
}

@ObjectType('Meeting', { description: 'A meeting or hearing on a case.' })
export class MeetingView {
  /** The loaded row, for field resolvers; not part of the schema. */
  entity!: Meeting;

  @Field(() => ID)
  id!: string;

  @Field(() => MeetingKindValue)
  kind!: MeetingKindValue;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => [ID], { description: 'Everyone invited.' })
  participantIds!: string[];

  @Field(() => [ID], { nullable: true, description: 'Who was present; null until recorded.' })
  presentIds!: string[] | null;
}

@ObjectType('MeetingRefused', {
  description: 'The meeting or its minutes cannot change now; nothing changed.',
})
export class MeetingRefusedView {
  @Field(() => MeetingRefusalCode)
  code!: MeetingRefusalCode;

  @Field(() => String)
  message!: string;
}

export const RecordAttendanceResult = createUnionType({
  name: 'RecordAttendanceResult',
  types: () => [MeetingView, MeetingRefusedView] as const,
});

export const MinutesResult = createUnionType({
  name: 'MinutesResult',
  types: () => [MinutesView, MeetingRefusedView] as const,
});
