import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ContactChannelValue {
  PORTAL = 'portal',
  EMAIL = 'email',
}
registerEnumType(ContactChannelValue, {
  name: 'ContactChannel',
  description:
    'PORTAL: messages only in Klachtpad, no e-mail; EMAIL: also an e-mail, only to an address confirmed as safe.',
});

@ObjectType('SafeContact', {
  description:
    'How the person may be reached outside the portal (ADR 0054). Every automatic message obeys it.',
})
export class SafeContactView {
  @Field(() => ContactChannelValue)
  channel!: ContactChannelValue;

  @Field(() => String, { nullable: true, description: 'The address given for e-mail.' })
  email!: string | null;

  @Field(() => Boolean, { description: 'Whether the person confirmed the address as safe.' })
  emailConfirmed!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'No contact from this time (HH:MM, Amsterdam).',
  })
  quietFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'No contact until this time (HH:MM).' })
  quietTo!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Shown with every message so the person knows it is genuine; staff use it too.',
  })
  codeWord!: string | null;
}
