import { Field, ID, ObjectType } from 'type-graphql';

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
}
