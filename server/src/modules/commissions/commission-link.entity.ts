import { EntitySchema } from '@mikro-orm/core';

/**
 * Which commission organisation a procedure's commission is, for one organisation, and how long a
 * referral to it runs. Procedures name commissions locally (`externe-klachtencommissie`); access is
 * given to an organisation of kind `commission`, so the link decides who may see referred cases.
 */
export class CommissionLink {
  organisationId!: string;
  /** The id of the commission in the procedure definition. */
  procedureCommissionId!: string;
  commissionOrganisationId!: string;
  /** Calendar days a referral runs before it expires, unless staff extend it. */
  termDays!: number;
  updatedBy!: string;
  updatedAt!: Date;
}

export const CommissionLinkSchema = new EntitySchema<CommissionLink>({
  class: CommissionLink,
  tableName: 'commission_links',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    procedureCommissionId: { type: 'string', primary: true },
    commissionOrganisationId: { type: 'uuid' },
    termDays: { type: 'integer' },
    updatedBy: { type: 'uuid' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
