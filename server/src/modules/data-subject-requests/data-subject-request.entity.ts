import { EntitySchema } from '@mikro-orm/core';

export type DataSubjectRequestKind = 'access' | 'erasure';
export type DataSubjectRequestStatus = 'open' | 'answered' | 'granted' | 'refused';

/**
 * A client's request under the AVG (ADR 0095): access and a copy (art. 15, 20) or erasure
 * (art. 17), with its own clock. The answer itself is not stored (the export is composed from the
 * client's view at each download).
 */
export class DataSubjectRequest {
  organisationId!: string;
  id!: string;
  kind!: DataSubjectRequestKind;
  requesterId!: string;
  note: string | null = null;
  receivedAt!: Date;
  receivedOn!: string;
  /** One month from receipt: the day an extension must be told before. */
  firstDueOn!: string;
  /** The day it is due now (moved once by an extension). */
  dueOn!: string;
  extensionMonths: number | null = null;
  extensionReason: string | null = null;
  extendedAt: Date | null = null;
  extendedBy: string | null = null;
  status!: DataSubjectRequestStatus;
  decidedAt: Date | null = null;
  decidedBy: string | null = null;
  decisionReasons: string | null = null;
}

export const DataSubjectRequestSchema = new EntitySchema<DataSubjectRequest>({
  class: DataSubjectRequest,
  tableName: 'data_subject_requests',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    kind: { type: 'string' },
    requesterId: { type: 'uuid' },
    note: { type: 'text', nullable: true },
    receivedAt: { type: 'Date', columnType: 'timestamptz' },
    receivedOn: { type: 'string', columnType: 'date' },
    firstDueOn: { type: 'string', columnType: 'date' },
    dueOn: { type: 'string', columnType: 'date' },
    extensionMonths: { type: 'integer', nullable: true },
    extensionReason: { type: 'text', nullable: true },
    extendedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    extendedBy: { type: 'uuid', nullable: true },
    status: { type: 'string' },
    decidedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    decidedBy: { type: 'uuid', nullable: true },
    decisionReasons: { type: 'text', nullable: true },
  },
});
