import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';

@ObjectType('CommissionOrganisation', {
  description: 'An organisation of kind commission, serving several care organisations.',
})
export class CommissionOrganisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('CommissionLink', {
  description: 'A commission the procedure names, and the commission organisation it is here.',
})
export class CommissionLinkView {
  @Field(() => String, { description: 'The commission’s id in the procedure.' })
  commissionId!: string;

  @Field(() => LabelView, { nullable: true, description: 'Its name in the current procedure.' })
  label!: LabelView | null;

  @Field(() => CommissionOrganisationView, {
    nullable: true,
    description: 'Null while unlinked: the procedure cannot refer to it yet.',
  })
  organisation!: CommissionOrganisationView | null;

  @Field(() => Int, { nullable: true, description: 'Days a referral runs before it expires.' })
  termDays!: number | null;
}

@ObjectType('Referral', { description: 'A case referred to a commission, time-boxed.' })
export class ReferralView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The commission’s id in the procedure that referred.' })
  commissionId!: string;

  @Field(() => CommissionOrganisationView)
  commission!: CommissionOrganisationView;

  @Field(() => DateTimeScalar)
  referredAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  endedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'procedure (the procedure ended it), expired or staff.',
  })
  endReason!: string | null;

  @Field(() => Boolean, { description: 'Whether the commission sees the case now.' })
  active!: boolean;
}

@ObjectType('BundleProposal', {
  description: 'An item staff proposed for the commission’s bundle, and the client’s decision.',
})
export class BundleProposalView {
  @Field(() => String, { description: 'The kind of item: event, message or document.' })
  kind!: string;

  @Field(() => ID, { description: 'The item’s id; for an event, its sequence in the timeline.' })
  itemId!: string;

  @Field(() => String, { description: 'proposed, approved or declined.' })
  status!: string;

  @Field(() => DateTimeScalar)
  proposedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;
}
