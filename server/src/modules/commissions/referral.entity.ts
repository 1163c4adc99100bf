import { EntitySchema } from '@mikro-orm/core';
import { Case } from '../cases/case.entity.js';

/** Why a referral no longer gives access. */
export type ReferralEndReason = 'procedure' | 'expired' | 'staff';

/**
 * A case referred to a commission organisation, time-boxed. The case row's `commissionIds` lists
 * the commissions of the live referrals; these rows keep the history.
 */
export class Referral {
  organisationId!: string;
  id!: string;
  /** The case's id, read from the `case` relation's column. */
  caseId!: string;
  /** The case referred: set when referring, so the unit of work inserts the case first. */
  case!: Case;
  /** The commission organisation that sees the case while the referral is live. */
  commissionId!: string;
  /** The commission's id in the procedure that referred, e.g. externe-klachtencommissie. */
  procedureCommissionId!: string;
  referredAt!: Date;
  endsAt!: Date;
  endedAt: Date | null = null;
  endReason: ReferralEndReason | null = null;
}

export const ReferralSchema = new EntitySchema<Referral>({
  class: Referral,
  tableName: 'referrals',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', persist: false },
    case: { kind: 'm:1', entity: () => Case, fieldNames: ['organisation_id', 'case_id'] },
    commissionId: { type: 'uuid' },
    procedureCommissionId: { type: 'string' },
    referredAt: { type: 'Date', columnType: 'timestamptz' },
    endsAt: { type: 'Date', columnType: 'timestamptz' },
    endedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    endReason: { type: 'string', nullable: true },
  },
});
