import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('RetentionHold', { description: 'A director’s legal hold on a case’s anonymisation.' })
export class RetentionHoldView {
  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeScalar)
  setAt!: Date;

  @Field(() => ID, { description: 'The director who set it.' })
  setById!: string;
}

@ObjectType('RetentionDueCase', {
  description: 'A closed case that falls due for anonymisation soon, or fell due and is held.',
})
export class RetentionDueCaseView {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => String, { description: 'The closing day (YYYY-MM-DD).' })
  closedOn!: string;

  @Field(() => String, {
    description: 'The day it is anonymised: closing day plus the retention term (YYYY-MM-DD).',
  })
  anonymiseOn!: string;

  @Field(() => RetentionHoldView, { nullable: true })
  hold!: RetentionHoldView | null;

  @Field(() => Boolean, {
    description: 'A referral (commission, disputes body) still runs: anonymised after it ends.',
  })
  referralRunning!: boolean;
}

@InputType('SetRetentionHoldInput')
export class SetRetentionHoldInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { description: 'Why the case must be kept (3 to 500 characters).' })
  reason!: string;
}
