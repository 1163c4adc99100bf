import { CursorScalar, DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../cases/case.types.js';

@ObjectType('AccessLogEntry', {
  description: 'Who accessed a dossier, when, how, and whether it was allowed.',
})
export class AccessLogEntryView {
  @Field(() => DateTimeScalar)
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

  @Field(() => String, {
    nullable: true,
    description:
      'The organisation the person acted from, by name: the commission organisation for a member of a commission reading a referred case, this organisation for its own people; null for the organisation’s scheduled work.',
  })
  actorOrganisation!: string | null;

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

@ObjectType('OrganisationAccessLogEntry', {
  description:
    'A line of the organisation’s access log, for its directors: the dossier line with the case and person it concerns.',
})
export class OrganisationAccessLogEntryView extends AccessLogEntryView {
  @Field(() => ID, { description: 'The line’s place in the log (newest lines have higher ids).' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The person who acted; null for the system.' })
  actorId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The case, when the access concerned one.' })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'Its reference, e.g. BMHR-2026-0003.' })
  caseReference!: string | null;
}

@ObjectType('OrganisationAccessLogEdge')
export class OrganisationAccessLogEdge {
  @Field(() => CursorScalar)
  cursor!: string;

  @Field(() => OrganisationAccessLogEntryView)
  node!: OrganisationAccessLogEntryView;
}

@ObjectType('OrganisationAccessLogConnection', {
  description:
    'The organisation’s access log, newest first. No total: counting the whole log would read all of it.',
})
export class OrganisationAccessLogConnection {
  @Field(() => [OrganisationAccessLogEdge])
  edges!: OrganisationAccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
