import { EntitySchema } from '@mikro-orm/core';
import type { CaseState } from '@klachtpad/procedures';

export type FilingChannel = 'portal' | 'confidant' | 'in-person' | 'phone' | 'paper' | 'email';

/**
 * A complaint case. The procedure engine's state is kept whole in `state`; the columns beside it
 * are what SQL needs to find, order and authorise cases without opening that state.
 */
export class Case {
  organisationId!: string;
  id!: string;
  /** Readable and unique within the organisation, e.g. MO-2026-0007. */
  reference!: string;
  procedureVersionId!: string;
  clientId!: string;
  filedById!: string;
  channel!: FilingChannel;
  category: string | null = null;
  handlerIds: string[] = [];
  subjectIds: string[] = [];
  confidantIds: string[] = [];
  commissionIds: string[] = [];
  stages: string[] = [];
  state!: CaseState;
  version!: number;
  receivedOn!: string;
  nextDueOn: string | null = null;
  closed = false;
  createdAt!: Date;
  updatedAt!: Date;
}

const uuidArray = { type: 'string[]', columnType: 'uuid[]' } as const;

export const CaseSchema = new EntitySchema<Case>({
  class: Case,
  tableName: 'cases',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    reference: { type: 'string' },
    procedureVersionId: { type: 'uuid' },
    clientId: { type: 'uuid' },
    filedById: { type: 'uuid' },
    channel: { type: 'string' },
    category: { type: 'string', nullable: true },
    handlerIds: { ...uuidArray },
    subjectIds: { ...uuidArray },
    confidantIds: { ...uuidArray },
    commissionIds: { ...uuidArray },
    stages: { type: 'string[]', columnType: 'text[]' },
    state: { type: 'json' },
    version: { type: 'integer' },
    receivedOn: { type: 'string', columnType: 'date' },
    nextDueOn: { type: 'string', columnType: 'date', nullable: true },
    closed: { type: 'boolean' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
