import { EntitySchema } from '@mikro-orm/core';
import type { ItemVisibility } from '../../core/authz/ability.js';
import { Case } from './case.entity.js';

/**
 * One entry of a case's timeline, written in the same transaction as the change it records. The
 * rows double as the outbox for live updates, so each carries what is needed to re-check who may
 * see it.
 */
export class CaseEvent {
  organisationId!: string;
  id!: string;
  /** The case's id, read from the `case` relation's column. */
  caseId!: string;
  /** The case it belongs to: set when appending, so the unit of work inserts the case first. */
  case!: Case;
  sequence!: number;
  type!: string;
  visibility!: ItemVisibility;
  bundled = false;
  addresseeId: string | null = null;
  actorId: string | null = null;
  onBehalfOfId: string | null = null;
  payload!: Record<string, unknown>;
  occurredAt!: Date;
}

export const CaseEventSchema = new EntitySchema<CaseEvent>({
  class: CaseEvent,
  tableName: 'case_events',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'bigint', primary: true, autoincrement: true },
    caseId: { type: 'uuid', persist: false },
    case: { kind: 'm:1', entity: () => Case, fieldNames: ['organisation_id', 'case_id'] },
    sequence: { type: 'integer' },
    type: { type: 'string' },
    visibility: { type: 'string' },
    bundled: { type: 'boolean' },
    addresseeId: { type: 'uuid', nullable: true },
    actorId: { type: 'uuid', nullable: true },
    onBehalfOfId: { type: 'uuid', nullable: true },
    payload: { type: 'json' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
