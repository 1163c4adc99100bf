import { EntitySchema } from '@mikro-orm/core';

/**
 * A closed case that is not anonymised yet, with the day it falls due (view `case_retention`):
 * its closing day, as the register counts it, plus the organisation's retention term.
 */
export class CaseRetention {
  organisationId!: string;
  caseId!: string;
  reference!: string;
  category!: string | null;
  closedOn!: string;
  anonymiseOn!: string;
  retentionHoldReason!: string | null;
  retentionHoldSetAt!: Date | null;
  retentionHoldSetBy!: string | null;
}

export const CaseRetentionSchema = new EntitySchema<CaseRetention>({
  class: CaseRetention,
  tableName: 'case_retention',
  readonly: true,
  properties: {
    organisationId: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', primary: true },
    reference: { type: 'string' },
    category: { type: 'string', nullable: true },
    closedOn: { type: 'string', columnType: 'date' },
    anonymiseOn: { type: 'string', columnType: 'date' },
    retentionHoldReason: { type: 'text', nullable: true },
    retentionHoldSetAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    retentionHoldSetBy: { type: 'uuid', nullable: true },
  },
});
