import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Role } from '@klachtpad/contracts';
import { Language } from '../../core/graphql/shared.types.js';
import { RoleEnum } from '../memberships/role.graphql.js';
import type { User } from '../users/user.entity.js';

@ObjectType('SignInPayload')
export class SignInPayload {
  @Field(() => String, { description: 'Bearer token for `Authorization`; shown once.' })
  token!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => Boolean, { description: 'Call `verifyMfa` with a code before acting as staff.' })
  mfaRequired!: boolean;
}

@ObjectType('MfaEnrolment')
export class MfaEnrolment {
  @Field(() => String)
  secret!: string;

  @Field(() => String, { description: 'An otpauth:// URI for an authenticator app (QR code).' })
  otpauthUrl!: string;
}

@ObjectType('MembershipView', { description: 'The viewer’s roles in one organisation.' })
export class MembershipView {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: '`care` or `commission`.' })
  kind!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => Boolean)
  mfaRequiredForStaff!: boolean;

  @Field(() => Boolean, {
    description: 'Every handler sees the cases no handler is assigned to yet (the intake queue).',
  })
  handlerIntakeQueue!: boolean;

  @Field(() => Int, {
    description:
      'Months a closed case is kept before it is anonymised: everyone may know how long (AVG art. 13).',
  })
  retentionMonths!: number;
}

@ObjectType('Me')
export class Me {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean)
  mfaEnabled!: boolean;

  @Field(() => Boolean, { description: 'Whether this session passed two-step verification.' })
  sessionMfaVerified!: boolean;

  @Field(() => Language, {
    nullable: true,
    description: 'The language the person chose (`setLanguage`); null until they choose.',
  })
  language!: Language | null;

  @Field(() => [MembershipView])
  memberships!: MembershipView[];

  @Field(() => MembershipView, {
    nullable: true,
    description: 'The organisation named by `X-Organisation`, when the viewer may act in it.',
  })
  activeOrganisation!: MembershipView | null;

  /** What the fields above are read from, when a response asks for them (`MeResolver`). */
  facts!: MeFacts;
}

/** The reads behind `Me`, each made once per request and only if a field needs it. */
export interface MeFacts {
  user(): Promise<User>;
  memberships(): Promise<MembershipView[]>;
  activeOrganisationId: string | undefined;
}

@ObjectType('OwnSession', { description: 'A place the signed-in person is signed in.' })
export class OwnSessionView {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => Boolean)
  mfaVerified!: boolean;

  @Field(() => Boolean, { description: 'The session of this request.' })
  current!: boolean;
}
