import { EntitySchema } from '@mikro-orm/core';

export type BundleProposalStatus = 'proposed' | 'approved' | 'declined';

/** Staff propose an item for the commission's bundle; the client approves or declines it. */
export class BundleProposal {
  organisationId!: string;
  id!: string;
  caseId!: string;
  /** A kind of the bundle item registry (`bundle-items.ts`). */
  itemKind!: string;
  itemId!: string;
  proposedBy!: string;
  proposedAt!: Date;
  status: BundleProposalStatus = 'proposed';
  decidedBy: string | null = null;
  /** The client, when a confidant decided on their behalf. */
  decidedOnBehalfOf: string | null = null;
  decidedAt: Date | null = null;
}

export const BundleProposalSchema = new EntitySchema<BundleProposal>({
  class: BundleProposal,
  tableName: 'bundle_proposals',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    itemKind: { type: 'string' },
    itemId: { type: 'string' },
    proposedBy: { type: 'uuid' },
    proposedAt: { type: 'Date', columnType: 'timestamptz' },
    status: { type: 'string' },
    decidedBy: { type: 'uuid', nullable: true },
    decidedOnBehalfOf: { type: 'uuid', nullable: true },
    decidedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
