import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';

export enum DataSubjectRequestKindValue {
  ACCESS = 'access',
  ERASURE = 'erasure',
}
registerEnumType(DataSubjectRequestKindValue, {
  name: 'DataSubjectRequestKind',
  description: 'ACCESS: access and a copy (AVG art. 15, 20); ERASURE: erasure (art. 17).',
});

export enum DataSubjectRequestStatusValue {
  OPEN = 'open',
  ANSWERED = 'answered',
  GRANTED = 'granted',
  REFUSED = 'refused',
}
registerEnumType(DataSubjectRequestStatusValue, {
  name: 'DataSubjectRequestStatus',
  description: 'OPEN until answered (access) or decided (erasure: GRANTED or REFUSED).',
});

@ObjectType('DataSubjectRequestExtension', {
  description: 'The one extension of a request’s term, told to the client with its reason.',
})
export class DataSubjectRequestExtensionView {
  @Field(() => Int)
  months!: number;

  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeScalar, { description: 'When it was given and the client told.' })
  at!: Date;
}

@ObjectType('DataExportLinks', {
  description: 'Where the client downloads the answer (GET, same session and X-Organisation).',
})
export class DataExportLinksView {
  @Field(() => String)
  json!: string;

  @Field(() => String)
  pdf!: string;
}

@ObjectType('DataSubjectRequest', {
  description: 'A client’s request under the AVG, with its own clock (ADR 0095).',
})
export class DataSubjectRequestView {
  @Field(() => ID)
  id!: string;

  @Field(() => DataSubjectRequestKindValue)
  kind!: DataSubjectRequestKindValue;

  @Field(() => DataSubjectRequestStatusValue)
  status!: DataSubjectRequestStatusValue;

  @Field(() => ID)
  requesterId!: string;

  @Field(() => String, { nullable: true, description: 'The client’s name (for staff).' })
  requesterName!: string | null;

  @Field(() => String, { nullable: true, description: 'What the client wrote with it.' })
  note!: string | null;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => String, { description: 'The day of receipt (YYYY-MM-DD).' })
  receivedOn!: string;

  @Field(() => String, {
    description: 'One month from receipt (YYYY-MM-DD): an extension must be told before it ends.',
  })
  firstDueOn!: string;

  @Field(() => String, { description: 'The day it is due now (YYYY-MM-DD).' })
  dueOn!: string;

  @Field(() => LabelView, { description: 'How the due day follows from receipt, in words.' })
  dueDerivation!: LabelView;

  @Field(() => Boolean, { description: 'Still open after the day it was due.' })
  overdue!: boolean;

  @Field(() => DataSubjectRequestExtensionView, { nullable: true })
  extension!: DataSubjectRequestExtensionView | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When answered or decided.' })
  decidedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who answered or decided (for staff).' })
  decidedById!: string | null;

  @Field(() => String, { nullable: true, description: 'The reasons of an erasure decision.' })
  decisionReasons!: string | null;

  @Field(() => DataExportLinksView, {
    nullable: true,
    description:
      'The answer to download: for the client who asked, once an access request is answered.',
  })
  download!: DataExportLinksView | null;
}

@InputType('DataAccessRequestInput')
export class DataAccessRequestInput {
  @Field(() => String, { nullable: true, description: 'Optional: what you look for.' })
  note?: string | null;
}

@InputType('ErasureRequestInput')
export class ErasureRequestInput {
  @Field(() => String, { description: 'Which data are to be erased, and why if you like.' })
  note!: string;
}

@InputType('ExtendDataSubjectRequestInput')
export class ExtendDataSubjectRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1 or 2 months (AVG art. 12(3)).' })
  months!: number;

  @Field(() => String, { description: 'Why: the client is told it (3 to 1000 characters).' })
  reason!: string;
}

@InputType('DecideErasureRequestInput')
export class DecideErasureRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  granted!: boolean;

  @Field(() => String, { description: 'The reasons (3 to 2000 characters), told to the client.' })
  reasons!: string;
}
