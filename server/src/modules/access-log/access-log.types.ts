import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType('AccessLogEntry', {
  description: 'Who accessed a dossier, when, how, and whether it was allowed.',
})
export class AccessLogEntryView {
  @Field(() => DateTimeResolver)
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The person’s name as known in the organisation.',
  })
  who!: string | null;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => String)
  action!: string;

  @Field(() => String, { description: '`allowed` or `denied`.' })
  outcome!: string;
}
