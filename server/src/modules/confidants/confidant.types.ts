import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, ObjectType } from 'type-graphql';

const SCOPES_DESCRIPTION =
  'What the confidant may do: `view` (always), `draft`, `submit` (act for the client), `receive-letters`, `attend-meetings`.';

@ObjectType('Confidant', {
  description: 'A member of the organisation a client may choose as confidant.',
})
export class ConfidantView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('ConfidantGrant', {
  description: 'A client’s grant to a confidant on one case; revoked grants stay as history.',
})
export class ConfidantGrantView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The client who gave the grant.' })
  clientId!: string;

  @Field(() => String, { nullable: true })
  clientName!: string | null;

  @Field(() => ID)
  confidantId!: string;

  @Field(() => String, { nullable: true })
  confidantName!: string | null;

  @Field(() => [String], { description: SCOPES_DESCRIPTION })
  scopes!: string[];

  @Field(() => DateTimeScalar)
  grantedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether the grant is in force now.' })
  live!: boolean;
}

@ObjectType('ConfidantAuthorisation', {
  description:
    'A client’s standing authorisation for a confidant to file complaints on their behalf; each case filed that way gets its own grant.',
})
export class ConfidantAuthorisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => String, { nullable: true })
  clientName!: string | null;

  @Field(() => ID)
  confidantId!: string;

  @Field(() => String, { nullable: true })
  confidantName!: string | null;

  @Field(() => [String], { description: SCOPES_DESCRIPTION })
  scopes!: string[];

  @Field(() => DateTimeScalar)
  grantedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean)
  live!: boolean;
}
