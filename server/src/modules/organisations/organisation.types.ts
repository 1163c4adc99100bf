import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('OrganisationSettings', { description: 'How the active organisation works.' })
export class OrganisationSettings {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => Boolean)
  mfaRequiredForStaff!: boolean;

  @Field(() => Boolean, {
    description: 'Every handler sees the cases no handler is assigned to yet (the intake queue).',
  })
  handlerIntakeQueue!: boolean;

  @Field(() => Int, {
    description: 'Months a closed case is kept before it is anonymised (default 24).',
  })
  retentionMonths!: number;
}
