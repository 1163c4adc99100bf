import { z } from 'zod';
import { argsTypeFrom, inputTypeFrom } from '../../core/graphql/zod-input.js';
import { localId, uuid } from '../../core/validation/fields.js';
import { BUNDLE_ITEM_KIND_NAMES } from './bundle-items.js';

export const LinkCommissionSchema = z.object({
  commissionId: localId.meta({ description: 'The commission’s id in the procedure.' }),
  commissionOrganisation: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Een organisatiecode, zoals klachtencommissie.')
    .meta({ description: 'The slug of the commission organisation.' }),
  termDays: z
    .number()
    .int()
    .min(1, 'Minstens 1 dag.')
    .max(1000, 'Hoogstens 1000 dagen.')
    .meta({ description: 'Days a referral runs before it expires (1–1000).' }),
});
export const LinkCommissionInput = inputTypeFrom('LinkCommissionInput', LinkCommissionSchema);
export type LinkCommissionData = z.infer<typeof LinkCommissionSchema>;

export const ReferralChangeSchema = z.object({
  caseId: uuid,
  referralId: uuid,
});
export const ReferralChangeArgs = argsTypeFrom('ReferralChangeArgs', ReferralChangeSchema);

export const ExtendReferralSchema = ReferralChangeSchema.extend({
  days: z.number().int().min(1, 'Minstens 1 dag.').max(1000, 'Hoogstens 1000 dagen.'),
});
export const ExtendReferralArgs = argsTypeFrom('ExtendReferralArgs', ExtendReferralSchema);

const bundleItem = z.object({
  kind: z
    .enum(BUNDLE_ITEM_KIND_NAMES)
    .meta({ description: 'The kind of item: event, message or document.' }),
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({
      description: 'The item’s id; for an event, its sequence in the timeline.',
      graphql: { type: 'ID' },
    }),
});
const BundleItemSchema = bundleItem.meta({ graphql: { name: 'BundleItemInput' } });
const BundleDecisionSchema = bundleItem
  .extend({ approve: z.boolean() })
  .meta({ graphql: { name: 'BundleDecisionInput' } });

export const ProposeBundleItemsSchema = z.object({
  caseId: uuid,
  items: z.array(BundleItemSchema).min(1, 'Kies ten minste één onderdeel.').max(100),
});
export type ProposeBundleItemsData = z.infer<typeof ProposeBundleItemsSchema>;
export const ProposeBundleItemsArgs = argsTypeFrom(
  'ProposeBundleItemsArgs',
  ProposeBundleItemsSchema,
);

export const DecideBundleItemsSchema = z.object({
  caseId: uuid,
  decisions: z.array(BundleDecisionSchema).min(1, 'Kies ten minste één onderdeel.').max(100),
});
export type DecideBundleItemsData = z.infer<typeof DecideBundleItemsSchema>;
export const DecideBundleItemsArgs = argsTypeFrom('DecideBundleItemsArgs', DecideBundleItemsSchema);
