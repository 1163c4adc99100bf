import { CursorScalar, DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';
import { PageInfo } from '../cases/case.types.js';

@ObjectType('Notification', {
  description:
    'Something the viewer must hear about in this organisation. It says only what they may see: the case reference, the step, dates, the procedure’s own words; never a complaint’s text.',
})
export class NotificationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'complaint-received, complaint-filed, handler-assigned, meeting-invitation, minutes-to-sign, term-extended, case-forwarded, awaiting-you, decision, letter, deadline-reminder, term-overdue, referral-received, procedure-notice; for AVG requests data-request-received, data-request-due, data-request-overdue, data-request-extended, data-request-answered or erasure-decided.',
  })
  kind!: string;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'The case reference, e.g. BMHR-2026-0003.' })
  reference!: string | null;

  @Field(() => LabelView, { description: 'The notification in words, in both languages.' })
  message!: LabelView;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt!: Date | null;
}

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field(() => CursorScalar)
  cursor!: string;

  @Field(() => NotificationView)
  node!: NotificationView;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => Int, { description: 'How many of all of them are not read yet.' })
  unreadCount!: number;
}
