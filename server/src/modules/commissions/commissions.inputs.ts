import { z } from 'zod';
import { BUNDLE_ITEM_KIND_NAMES } from './bundle-items.js';

const uuid = z.string().uuid('Geen geldig id.');
const localId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Een id uit de procedure, zoals externe-klachtencommissie.');

export const LinkCommissionSchema = z.object({
  /** The commission's id in the procedure. */
  commissionId: localId,
  /** The slug of the commission organisation. */
  commissionOrganisation: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Een organisatiecode, zoals klachtencommissie.'),
  termDays: z.number().int().min(1, 'Minstens 1 dag.').max(1000, 'Hoogstens 1000 dagen.'),
});
export type LinkCommissionData = z.infer<typeof LinkCommissionSchema>;

export const ReferralChangeSchema = z.object({
  caseId: uuid,
  referralId: uuid,
});

export const ExtendReferralSchema = ReferralChangeSchema.extend({
  days: z.number().int().min(1, 'Minstens 1 dag.').max(1000, 'Hoogstens 1000 dagen.'),
});

const bundleItem = z.object({
  kind: z.enum(BUNDLE_ITEM_KIND_NAMES),
  id: z.string().min(1).max(64),
});

export const ProposeBundleItemsSchema = z.object({
  caseId: uuid,
  items: z.array(bundleItem).min(1, 'Kies ten minste één onderdeel.').max(100),
});
export type ProposeBundleItemsData = z.infer<typeof ProposeBundleItemsSchema>;

export const DecideBundleItemsSchema = z.object({
  caseId: uuid,
  decisions: z
    .array(bundleItem.extend({ approve: z.boolean() }))
    .min(1, 'Kies ten minste één onderdeel.')
    .max(100),
});
export type DecideBundleItemsData = z.infer<typeof DecideBundleItemsSchema>;
