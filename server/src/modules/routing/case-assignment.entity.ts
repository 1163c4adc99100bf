import { EntitySchema } from '@mikro-orm/core';
import { Case } from '../cases/case.entity.js';

/**
 * How a person became responsible for a case in a stage: routed by the organisation's rules,
 * assigned by staff, or the member of staff who registered the complaint for the client.
 */
export type AssignmentHow = 'routed' | 'assigned' | 'registered';

/** Who is responsible for a case in one stage of one track (ADR 0098); one per stage. */
export class CaseAssignment {
  organisationId!: string;
  id!: string;
  /** The case's id, read from the `case` relation's column. */
  caseId!: string;
  /** Set when assigning, so the unit of work inserts a case being filed first. */
  case!: Case;
  track!: string;
  stage!: string;
  userId!: string;
  how!: AssignmentHow;
  assignedAt!: Date;
  /** Who assigned them, for `assigned`; the rules and a registration have nobody. */
  assignedBy: string | null = null;
}

export const CaseAssignmentSchema = new EntitySchema<CaseAssignment>({
  class: CaseAssignment,
  tableName: 'case_assignments',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', persist: false },
    case: { kind: 'm:1', entity: () => Case, fieldNames: ['organisation_id', 'case_id'] },
    track: { type: 'text' },
    stage: { type: 'text' },
    userId: { type: 'uuid' },
    how: { type: 'text' },
    assignedAt: { type: 'Date', columnType: 'timestamptz' },
    assignedBy: { type: 'uuid', nullable: true },
  },
});
