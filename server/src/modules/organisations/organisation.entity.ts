import { EntitySchema, type Opt } from '@mikro-orm/core';

export type OrganisationKind = 'care' | 'commission';

/** A tenant: a care organisation, or a complaints commission serving several of them. */
export class Organisation {
  id!: string;
  slug!: string;
  name!: string;
  kind!: OrganisationKind;
  /** Staff roles must pass MFA in this organisation; on by default for new organisations. */
  mfaRequiredForStaff!: boolean;
  /** Every handler sees the cases no handler is assigned to yet; off by default. */
  handlerIntakeQueue!: boolean;
  /** The legal regime the platform operator set the organisation up for (ADR 0092). */
  regime: string | null = null;
  /** The shipped procedure template the organisation starts from (`startingProcedure`). */
  procedureTemplate: string | null = null;
  /** Months a closed case is kept before it is anonymised (ADR 0094); 24 unless the director sets it. */
  retentionMonths: Opt<number> = 24;
  createdAt!: Date;
}

export const OrganisationSchema = new EntitySchema<Organisation>({
  class: Organisation,
  tableName: 'organisations',
  properties: {
    id: { type: 'uuid', primary: true },
    slug: { type: 'string', unique: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    mfaRequiredForStaff: { type: 'boolean' },
    handlerIntakeQueue: { type: 'boolean' },
    regime: { type: 'string', nullable: true },
    procedureTemplate: { type: 'string', nullable: true },
    retentionMonths: { type: 'integer', default: 24 },
    createdAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
  },
});
