import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Role } from '@klachtpad/contracts';
import type { Position } from '@klachtpad/procedures';
import { DirectorPositionEnum, RoleEnum } from './role.graphql.js';

@ObjectType('Member', { description: 'A person with roles in the active organisation.' })
export class MemberView {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => String, {
    nullable: true,
    description:
      'The account address, for those who manage members (managers, directors), of staff and confidants only: never a client’s.',
  })
  email!: string | null;

  @Field(() => DateTimeScalar, { description: 'Since when (or, re-invited, since when again).' })
  memberSince!: Date;

  @Field(() => DirectorPositionEnum, {
    nullable: true,
    description:
      'A director’s position (directie or bestuur); null for a director who holds both, and for everyone else.',
  })
  position!: Position | null;
}

@ObjectType('Invitation', { description: 'An open invitation to take roles in the organisation.' })
export class InvitationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'The link works until then, once.' })
  expiresAt!: Date;
}

@ObjectType('InvitationPreview', {
  description: 'What the holder of an invitation link is invited to (the accept page).',
})
export class InvitationPreview {
  @Field(() => String)
  organisationName!: string;

  @Field(() => String)
  organisationSlug!: string;

  @Field(() => String)
  email!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => Boolean, {
    description:
      'The address has an account: accepting asks for its password instead of a new one.',
  })
  accountExists!: boolean;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}

@ObjectType('ClientAccount', {
  description: 'An account staff made for a client who came in person (ADR 0096).',
})
export class ClientAccountView {
  @Field(() => MemberView)
  member!: MemberView;

  @Field(() => InvitationView, {
    nullable: true,
    description: 'The invitation to the portal, when the client gave an address.',
  })
  invitation!: InvitationView | null;
}
