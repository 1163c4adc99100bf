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

  @Field(() => String, {
    nullable: true,
    description:
      'The client on whose behalf the person acted (a confidant for the client, staff registering the client’s complaint), by name; null when they acted for themselves.',
  })
  onBehalfOf!: string | null;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => String)
  action!: string;

  @Field(() => String, { description: '`allowed` or `denied`.' })
  outcome!: string;

  @Field(() => Boolean, {
    description:
      'Done by the organisation’s own scheduled work, not a person: `reminder-due` (a reminder was raised) or `term-expired` (a term ran out and the procedure moved the case on).',
  })
  bySystem!: boolean;
}
