import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  DecideBundleItemsArgs,
  ExtendReferralArgs,
  LinkCommissionInput,
  ProposeBundleItemsArgs,
  ReferralChangeArgs,
} from './commissions.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import type { BundleProposal } from './bundle-proposal.entity.js';
import { bundleProposals, decideBundleItems, proposeBundleItems } from './bundle.service.js';
import {
  commissionLinks,
  linkCommission,
  type CommissionLinkRow,
} from './commission-link.service.js';
import { BundleProposalView, CommissionLinkView, ReferralView } from './commissions.types.js';
import {
  caseReferrals,
  endReferral,
  extendReferral,
  type ReferralRow,
} from './referral.service.js';

function organisationView(organisation: { id: string; slug: string; name: string }) {
  return { id: organisation.id, slug: organisation.slug, name: organisation.name };
}

function linkView(row: CommissionLinkRow): CommissionLinkView {
  return {
    commissionId: row.commissionId,
    label: row.label,
    organisation: row.organisation ? organisationView(row.organisation) : null,
    termDays: row.termDays,
  };
}

function referralView({ referral, commission }: ReferralRow, now: Date): ReferralView {
  return {
    id: referral.id,
    commissionId: referral.procedureCommissionId,
    commission: organisationView(commission),
    referredAt: referral.referredAt,
    endsAt: referral.endsAt,
    endedAt: referral.endedAt,
    endReason: referral.endReason,
    // A referral past its term gives no access even before expiry has been recorded.
    active: referral.endedAt === null && referral.endsAt.getTime() > now.getTime(),
  };
}

function proposalView(proposal: BundleProposal): BundleProposalView {
  return {
    kind: proposal.itemKind,
    itemId: proposal.itemId,
    status: proposal.status,
    proposedAt: proposal.proposedAt,
    decidedAt: proposal.decidedAt,
  };
}

@Resolver(() => CaseView)
export class CommissionsResolver {
  @Query(() => [CommissionLinkView], {
    description:
      'The procedure’s commissions and the commission organisations they are (director).',
  })
  async commissionLinks(@Ctx() ctx: RequestContext): Promise<CommissionLinkView[]> {
    return (await commissionLinks(ctx)).map(linkView);
  }

  @Mutation(() => CommissionLinkView, {
    description: 'Links a commission of the procedure to a commission organisation (director).',
  })
  async linkCommission(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => LinkCommissionInput) input: unknown,
  ): Promise<CommissionLinkView> {
    return linkView(await linkCommission(ctx, input));
  }

  @Mutation(() => ReferralView, {
    description: 'Ends a live referral at once (manager or director).',
  })
  async endReferral(
    @Ctx() ctx: RequestContext,
    @Args(() => ReferralChangeArgs) args: unknown,
  ): Promise<ReferralView> {
    return referralView(await endReferral(ctx, args), ctx.now);
  }

  @Mutation(() => ReferralView, {
    description: 'Gives a live referral more days (manager or director).',
  })
  async extendReferral(
    @Ctx() ctx: RequestContext,
    @Args(() => ExtendReferralArgs) args: unknown,
  ): Promise<ReferralView> {
    return referralView(await extendReferral(ctx, args), ctx.now);
  }

  @Mutation(() => [BundleProposalView], {
    description:
      'Proposes items for the commission’s bundle (staff on the case); the client decides.',
  })
  async proposeBundleItems(
    @Ctx() ctx: RequestContext,
    @Args(() => ProposeBundleItemsArgs) args: unknown,
  ): Promise<BundleProposalView[]> {
    const proposals = await proposeBundleItems(ctx, args);
    return proposals.map(proposalView);
  }

  @Mutation(() => [BundleProposalView], {
    description:
      'The client (or a confidant with submit) approves or declines proposed bundle items.',
  })
  async decideBundleItems(
    @Ctx() ctx: RequestContext,
    @Args(() => DecideBundleItemsArgs) args: unknown,
  ): Promise<BundleProposalView[]> {
    const proposals = await decideBundleItems(ctx, args);
    return proposals.map(proposalView);
  }

  @FieldResolver(() => [ReferralView], {
    nullable: true,
    description:
      'Referrals to commissions: all for staff, its own for a commission member; null otherwise.',
  })
  async referrals(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<ReferralView[] | null> {
    const rows = await caseReferrals(ctx, view.entity);
    return rows ? rows.map((row) => referralView(row, ctx.now)) : null;
  }

  @FieldResolver(() => [BundleProposalView], {
    nullable: true,
    description:
      'What was proposed for the commission’s bundle and decided: for the client side and staff.',
  })
  async bundleProposals(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<BundleProposalView[] | null> {
    const proposals = await bundleProposals(ctx, view.entity);
    return proposals ? proposals.map(proposalView) : null;
  }
}
